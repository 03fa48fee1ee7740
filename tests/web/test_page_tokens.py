"""Every form a page renders carries the page's CSRF token, in imported macros too.

``Browser.submit`` adds the token itself, so it can't notice a form rendered
without one; these tests read the forms as the browser gets them.
"""

from __future__ import annotations

import re

from tests.web.conftest import Browser

_FORM = re.compile(r'<form method="post"[^>]*>(.*?)</form>', re.DOTALL)


def tokens_in_forms(page: str) -> list[str]:
    """The ``csrf`` value of each posting form, '' where a form has none."""
    found = []
    for body in _FORM.findall(page):
        token = re.search(r'<input type="hidden" name="csrf" value="([^"]*)">', body)
        found.append(token.group(1) if token else "")
    return found


def test_the_welcome_forms_carry_the_token(client: Browser) -> None:
    tokens = tokens_in_forms(client.load("/"))
    assert tokens == [client.csrf, client.csrf]  # who you are, and the demo


def test_each_task_form_on_today_carries_the_token(client: Browser) -> None:
    assert client.submit("/demo").status_code == 303
    tokens = tokens_in_forms(client.load("/"))
    assert len(tokens) >= 9  # done, skip and snooze for each task
    assert set(tokens) == {client.csrf}


def test_a_form_posted_as_rendered_goes_through(client: Browser) -> None:
    *_, token = tokens_in_forms(client.load("/"))
    response = client.post("/demo", data={"csrf": token}, follow_redirects=False)
    assert response.status_code == 303
