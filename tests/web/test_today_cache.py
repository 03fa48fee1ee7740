"""Today's drawn page is kept per process and served again only while what it shows is the same."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest

from nextround.config import Settings
from nextround.domain.companies import CompanyChanges
from nextround.domain.tasks import Kind
from nextround.services import companies, tasks
from nextround.web.security import CSRF_COOKIE
from nextround.web.today import PAGES
from tests.web.conftest import BASE, Browser, make_client
from tests.web.hosted import add_user, hosted_settings, logged_in, site
from tests.web.scenario import ctx_of
from tests.web.test_today import of_kind, planned

TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


@pytest.fixture(autouse=True)
def no_kept_pages() -> Iterator[None]:
    PAGES.clear()
    yield
    PAGES.clear()


def tokens_in(page: str) -> set[str]:
    """Every CSRF token the page carries: its <meta> and every form's hidden field."""
    return set(TOKEN.findall(page)) | set(re.findall(r'name="csrf" value="([^"]+)"', page))


def test_the_kept_page_is_the_page_as_drawn(client: Browser) -> None:
    planned(ctx_of(client))
    first = client.load("/")
    assert len(PAGES) == 1
    again = client.load("/")
    assert again == first and len(PAGES) == 1
    PAGES.clear()
    assert client.load("/") == first  # drawn anew: the same bytes


def test_a_change_by_another_face_shows_on_the_next_today(client: Browser) -> None:
    ctx = ctx_of(client)
    steps = planned(ctx)
    email = of_kind(steps, Kind.CONGRATS_EMAIL)
    before = client.load("/")
    assert f'id="task-{email.id}"' in before
    tasks.mark_done(ctx_of(client), email.id)  # as the command line would
    after = client.load("/")
    assert f'id="task-{email.id}"' not in after
    assert "Dana Smith" in after
    # A change to a row's company (another table) shows too.
    acme = next(t.company_id for t in steps if t.company_id)
    companies.edit_company(ctx_of(client), acme, CompanyChanges(name="Acme Renamed Ltd"))
    renamed = client.load("/")
    assert "Acme Renamed Ltd" in renamed and ">Acme<" not in renamed


def test_each_browser_gets_its_own_csrf_token_in_a_kept_page(client: Browser) -> None:
    planned(ctx_of(client))
    mine = client.load("/")
    assert tokens_in(mine) == {client.csrf}
    assert client.cookies.get(CSRF_COOKIE) == client.csrf
    other = Browser(client.app, base_url=BASE)  # another browser on the same server
    response = other.get("/")  # no CSRF cookie yet: a new token, set as one
    assert response.status_code == 200
    fresh = response.cookies.get(CSRF_COOKIE)
    assert fresh and fresh != client.csrf
    assert tokens_in(response.text) == {fresh}
    assert response.headers["cache-control"] == "no-store"
    again = other.get("/")  # the cookie sent back: the same token, no new cookie
    assert tokens_in(again.text) == {fresh} and CSRF_COOKIE not in again.cookies
    assert len(PAGES) == 1  # one page kept, served to both with their own tokens
    assert mine.replace(client.csrf, fresh) == again.text


def test_another_app_keeps_its_own_pages(client: Browser, web_settings: Settings) -> None:
    planned(ctx_of(client))
    here = client.load("/")
    with make_client(web_settings) as elsewhere:  # the same database, another app
        there = elsewhere.load("/")
    elsewhere.app.state.web.close()  # type: ignore[attr-defined]
    assert here.replace(client.csrf, elsewhere.csrf) == there
    assert len(PAGES) == 2


def test_a_form_on_a_kept_page_posts(client: Browser) -> None:
    email = of_kind(planned(ctx_of(client)), Kind.CONGRATS_EMAIL)
    client.load("/")
    page = client.load("/")  # served from the kept page
    revision = re.search(rf'action="/tasks/{email.id}/skip".*?name="revision" value="(\d+)"', page)
    assert revision
    done = client.submit(f"/tasks/{email.id}/skip", {"next": "/", "revision": revision.group(1)})
    assert done.status_code == 303
    after = client.get("/")
    assert f'id="task-{email.id}"' not in after.text
    assert "Undo" in after.text  # the notice: drawn, not kept
    assert f'id="task-{email.id}"' not in client.load("/")


@pytest.mark.postgres
def test_a_hosted_user_never_gets_another_users_page(
    web_settings: Settings, postgres_url: str
) -> None:
    hosted = hosted_settings(web_settings, postgres_url)
    with site(hosted) as ctx:
        ana, bo = add_user(ctx, "ana@example.org"), add_user(ctx, "bo@example.org")
        ana_steps = planned(ctx.fresh(owner=ana))
        bo_steps = planned(ctx.fresh(owner=bo))
    with logged_in(hosted, "ana@example.org") as ana_browser:
        ana_page = ana_browser.load("/")
        ana_browser.load("/")
    with logged_in(hosted, "bo@example.org") as bo_browser:
        bo_page = bo_browser.load("/")
        for step in ana_steps:
            assert f'id="task-{step.id}"' not in bo_page
        for step in bo_steps:
            if step.due <= hosted.today:
                assert f'id="task-{step.id}"' in bo_page
                assert f'id="task-{step.id}"' not in ana_page
        assert tokens_in(bo_page) == {bo_browser.csrf}
        # Bo's own write through the API shows on his next Today.
        bo_browser.headers["X-CSRF-Token"] = bo_browser.csrf
        first = next(s for s in bo_steps if s.due <= hosted.today)
        assert bo_browser.post(f"/api/v1/tasks/{first.id}/done").status_code == 200
        assert f'id="task-{first.id}"' not in bo_browser.load("/")
    assert len(PAGES) >= 2


def test_a_pinned_day_and_the_address_are_part_of_the_page(web_settings: Settings) -> None:
    with make_client(web_settings) as browser:
        planned(ctx_of(browser))
        here = browser.get("/").text
    browser.app.state.web.close()  # type: ignore[attr-defined]
    later = replace(web_settings, today=web_settings.today.replace(day=web_settings.today.day + 1))
    with make_client(later) as browser:
        there = browser.get("/").text
    browser.app.state.web.close()  # type: ignore[attr-defined]
    assert here != there
    assert len(PAGES) == 2
