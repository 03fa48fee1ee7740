"""The long lists on the pages show a page at a time, with a "Next page" link that goes on.

Companies, people, the trash and the applications' list view; each is walked with a small ``limit`` and must show
every row once, in the order of the whole list.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.web.apihelpers import created
from tests.web.conftest import Browser, as_api

#: Each list page, and how its rows show their ids.
LISTS = {
    "/companies": r'<td><a href="/companies/(\d+)">',
    "/people": r'<td><a href="/people/(\d+)">',
    "/trash": r'id="trash-(\d+)"',
    "/applications?view=list": r'<tr id="app-(\d+)">',
}
NEXT = re.compile(r'<a href="([^"]+)" rel="next">Next page</a>')
FIRST = re.compile(r'<a href="([^"]+)" rel="first">First page</a>')


@pytest.fixture
def filled(client: Browser) -> Browser:
    api = as_api(client)
    ids = [created(api, "/api/v1/companies", {"name": n})["id"] for n in ("Zed", "adam", "Ébène")]
    for i, name in enumerate(["Mo", "lee", "Ann", "Åsa", "ann"]):
        created(api, "/api/v1/people", {"name": name, "company_id": ids[i % 3]})
    for i, day in enumerate(["2026-10-02", None, "2026-10-01", "2026-10-02", None]):
        applied = {"applied_on": day} if day else {}
        body = {"company_id": ids[i % 3], "role": f"Role {i}", **applied}
        created(api, "/api/v1/applications", body)
    for i in range(5):
        gone = created(api, "/api/v1/companies", {"name": f"Gone {i}"})
        assert api.delete(f"/api/v1/companies/{gone['id']}").status_code == 204
    return client


def _ids(page: str, pattern: str) -> list[str]:
    return re.findall(pattern, page)


@pytest.mark.parametrize("path", LISTS)
def test_a_long_list_goes_on_with_next_page(filled: Browser, path: str) -> None:
    pattern = LISTS[path]
    whole = filled.get(path).text
    everything = _ids(whole, pattern)
    assert len(everything) >= 3
    assert not NEXT.search(whole) and not FIRST.search(whole)  # one page: no pager
    seen: list[str] = []
    url: str | None = f"{path}{'&' if '?' in path else '?'}limit=2"
    pages = 0
    while url is not None:
        response = filled.get(url)
        assert response.status_code == 200, response.text
        seen.extend(_ids(response.text, pattern))
        assert bool(FIRST.search(response.text)) == (pages > 0)
        found = NEXT.search(response.text)
        url = html.unescape(found.group(1)) if found else None
        pages += 1
    assert seen == everything
    assert pages == -(-len(everything) // 2)


def test_a_filter_stays_on_the_next_page(filled: Browser) -> None:
    company = re.findall(LISTS["/companies"], filled.get("/companies").text)[0]
    first = filled.get(f"/people?company={company}&limit=1")
    link = html.unescape(NEXT.search(first.text).group(1))  # type: ignore[union-attr]
    assert f"company={company}" in link
    response = filled.get(link)
    assert response.status_code == 200
    assert FIRST.search(response.text)
    cursor = re.search(r"cursor=([^&]+)", link).group(1)  # type: ignore[union-attr]
    everyone = filled.get(f"/people?cursor={cursor}")  # another filter: not this list's cursor
    assert everyone.status_code == 422
    assert "cursor" in everyone.text


def test_a_bad_limit_on_a_page_says_so(filled: Browser) -> None:
    response = filled.get("/companies?limit=5000")
    assert response.status_code == 422
    assert "limit" in response.text
