"""A hosted site's emailed one-time links, on PostgreSQL with a real SMTP server on loopback:
"Forgot your password?" and open sign-up, and each link at its own address only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta

import pytest

from nextround.config import Settings
from nextround.mailconfig import SmtpSettings
from nextround.services import account_links, logins, users
from nextround.services.account_links import NO_MAIL
from nextround.services.users import BAD_LINKS
from tests.mail import Inbox, Running, smtp_server
from tests.web.conftest import BASE, Browser, make_client
from tests.web.hosted import PASSWORD, add_user, deployed, logged_in, site

pytestmark = pytest.mark.postgres

NEW_PASSWORD = "a brand new secret"


@pytest.fixture
def running() -> Iterator[Running]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def hosted(
    web_settings: Settings, postgres_admin_url: str, postgres_url: str, running: Running
) -> Iterator[Settings]:
    """A hosted site as deployed (the app's role granted rows only, under row-level
    security) whose SMTP server is the loopback one, with ana and a disabled bo."""
    smtp = running.settings(sender="Jobs <jobs@site.example>")
    with deployed(web_settings, postgres_admin_url, postgres_url) as deployed_settings:
        settings = replace(deployed_settings, smtp=smtp, site_url=BASE)
        with site(settings) as ctx:
            add_user(ctx, "ana@example.org")
            add_user(ctx, "bo@example.org")
            users.disable_user(ctx, "bo@example.org")
        yield settings


@pytest.fixture
def open_site(hosted: Settings) -> Settings:
    return replace(hosted, signup="open")


@pytest.fixture
def visitor(hosted: Settings) -> Iterator[Browser]:
    with visiting(hosted) as browser:
        yield browser


@contextmanager
def visiting(settings: Settings) -> Iterator[Browser]:
    """A browser that isn't logged in, on the login page."""
    with make_client(settings) as browser:
        browser.load("/login")
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]


def link_in(inbox: Inbox, path: str) -> str:
    """The one-time link of the last message, as a path (the site's URL is the test client's)."""
    body = inbox.messages[-1].message.get_content()
    found = re.search(rf"{re.escape(BASE)}({path}[\w-]+)", body)
    assert found, body
    return found.group(1)


def can_log_in(settings: Settings, email: str, password: str) -> bool:
    with make_client(settings) as browser:
        browser.load("/login")
        answer = browser.submit("/login", {"account": email, "password": password})
    browser.app.state.web.close()  # type: ignore[attr-defined]
    return bool(answer.status_code == 303)


def sent_text(page: str) -> str:
    found = re.search(r'id="account-sent">([^<]+)<', page)
    assert found, page[:800]
    return found.group(1)


def test_a_reset_link_by_email_sets_a_new_password_and_logs_out_everywhere(
    hosted: Settings, running: Running, visitor: Browser
) -> None:
    with logged_in(hosted, "ana@example.org") as elsewhere:
        login = visitor.get("/login").text
        assert 'href="/forgot-password"' in login and 'href="/signup"' not in login
        assert 'name="email"' in visitor.get("/forgot-password").text
        asked = visitor.submit("/forgot-password", {"email": " Ana@Example.org "})
        assert asked.status_code == 200
        assert "If ana@example.org has an account here" in sent_text(asked.text)
        [mail] = running.inbox.messages
        assert mail.rcpt_tos == ["ana@example.org"] and mail.mail_from == "jobs@site.example"
        assert mail.message["Subject"] == "Set a new password for nextround"
        path = link_in(running.inbox, "/reset-password/")
        token = path.rsplit("/", 1)[1]
        assert len(token) == 43  # 32 random bytes
        with site(hosted) as ctx, ctx.db.read() as c:
            stored = c.rows("SELECT token_hash, purpose, expires_at - created_at FROM invitations")
        assert (logins.digest(token), "reset") in [(r[0], r[1]) for r in stored]
        assert token not in str(stored)

        page = visitor.get(path)
        assert page.status_code == 200 and "Choose a new password" in page.text
        short = visitor.submit(path, {"password": "short"})
        assert short.status_code == 422 and "at least 8" in short.text
        done = visitor.submit(path, {"password": NEW_PASSWORD})
        assert done.status_code == 303 and done.headers["location"] == "/login"
        gone = elsewhere.get("/", follow_redirects=False)  # its session ended with the reset
        assert gone.status_code == 303 and gone.headers["location"].startswith("/login")
    assert not can_log_in(hosted, "ana@example.org", PASSWORD)
    assert can_log_in(hosted, "ana@example.org", NEW_PASSWORD)

    # Used: refused with one message, and the password stays.
    again = visitor.get(path)
    assert again.status_code == 410 and BAD_LINKS["reset"] in again.text
    assert 'href="/forgot-password"' in again.text and 'name="password"' not in again.text
    reused = visitor.submit(path, {"password": "yet another secret"})
    assert reused.status_code == 422 and "expired or was used" in reused.text
    assert can_log_in(hosted, "ana@example.org", NEW_PASSWORD)


