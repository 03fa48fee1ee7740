"""Mail in real headless Chromium: connect the mailbox in Settings, scan it, review.

A real Dovecot on loopback holds a rejection and an invitation; the user saves
the account on the Settings page, starts a scan on the Mail page, watches the
progress (``static/mail.js`` polls the API, under the app's CSP) until the
summary shows, and confirms the rejection, which plans the follow-up.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from urllib.parse import urlparse

import pytest

from nextround.services import applications
from tests.imapserver import HOST, ImapUser
from tests.web.browser import snap
from tests.web.playwright_api import Page, expect
from tests.web.scenario import interviewed
from tests.web.server import LiveServer
from tests.web.test_e2e_imports import reading
from tests.web.test_mail_account import _mail

pytestmark = pytest.mark.e2e


def _field(page: Page, name: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[id="f-{name}"]')


def test_connect_scan_and_confirm_from_the_browser(
    live_server: LiveServer, page: Page, imap_user: ImapUser
) -> None:
    with reading(live_server) as ctx:
        app_id = interviewed(ctx).app_id
    imap_user.append("INBOX", *_mail())

    page.goto(live_server.url("/settings#imap"))
    _field(page, "imap.host").fill(HOST)
    _field(page, "imap.port").fill(str(imap_user.server.plain_port))
    _field(page, "imap.security").select_option("none")
    _field(page, "imap.user").fill(imap_user.name)
    _field(page, "imap.password").fill(imap_user.password)
    page.get_by_role("button", name="Save the mail account").click()
    expect(page.locator("#imap-password")).to_contain_text("saved")
    assert imap_user.password not in page.content()
    snap(page, "mail-account-saved", heading="Settings")

    page.get_by_role("link", name="Mail", exact=True).first.click()
    page.get_by_role("button", name="Check the mailbox now").click()
    expect(page.get_by_text("Finished reading")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("2 to review").first).to_be_visible()
    snap(page, "mail-scanned", heading="Mail")

    rejection = page.locator(".suggestion", has_text="Rejection")
    rejection.get_by_role("button", name="Confirm").click()
    expect(page.locator(".suggestion", has_text="Rejection")).to_have_count(0)
    with reading(live_server) as ctx:
        shown = applications.show_application(ctx, app_id)
    assert shown.application.status.value == "rejected"
    assert any(t.kind.value == "thank_you_card" for t in shown.tasks)


@contextmanager
def _silent_imap() -> Iterator[tuple[int, list[socket.socket]]]:
    """A port that takes IMAP connections and says nothing until the block ends, then
    hangs up: a scan of it runs (waiting for the greeting) as long as the test needs."""
    listener = socket.create_server(("127.0.0.1", 0))
    taken: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                taken.append(listener.accept()[0])
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], taken
    finally:
        with suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(timeout=5)
        for sock in taken:
            sock.close()


def test_a_refused_second_scan_does_not_start_one_when_the_first_ends(
    live_server: LiveServer, page: Page
) -> None:
    """The 409 page answers a POST: when the running scan ends, the page must load the
    Mail page afresh, not reload itself (which sends the POST again and starts a scan
    nobody asked for)."""
    with _silent_imap() as (port, taken):
        page.goto(live_server.url("/settings#imap"))
        _field(page, "imap.host").fill("127.0.0.1")
        _field(page, "imap.port").fill(str(port))
        _field(page, "imap.security").select_option("none")
        _field(page, "imap.user").fill("sam")
        _field(page, "imap.password").fill("a password")
        page.get_by_role("button", name="Save the mail account").click()
        page.goto(live_server.url("/mail"))
        other = page.context.new_page()  # a second tab, opened before the scan starts
        other.goto(live_server.url("/mail"))
        page.get_by_role("button", name="Check the mailbox now").click()
        expect(page.get_by_text("messages read so far")).to_be_visible()
        other.get_by_role("button", name="Check the mailbox now").click()
        expect(other.get_by_text("already running").first).to_be_visible()
        assert urlparse(other.url).path == "/mail/scan"
        for sock in list(taken):  # the first scan ends: its server hangs up
            sock.shutdown(socket.SHUT_RDWR)
        other.wait_for_url(lambda url: urlparse(url).path == "/mail", timeout=15_000)
        other.wait_for_timeout(1_500)  # time for a second scan to connect, were one started
        assert len(taken) == 1
        expect(other.get_by_text("stopped").first).to_be_visible()
