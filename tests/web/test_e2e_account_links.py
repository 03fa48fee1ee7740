"""Emailed one-time links in real Chromium: "Forgot your password?" and open sign-up on a
real ``nextround serve`` (PostgreSQL, hosted through its config file), the mail taken by a
real SMTP server on loopback (aiosmtpd) and its link followed."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.mail import Inbox, Running, smtp_server
from tests.web.hosted import PASSWORD
from tests.web.hosted_server import LOGIN, heading, hosted_server, log_in
from tests.web.playwright_api import Page, expect
from tests.web.server import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

#: The site's public address: the links start with it, whatever address a request used.
SITE_URL = "https://jobs.example.org"
NEW_PASSWORD = "a harbour view at dawn"


@dataclass(frozen=True)
class Site:
    server: LiveServer
    inbox: Inbox


@pytest.fixture(scope="module")
def hosted_site(
    postgres_admin_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("links")
    with (
        smtp_server() as running,
        hosted_server(
            postgres_admin_url, folder, _config(running), emails=("ana@example.org",)
        ) as hosted,
    ):
        yield Site(hosted.server, running.inbox)


def _config(running: Running) -> str:
    return (
        f'[site]\nhosted = true\nurl = "{SITE_URL}"\nsignup = "open"\n\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {running.port}\nsecurity = "none"\n'
        'from = "Jobs <jobs@site.example>"\n'
    )


def next_link(hosted: Site, count: int, path: str) -> str:
    """The link in the ``count``-th message (waited for: it is sent after the page answered),
    on the test's server."""
    deadline = time.monotonic() + 15
    while len(hosted.inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(hosted.inbox.messages) == count, hosted.inbox.messages
    body = hosted.inbox.messages[-1].message.get_content()
    found = re.search(rf"{re.escape(SITE_URL)}({path}[\w-]+)", body)
    assert found, body
    return hosted.server.url(found.group(1))


def test_forgot_password_mails_a_link_that_sets_a_new_one(page: Page, hosted_site: Site) -> None:
    page.goto(hosted_site.server.url("/login"))
    heading(page, LOGIN)
    page.get_by_role("link", name="Forgot your password?").click()
    heading(page, "Forgot your password?")
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("status")).to_contain_text("If ana@example.org has an account here")
    link = next_link(hosted_site, 1, "/reset-password/")
    assert hosted_site.inbox.messages[-1].rcpt_tos == ["ana@example.org"]

    page.goto(link)
    heading(page, "Choose a new password")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the new password").click()
    heading(page, LOGIN)
    log_in(page, hosted_site.server, "ana@example.org", NEW_PASSWORD)
    expect(page).to_have_url(hosted_site.server.url("/"))


def test_signing_up_mails_a_link_and_following_it_makes_the_account(
    page: Page, hosted_site: Site
) -> None:
    before = len(hosted_site.inbox.messages)
    page.goto(hosted_site.server.url("/login"))
    page.get_by_role("link", name="Sign up").click()
    heading(page, "Sign up for nextround")
    page.get_by_label("Email").fill("cy@example.org")
    page.get_by_label("Name").fill("Cy Ode")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("status")).to_contain_text("sent a message to cy@example.org")
    link = next_link(hosted_site, before + 1, "/signup/")

    page.goto(link)
    heading(page, "Choose your password")
    page.get_by_label("New password").fill(PASSWORD)
    page.get_by_role("button", name="Finish signing up").click()
    heading(page, LOGIN)
    log_in(page, hosted_site.server, "cy@example.org", PASSWORD)
    expect(page).to_have_url(hosted_site.server.url("/"))
