"""Mail in real headless Chromium: connect the mailbox in Settings, scan it, review.

A real Dovecot on loopback holds a rejection and an invitation; the user saves
the account on the Settings page, starts a scan on the Mail page, watches the
progress (``static/mail.js`` polls the API, under the app's CSP) until the
summary shows, and confirms the rejection, which plans the follow-up.
"""

from __future__ import annotations

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