def test_using_one_reset_link_spends_the_others(
    hosted: Settings, running: Running, visitor: Browser
) -> None:
    visitor.submit("/forgot-password", {"email": "ana@example.org"})
    first = link_in(running.inbox, "/reset-password/")
    visitor.submit("/forgot-password", {"email": "ana@example.org"})
    second = link_in(running.inbox, "/reset-password/")
    assert first != second and visitor.get(first).status_code == 200
    assert visitor.submit(second, {"password": NEW_PASSWORD}).status_code == 303
    assert visitor.get(first).status_code == 410
    assert visitor.submit(first, {"password": "the attacker's pick"}).status_code == 422
    assert can_log_in(hosted, "ana@example.org", NEW_PASSWORD)


def test_an_expired_reset_link_is_refused(
    hosted: Settings, running: Running, visitor: Browser
) -> None:
    an_hour_ago = logins.now_utc() - timedelta(hours=1, seconds=1)
    with site(hosted) as ctx:
        account_links.ask_reset(ctx, "ana@example.org", logins.Throttle(), now=an_hour_ago)
    path = link_in(running.inbox, "/reset-password/")
    page = visitor.get(path)
    assert page.status_code == 410 and "expired or was used" in page.text
    assert visitor.submit(path, {"password": NEW_PASSWORD}).status_code == 422
    assert can_log_in(hosted, "ana@example.org", PASSWORD)


def test_an_unknown_or_disabled_email_gets_the_same_answer_and_no_mail(
    hosted: Settings, running: Running, visitor: Browser
) -> None:
    known = visitor.submit("/forgot-password", {"email": "ana@example.org"})
    assert len(running.inbox.messages) == 1
    for email in ("nobody@example.org", "bo@example.org"):
        other = visitor.submit("/forgot-password", {"email": email})
        assert other.status_code == known.status_code == 200
        assert sent_text(other.text) == sent_text(known.text).replace("ana@example.org", email)
        assert re.sub(r'value="[^"]*"', "", other.text).replace(email, "X") == re.sub(
            r'value="[^"]*"', "", known.text
        ).replace("ana@example.org", "X")
    assert len(running.inbox.messages) == 1
    with site(hosted) as ctx, ctx.db.read() as c:
        assert c.scalar("SELECT count(*) FROM users WHERE email = 'nobody@example.org'") == 0


def test_requests_for_a_link_are_throttled_per_email_and_per_client(
    hosted: Settings, running: Running, visitor: Browser
) -> None:
    for _ in range(5):
        assert visitor.submit("/forgot-password", {"email": "ana@example.org"}).status_code == 200
    refused = visitor.submit("/forgot-password", {"email": "ana@example.org"})
    assert refused.status_code == 429 and "Too many requests for a link" in refused.text
    other = visitor.submit("/forgot-password", {"email": "nobody@example.org"})
    assert other.status_code == 429  # the same client, whatever the address
    assert len(running.inbox.messages) == 5


def test_bad_emails_are_refused_with_one_line(open_site: Settings, running: Running) -> None:
    with visiting(open_site) as browser:
        for path in ("/forgot-password", "/signup"):
            for bad in ("", "not-an-email", "a@b", "x" * 400 + "@example.org"):
                page = browser.submit(path, {"email": bad})
                assert page.status_code == 422, (path, bad)
                assert "isn&#39;t an email address" in page.text, (path, bad)
    assert running.inbox.messages == []


def test_without_smtp_the_page_says_to_ask_the_admin(hosted: Settings, running: Running) -> None:
    with visiting(replace(hosted, smtp=SmtpSettings())) as browser:
        page = browser.get("/forgot-password")
        assert NO_MAIL.replace("'", "&#39;") in page.text and 'name="email"' not in page.text
        asked = browser.submit("/forgot-password", {"email": "ana@example.org"})
        assert NO_MAIL.replace("'", "&#39;") in asked.text
    with visiting(replace(hosted, site_url="")) as browser:  # a link needs the site's own URL
        assert NO_MAIL.replace("'", "&#39;") in browser.get("/forgot-password").text
    assert running.inbox.messages == []


