"""Once a password is set, every page and API call needs a login (a session or a token)."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest

from nextround.config import Settings
from nextround.services import api_tokens, logins
from nextround.services.context import open_context
from nextround.web.sessions import SESSION_COOKIE
from tests.web.conftest import Browser, make_client

PASSWORD = "a long enough secret"


@pytest.fixture
def guarded_settings(web_settings: Settings) -> Settings:
    ctx = open_context(web_settings)
    try:
        logins.set_password(ctx, PASSWORD)
    finally:
        ctx.close()
    return web_settings


def _browser(settings: Settings, base_url: str = "http://127.0.0.1:8000") -> Iterator[Browser]:
    with make_client(settings) as browser:
        browser.base_url = base_url  # type: ignore[assignment]
        browser.load("/login")
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]


@pytest.fixture
def visitor(guarded_settings: Settings) -> Iterator[Browser]:
    """A browser on a nextround with a password, not logged in."""
    yield from _browser(guarded_settings)


def log_in(browser: Browser, password: str = PASSWORD, **fields: str):  # type: ignore[no-untyped-def]
    return browser.submit("/login", {"password": password, **fields})


def test_without_a_login_pages_lead_to_the_login_and_the_api_says_401(visitor: Browser) -> None:
    page = visitor.get("/applications?view=list", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fapplications%3Fview%3Dlist"
    api = visitor.get("/api/v1/tasks")
    assert api.status_code == 401
    assert api.json()["error"]["type"] == "not_signed_in"
    assert api.headers["www-authenticate"].startswith("Bearer")


def test_a_network_client_naming_localhost_is_still_refused(guarded_settings: Settings) -> None:
    with make_client(guarded_settings) as script:  # no cookie, no token: a program on the LAN
        for path in ("/", "/api/v1/companies", "/export"):
            response = script.get(path, headers={"Host": "localhost"}, follow_redirects=False)
            assert response.status_code in {303, 401}, path
            assert "Today" not in response.text
        write = script.post(
            "/api/v1/companies", json={"name": "Evil Corp"}, headers={"Host": "localhost"}
        )
        assert write.status_code == 401
    ctx = open_context(guarded_settings)
    try:
        with ctx.db.read() as c:
            assert c.scalar("SELECT COUNT(*) FROM companies") == 0
    finally:
        ctx.close()


def test_the_right_password_logs_in_with_a_hidden_lax_cookie(visitor: Browser) -> None:
    response = log_in(visitor, next="/applications")
    assert response.status_code == 303
    assert response.headers["location"] == "/applications"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert "Secure" not in cookie  # plain http on loopback: a Secure cookie would never return
    assert visitor.get("/").status_code == 200
    assert visitor.get("/api/v1/tasks").status_code == 200


def test_over_https_the_cookie_is_secure(guarded_settings: Settings) -> None:
    for browser in _browser(guarded_settings, "https://127.0.0.1:8000"):
        cookie = log_in(browser).headers["set-cookie"]
        assert "Secure" in cookie


def test_a_wrong_password_is_refused_kindly(visitor: Browser) -> None:
    response = log_in(visitor, "not the one")
    assert response.status_code == 401
    assert "That password isn't right" in html.unescape(response.text)
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")
    assert visitor.get("/", follow_redirects=False).status_code == 303


def test_the_login_form_needs_its_csrf_token(visitor: Browser) -> None:
    response = visitor.post("/login", data={"password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403


def test_a_planted_session_cookie_is_replaced_at_login(
    visitor: Browser, guarded_settings: Settings
) -> None:
    planted = "planted-by-someone-else-0123456789abcdef"
    visitor.cookies.set(SESSION_COOKIE, planted, domain="127.0.0.1")
    response = log_in(visitor)
    assert response.status_code == 303
    issued = visitor.cookies.get(SESSION_COOKIE)
    assert issued and issued != planted
    for attacker in _browser(guarded_settings):
        attacker.cookies.set(SESSION_COOKIE, planted, domain="127.0.0.1")
        assert attacker.get("/", follow_redirects=False).status_code == 303


def test_logging_in_again_rotates_the_session(visitor: Browser, guarded_settings: Settings) -> None:
    log_in(visitor)
    first = visitor.cookies.get(SESSION_COOKIE)
    log_in(visitor)
    second = visitor.cookies.get(SESSION_COOKIE)
    assert first and second and first != second
    for other in _browser(guarded_settings):
        other.cookies.set(SESSION_COOKIE, first, domain="127.0.0.1")
        assert other.get("/", follow_redirects=False).status_code == 303


def test_log_out_ends_the_session(visitor: Browser) -> None:
    log_in(visitor)
    token = visitor.cookies.get(SESSION_COOKIE)
    visitor.load("/login")
    response = visitor.submit("/logout")
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert response.headers["clear-site-data"] == '"cache"'
    visitor.cookies.set(SESSION_COOKIE, token or "", domain="127.0.0.1")  # kept anyway
    assert visitor.get("/", follow_redirects=False).status_code == 303


def test_log_out_everywhere_ends_every_device(visitor: Browser, guarded_settings: Settings) -> None:
    for phone in _browser(guarded_settings):
        log_in(phone)
        log_in(visitor)
        assert phone.get("/").status_code == 200
        visitor.load("/login")
        assert "Log out everywhere" in visitor.get("/login").text
        assert visitor.submit("/logout/everywhere").status_code == 303
        assert phone.get("/", follow_redirects=False).status_code == 303
        assert visitor.get("/", follow_redirects=False).status_code == 303


def test_an_idle_session_expires(visitor: Browser) -> None:
    log_in(visitor)
    db = visitor.app.state.web.base.db  # type: ignore[attr-defined]
    with db.transaction() as c:
        c.execute("UPDATE sessions SET last_seen = '2020-01-01 00:00:00'")
    assert visitor.get("/", follow_redirects=False).status_code == 303
    with db.read() as c:
        assert c.scalar("SELECT COUNT(*) FROM sessions") == 0


def test_five_wrong_passwords_then_wait_with_one_message_for_unknown_accounts(
    visitor: Browser,
) -> None:
    for _ in range(5):
        assert log_in(visitor, "guess").status_code == 401
    refused = log_in(visitor, PASSWORD)
    assert refused.status_code == 429
    assert "Wait 15 minutes" in refused.text
    assert visitor.get("/", follow_redirects=False).status_code == 303
    # An account that doesn't exist, from the same address: the same answer.
    unknown = log_in(visitor, PASSWORD, account="nobody@example.org")
    assert unknown.status_code == 429
    assert "Wait 15 minutes" in unknown.text


def test_an_unknown_account_gets_the_wrong_password_message(visitor: Browser) -> None:
    wrong = log_in(visitor, "nope nope")
    unknown = log_in(visitor, PASSWORD, account="nobody@example.org")
    assert wrong.status_code == unknown.status_code == 401
    assert "That password isn't right" in html.unescape(unknown.text)


def test_an_api_token_opens_the_api_and_a_forged_one_is_refused(
    guarded_settings: Settings,
) -> None:
    ctx = open_context(guarded_settings)
    try:
        token = api_tokens.add_token(ctx, "backup")
    finally:
        ctx.close()
    with make_client(guarded_settings) as script:
        ok = script.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200
        made = script.post(
            "/api/v1/companies",
            json={"name": "Acme"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert made.status_code == 201, made.text
        forged = script.get("/api/v1/tasks", headers={"Authorization": "Bearer nr_" + "x" * 43})
        assert forged.status_code == 401
        assert "isn't valid" in forged.json()["error"]["message"]
        page = script.get("/", headers={"Authorization": f"Bearer {token}"}, follow_redirects=False)
        assert page.status_code == 303  # tokens are for the API, not the pages
        ctx = open_context(guarded_settings)
        try:
            api_tokens.revoke_token(ctx, "backup")
        finally:
            ctx.close()
        revoked = script.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"})
        assert revoked.status_code == 401


def test_the_login_page_the_static_files_and_the_app_shell_stay_open(visitor: Browser) -> None:
    for path in ("/login", "/static/app.css", "/sw.js", "/manifest.webmanifest"):
        assert visitor.get(path, follow_redirects=False).status_code == 200, path


def test_without_a_password_nothing_changes(client: Browser) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/tasks").status_code == 200
    response = client.get("/login", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_the_calendar_feed_stays_reachable_by_its_secret_link(guarded_settings: Settings) -> None:
    from nextround.services import feeds

    ctx = open_context(guarded_settings)
    try:
        secret = feeds.create_calendar_token(ctx)
    finally:
        ctx.close()
    with make_client(guarded_settings) as calendar_app:
        feed = calendar_app.get(f"/calendar/{secret}.ics")
        assert feed.status_code == 200
        assert feed.text.startswith("BEGIN:VCALENDAR")
        assert calendar_app.get("/calendar/not-the-secret.ics").status_code == 404
