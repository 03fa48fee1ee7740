"""On a hosted site, Today checks its session in the page's own transaction (one a request),
and the gate still holds back anything a claimed page sends before its session is checked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from nextround.config import Settings
from nextround.services import logins, tasks, users
from nextround.storage import server
from nextround.web import sessions
from nextround.web.sessions import SESSION_COOKIE
from nextround.web.today import PAGES
from tests.web.conftest import make_client
from tests.web.hosted import add_user, deployed, logged_in, site
from tests.web.test_today import planned

pytestmark = pytest.mark.postgres


@pytest.fixture
def hosted(
    web_settings: Settings, postgres_admin_url: str, postgres_url: str
) -> Iterator[Settings]:
    """A site as deployed: the app's role under row-level security, as the owner switch
    inside the transaction must work there."""
    with deployed(web_settings, postgres_admin_url, postgres_url) as settings:
        with site(settings) as ctx:
            ana = add_user(ctx, "ana@example.org")
            add_user(ctx, "bo@example.org")
            planned(ctx.fresh(owner=ana))  # steps due on Today: Ana's page lists them
        PAGES.clear()
        yield settings
        PAGES.clear()


@contextmanager
def transactions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every transaction begun on PostgreSQL meanwhile: the owner each began with."""
    begun: list[Any] = []
    real = server.begin

    def counted(connection: Any, owner: Any = None) -> None:
        begun.append(owner)
        real(connection, owner)

    monkeypatch.setattr(server, "begin", counted)
    yield begun
    monkeypatch.setattr(server, "begin", real)


def test_today_is_one_transaction_with_its_session_check(
    hosted: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with site(hosted) as ctx:
        ana_id = users.user_id_for(ctx, "ana@example.org")
        ana_steps = tasks.list_tasks(ctx.fresh(owner=ana_id))
    with logged_in(hosted, "ana@example.org") as ana:
        with transactions(monkeypatch) as begun:
            page = ana.get("/", follow_redirects=False)
        assert page.status_code == 200
        assert begun == [None]  # begun as no one: the session said whose rows followed
        due = [s for s in ana_steps if s.due <= hosted.today]
        assert due and all(f'id="task-{s.id}"' in page.text for s in due)
        assert "Log out" in page.text  # the request is logged in, as the gate would say
        # Elsewhere the gate still checks first: two transactions for the settings page.
        with transactions(monkeypatch) as begun:
            assert ana.get("/settings").status_code == 200
        assert len(begun) >= 2 and begun[0] is not None


def test_today_with_a_bad_session_is_the_login_page_and_shows_nothing(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        ana.load("/")  # her page drawn and kept
        token = ana.cookies.get(SESSION_COOKIE)
        assert token
    with make_client(hosted) as visitor:
        for forged in ("not-a-session", "x" * 300, token[:-2] + "zz", ""):
            visitor.cookies.set(SESSION_COOKIE, forged, domain="127.0.0.1")
            for method in ("GET", "HEAD"):
                answer = visitor.request(method, "/", follow_redirects=False)
                assert answer.status_code == 303, (forged, method)
                assert answer.headers["location"] == "/login"
                assert "task-" not in answer.text
    visitor.app.state.web.close()  # type: ignore[attr-defined]


def test_an_ended_expired_or_disabled_session_opens_no_today(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        token = ana.cookies.get(SESSION_COOKIE)
        with site(hosted) as ctx:
            logins.log_out(ctx, token)
        assert ana.get("/", follow_redirects=False).status_code == 303
    with logged_in(hosted, "ana@example.org") as ana:
        with site(hosted) as ctx, ctx.all_owners.transaction() as c:
            c.execute("UPDATE sessions SET last_seen = '2020-01-01 00:00:00'")
        assert ana.get("/", follow_redirects=False).status_code == 303
        with site(hosted) as ctx, ctx.all_owners.read() as c:
            assert c.scalar("SELECT COUNT(*) FROM sessions") == 0  # the idle one ended
    with logged_in(hosted, "ana@example.org") as ana:
        with site(hosted) as ctx:
            users.disable_user(ctx, "ana@example.org")
        assert ana.get("/", follow_redirects=False).status_code == 303


def test_each_session_opens_its_own_today(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana, logged_in(hosted, "bo@example.org") as bo:
        ana_page, bo_page = ana.get("/").text, bo.get("/").text
    assert "task-" in ana_page and "task-" not in bo_page


def test_a_claimed_page_that_never_checks_is_checked_before_it_is_sent(
    hosted: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The net under the claim: a route left a session to check and did not (here the help
    page, made a claimed one) sends nothing until the gate has checked it."""
    monkeypatch.setattr(sessions, "CHECKED_BY_ROUTE", frozenset({"/", "/help"}))
    with logged_in(hosted, "ana@example.org") as ana:
        assert ana.get("/help").status_code == 200
        ana.cookies.set(SESSION_COOKIE, "forged", domain="127.0.0.1")
        refused = ana.get("/help", follow_redirects=False)
        assert refused.status_code == 303
        assert refused.headers["location"] == "/login?next=%2Fhelp"
        assert "shortcuts" not in refused.text.lower()
