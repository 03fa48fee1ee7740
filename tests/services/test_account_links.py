"""Emailed one-time links through the services, on PostgreSQL with a real SMTP server on
loopback: the reset link's life, what using one spends, the throttle, open sign-up."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from nextround.config import Settings
from nextround.errors import ConfigError, InvalidInput, NotFound, NotSignedIn, TooManyAttempts
from nextround.mailconfig import SmtpSettings
from nextround.services import account_links, logins, users
from nextround.services.account_links import NO_MAIL, link_throttle
from nextround.services.context import Context, open_context
from tests.conftest import TODAY
from tests.mail import Inbox, Running, smtp_server

pytestmark = pytest.mark.postgres

NOON = datetime(2026, 12, 4, 12, 0)
SITE = "https://jobs.example.org"
PASSWORD = "a long enough secret"


@pytest.fixture
def running() -> Iterator[Running]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def site(postgres_url: str, running: Running, tmp_path: Path) -> Iterator[Context]:
    smtp = running.settings(sender="jobs@site.example")
    hosted = Settings(
        db_url=postgres_url,
        today=TODAY,
        templates_dir=tmp_path / "templates",
        hosted=True,
        smtp=smtp,
        site_url=SITE,
    )
    ctx = open_context(hosted)
    made = users.add_user(ctx, "ana@example.org", name="Ana Lima", now=NOON)
    users.use_link(ctx, made.token, PASSWORD, now=NOON)
    yield ctx
    ctx.close()


def token_in(inbox: Inbox, path: str) -> str:
    body = inbox.messages[-1].message.get_content()
    found = re.search(rf"{re.escape(SITE)}{path}([\w-]+)", body)
    assert found, body
    return found.group(1)


def test_a_reset_link_lasts_an_hour_and_only_its_hash_is_kept(
    site: Context, running: Running
) -> None:
    said = account_links.ask_reset(site, "ANA@example.org", link_throttle(), now=NOON)
    assert said == account_links.RESET_SENT.format(email="ana@example.org")
    token = token_in(running.inbox, "/reset-password/")
    assert len(token) == 43
    with site.db.read() as c:
        [(stored, expires, purpose)] = c.rows(
            "SELECT token_hash, expires_at, purpose FROM invitations WHERE used_at IS NULL"
        )
    assert stored == logins.digest(token) and purpose == "reset"
    assert expires == NOON + timedelta(hours=1)
    assert users.link_is_good(site, token, "reset", now=NOON + timedelta(minutes=59))
    assert not users.link_is_good(site, token, "reset", now=NOON + timedelta(hours=1))
    assert not users.link_is_good(site, token, "invite", now=NOON)  # not at another address
    assert not users.link_is_good(site, token, "signup", now=NOON)
    with pytest.raises(InvalidInput, match="expired or was used"):
        users.use_link(site, token, "a new password", "reset", now=NOON + timedelta(hours=1))
    with pytest.raises(InvalidInput, match="expired or was used"):
        users.use_link(site, token, "a new password", "invite", now=NOON)


def test_using_a_reset_link_spends_every_unused_link_and_ends_every_session(
    site: Context, running: Running
) -> None:
    throttle = link_throttle()
    account_links.ask_reset(site, "ana@example.org", throttle, now=NOON)
    first = token_in(running.inbox, "/reset-password/")
    account_links.ask_reset(site, "ana@example.org", throttle, now=NOON)
    second = token_in(running.inbox, "/reset-password/")
    for _ in range(2):
        logins.log_in(site, PASSWORD, logins.Throttle(), account="ana@example.org")
    with pytest.raises(InvalidInput, match="at least 8"):
        users.use_link(site, second, "short", "reset", now=NOON)
    with site.db.read() as c:  # the failure changed nothing
        assert c.scalar("SELECT count(*) FROM sessions") == 2
    assert users.link_is_good(site, first, "reset", now=NOON)
    assert users.link_is_good(site, second, "reset", now=NOON)

    users.use_link(site, second, "the new password", "reset", now=NOON)
    with site.db.read() as c:
        assert c.scalar("SELECT count(*) FROM sessions") == 0
        assert c.scalar("SELECT count(*) FROM invitations WHERE used_at IS NULL") == 0
    assert not users.link_is_good(site, first, "reset", now=NOON)
    with pytest.raises(NotSignedIn):
        logins.log_in(site, PASSWORD, logins.Throttle(), account="ana@example.org")
    assert logins.log_in(site, "the new password", logins.Throttle(), account="ana@example.org")


def test_an_unknown_or_disabled_address_gets_the_same_words_and_no_mail(
    site: Context, running: Running
) -> None:
    users.add_user(site, "bo@example.org")
    users.disable_user(site, "bo@example.org")
    for email in ("nobody@example.org", "bo@example.org"):
        said = account_links.ask_reset(site, email, link_throttle(), now=NOON)
        assert said == account_links.RESET_SENT.format(email=email)
    assert running.inbox.messages == []
    with site.db.read() as c:
        assert c.scalar("SELECT count(*) FROM invitations WHERE purpose = 'reset'") == 0


def test_requests_are_counted_per_address_and_per_client(site: Context, running: Running) -> None:
    throttle = link_throttle()
    for n in range(5):
        account_links.ask_reset(site, "ana@example.org", throttle, client=f"10.0.0.{n}", now=NOON)
    with pytest.raises(TooManyAttempts, match=r"Too many requests for a link\. Wait 60 minutes"):
        account_links.ask_reset(site, "ana@example.org", throttle, client="10.0.0.9", now=NOON)
    for n in range(4):  # 10.0.0.0 asked once already
        account_links.ask_reset(site, f"x{n}@example.org", throttle, client="10.0.0.0", now=NOON)
    with pytest.raises(TooManyAttempts):
        account_links.ask_reset(site, "y@example.org", throttle, client="10.0.0.0", now=NOON)
    later = NOON + timedelta(hours=1)
    account_links.ask_reset(site, "ana@example.org", throttle, client="10.0.0.0", now=later)
    assert len(running.inbox.messages) == 6  # ana's 5 within the hour and the one after


def test_without_a_server_a_sender_or_the_site_s_url_no_link_can_be_mailed(
    site: Context, running: Running
) -> None:
    full = site.settings
    for broken in (
        replace(full, smtp=SmtpSettings()),
        replace(full, smtp=replace(full.smtp, sender="")),
        replace(full, site_url=""),
        replace(full, smtp=replace(full.smtp, user="jobs")),  # a login, and no password
    ):
        site.settings = replace(broken, signup="open")
        assert not account_links.can_mail(site)
        with pytest.raises(ConfigError) as refused:
            account_links.ask_reset(site, "ana@example.org", link_throttle())
        assert refused.value.message == NO_MAIL
        with pytest.raises(ConfigError):
            account_links.sign_up(site, "new@example.org", link_throttle())
    site.settings = full
    assert account_links.can_mail(site)
    assert running.inbox.messages == []
    assert "new@example.org" not in [u.email for u in users.list_users(site).items]


def test_sign_up_makes_an_account_no_login_opens_until_its_link_sets_a_password(
    site: Context, running: Running
) -> None:
    site.settings = replace(site.settings, signup="open")
    throttle = link_throttle()
    account_links.sign_up(site, "cy@example.org", throttle, name=" Ana   Lima ", now=NOON)
    first = token_in(running.inbox, "/signup/")
    [cy] = [u for u in users.list_users(site).items if u.email == "cy@example.org"]
    assert cy.name == "Ana Lima (2)"  # Ana Lima is taken; the page doesn't say so
    with pytest.raises(NotSignedIn):
        logins.log_in(site, "", logins.Throttle(), account="cy@example.org")
    account_links.sign_up(site, "cy@example.org", throttle, now=NOON)  # never finished: again
    second = token_in(running.inbox, "/signup/")
    assert running.inbox.messages[-1].message["Subject"] == "Finish signing up for nextround"
    with pytest.raises(InvalidInput, match="expired or was used"):
        users.use_link(site, second, "cy's own secret", "reset", now=NOON)
    assert account_links.finish_signup(site, second, "cy's own secret", now=NOON) == cy.id
    assert not users.link_is_good(site, first, "signup", now=NOON)
    assert logins.log_in(site, "cy's own secret", logins.Throttle(), account="cy@example.org")

    account_links.sign_up(site, "cy@example.org", throttle, now=NOON)
    note = running.inbox.messages[-1].message
    assert note["Subject"] == "You already have a nextround account"
    assert f"{SITE}/forgot-password" in note.get_content()
    with site.db.read() as c:
        assert c.scalar("SELECT count(*) FROM invitations WHERE used_at IS NULL") == 0


def test_sign_up_is_not_there_unless_open_and_hosted(site: Context, running: Running) -> None:
    with pytest.raises(NotFound):
        account_links.sign_up(site, "cy@example.org", link_throttle())
    site.settings = replace(site.settings, signup="open")
    account_links.sign_up(site, "cy@example.org", link_throttle(), now=NOON)
    token = token_in(running.inbox, "/signup/")
    site.settings = replace(site.settings, signup="invite")
    with pytest.raises(NotFound):
        account_links.finish_signup(site, token, "cy's own secret", now=NOON)
    site.settings = replace(site.settings, hosted=False, signup="open")
    with pytest.raises(NotFound):
        account_links.ask_reset(site, "ana@example.org", link_throttle())
    with pytest.raises(NotFound):
        account_links.sign_up(site, "dee@example.org", link_throttle())


def test_the_admin_s_reset_link(site: Context) -> None:
    made = users.reset_link(site, "Ana@Example.org", now=NOON)
    assert made.link(SITE).startswith(f"{SITE}/reset-password/")
    assert made.expires_at == NOON + timedelta(hours=1)
    ana = users.user_id_for(site, "ana@example.org")
    with pytest.raises(NotFound):  # not an admin: there is nothing here for them
        users.reset_link(site.fresh(owner=ana), "ana@example.org")
    with pytest.raises(NotFound, match="doesn't exist"):
        users.reset_link(site, "nobody@example.org")
    users.disable_user(site, "ana@example.org")
    with pytest.raises(NotFound, match="is disabled"):
        users.reset_link(site, "ana@example.org")


def test_later_the_lookup_and_the_mail_run_and_a_failed_send_is_logged_without_the_address(
    site: Context, caplog: pytest.LogCaptureFixture
) -> None:
    inbox = Inbox(refuse={"ana@example.org"})
    with smtp_server(inbox) as refusing:
        site.settings = replace(site.settings, smtp=replace(site.settings.smtp, port=refusing.port))
        jobs: list[tuple[Any, ...]] = []
        said = account_links.ask_reset(
            site, "ana@example.org", link_throttle(), later=lambda *job: jobs.append(job)
        )
        assert said.startswith("If ana@example.org has an account here")
        with site.db.read() as c:  # nothing looked up or written yet: that is the job's
            assert c.scalar("SELECT count(*) FROM invitations WHERE purpose = 'reset'") == 0
        [job] = jobs
        with caplog.at_level(logging.WARNING):
            job[0](*job[1:])
        assert inbox.messages == []  # refused by the server (550)
    with site.db.read() as c:
        assert c.scalar("SELECT count(*) FROM invitations WHERE purpose = 'reset'") == 1
    assert "a one-time link's email was not sent" in caplog.text and "550" in caplog.text
    assert "ana@example.org" not in caplog.text