def test_open_sign_up_mails_a_link_and_the_account_works_once_it_is_followed(
    open_site: Settings, running: Running
) -> None:
    with visiting(open_site) as browser:
        assert 'href="/signup"' in browser.get("/login").text
        form = browser.get("/signup")
        assert form.status_code == 200 and 'name="name"' in form.text
        asked = browser.submit("/signup", {"email": "Cy@Example.org", "name": "Cy Ode"})
        assert asked.status_code == 200 and "cy@example.org" in sent_text(asked.text)
        assert running.inbox.messages[-1].rcpt_tos == ["cy@example.org"]
        path = link_in(running.inbox, "/signup/")
        # Unconfirmed: no password, so no login opens it, whatever is tried.
        assert not can_log_in(open_site, "cy@example.org", "")
        assert not can_log_in(open_site, "cy@example.org", PASSWORD)
        assert browser.get(path).status_code == 200
        assert browser.get(path.replace("/signup/", "/reset-password/")).status_code == 410
        assert browser.get(path.replace("/signup/", "/set-password/")).status_code == 410
        assert browser.submit(path, {"password": NEW_PASSWORD}).status_code == 303
        assert browser.get(path).status_code == 410
    assert can_log_in(open_site, "cy@example.org", NEW_PASSWORD)
    with site(open_site) as ctx:
        [cy] = [u for u in users.list_users(ctx).items if u.email == "cy@example.org"]
    assert cy.name == "Cy Ode" and not cy.is_admin


def test_signing_up_with_a_registered_email_mails_a_note_instead(
    open_site: Settings, running: Running
) -> None:
    with visiting(open_site) as browser:
        new = browser.submit("/signup", {"email": "dee@example.org"})
        known = browser.submit("/signup", {"email": "ana@example.org", "name": "Someone"})
        assert new.status_code == known.status_code == 200
        assert sent_text(known.text) == sent_text(new.text).replace("dee@", "ana@")
    note = running.inbox.messages[-1]
    assert note.rcpt_tos == ["ana@example.org"]
    assert note.message["Subject"] == "You already have a nextround account"
    body = note.message.get_content()
    assert f"{BASE}/forgot-password" in body and "/signup/" not in body
    assert can_log_in(open_site, "ana@example.org", PASSWORD)  # nothing changed for her


def test_with_invite_only_there_is_no_sign_up(hosted: Settings, running: Running) -> None:
    with site(replace(hosted, signup="open")) as ctx:
        account_links.sign_up(ctx, "eve@example.org", logins.Throttle())
    path = link_in(running.inbox, "/signup/")
    with visiting(hosted) as browser:
        assert 'href="/signup"' not in browser.get("/login").text
        assert browser.get("/signup").status_code == 404
        assert browser.submit("/signup", {"email": "fay@example.org"}).status_code == 404
        assert browser.get(path).status_code == 404  # the site closed sign-up since
        assert browser.submit(path, {"password": NEW_PASSWORD}).status_code == 404
    assert len(running.inbox.messages) == 1
    assert not can_log_in(hosted, "eve@example.org", NEW_PASSWORD)


def test_an_invitation_works_only_at_its_own_address(hosted: Settings, visitor: Browser) -> None:
    with site(hosted) as ctx:
        made = users.add_user(ctx, "gil@example.org")
    assert visitor.get(f"/reset-password/{made.token}").status_code == 410
    assert (
        visitor.submit(f"/reset-password/{made.token}", {"password": NEW_PASSWORD}).status_code
        == 422
    )
    assert visitor.get(f"/set-password/{made.token}").status_code == 200
    assert (
        visitor.submit(f"/set-password/{made.token}", {"password": NEW_PASSWORD}).status_code == 303
    )
    assert can_log_in(hosted, "gil@example.org", NEW_PASSWORD)


def test_a_sign_up_never_finished_is_forgotten_a_week_after_its_link_expired(
    open_site: Settings, running: Running
) -> None:
    """An address typed into the sign-up form and never confirmed is not kept for good;
    a finished sign-up, an invited user and an unused link still in its week stay."""
    start = logins.now_utc()
    with site(open_site) as ctx:
        users.add_user(ctx, "invited@example.org")  # the admin's link, never used
        for email in ("gone@example.org", "done@example.org"):
            account_links.sign_up(ctx, email, logins.Throttle(), now=start)
        finished = link_in(running.inbox, "/signup/").rsplit("/", 1)[1]  # done@'s, the last
        account_links.finish_signup(ctx, finished, NEW_PASSWORD, now=start)
        # Eight days later someone else signs up: gone@'s link expired a week ago.
        later = start + timedelta(days=8, hours=1)
        account_links.sign_up(ctx, "new@example.org", logins.Throttle(), now=later)
        emails = {u.email for u in users.list_users(ctx).items}
    assert "gone@example.org" not in emails
    assert {"done@example.org", "invited@example.org", "new@example.org"} <= emails
    assert can_log_in(open_site, "done@example.org", NEW_PASSWORD)
    with site(open_site) as ctx:  # within its week, an unfinished sign-up stays
        assert account_links.forget_unfinished(ctx, later + timedelta(days=1)) == 0
        assert account_links.forget_unfinished(ctx, later + timedelta(days=9)) == 1  # new@
