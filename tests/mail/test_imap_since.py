"""``--since`` on an IMAP account: the server is asked (SEARCH SINCE), old mail never fetched."""

from __future__ import annotations

import imaplib
from dataclasses import replace
from datetime import date

from nextround.services import mail
from nextround.services.context import Context
from tests.imapserver import ImapUser
from tests.services.scenario import interviewed
from tests.services.test_mail_first_scan import NEW, OLD, acme_rejection, globex_invite


def test_since_asks_the_imap_server(ctx: Context, imap_user: ImapUser) -> None:
    interviewed(ctx)
    with imap_user.client() as imap:
        for data, when in ((acme_rejection(1, OLD), OLD), (globex_invite(2), NEW)):
            status, _ = imap.append("INBOX", None, imaplib.Time2Internaldate(when), data)
            assert status == "OK"
    on_server = ctx.fresh(settings=replace(ctx.settings, imap=imap_user.settings()))
    heard: list[int] = []
    report = mail.scan_sources(
        on_server, use_imap=True, since=date(2026, 1, 1), progress=heard.append
    )
    # The server left the old one out: it was never fetched, so it isn't counted as read.
    assert report.read == 1 and heard == [1]
    assert [s.message_id for s in report.filed] == ["invite-2@globex.example"]
    assert report.folders_done == ["INBOX"]
    # Read with no limit (a new folder state would skip it: a fresh account here).
    imap_user.create("Old")
    with imap_user.client() as imap:
        imap.append("Old", None, imaplib.Time2Internaldate(OLD), acme_rejection(3, OLD))
    old = replace(imap_user.settings(), folders=("Old",))
    everything = mail.scan_sources(
        ctx.fresh(settings=replace(ctx.settings, imap=old)), use_imap=True
    )
    assert [s.message_id for s in everything.filed] == ["reject-3@greenhouse-mail.io"]
