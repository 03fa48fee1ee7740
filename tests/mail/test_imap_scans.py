"""IMAP scans on a real database: a server that hangs up mid-fetch costs one folder
one scan, and the next scan files what was missed, nothing twice."""

from __future__ import annotations

from dataclasses import replace

from nextround.services import mail, mail_problems
from nextround.services.context import Context
from tests.imapserver import ImapUser, dropping_proxy
from tests.services.scenario import interviewed
from tests.services.test_mail import INVITE, REJECTION, letter


def test_a_dropped_connection_is_a_problem_until_a_scan_reads_the_folder_whole(
    ctx: Context, imap_user: ImapUser
) -> None:
    interviewed(ctx)
    imap_user.create("Jobs")
    rejection = letter(
        '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
        "Your application",
        REJECTION + "\n" + "x" * 4000,
        message_id="reject-1@greenhouse-mail.io",
    )
    invite = letter(
        "Globex Recruiting <jobs@talent.globex.example>",
        "Interview invitation",
        INVITE,
        message_id="invite-1@globex.example",
    )
    imap_user.append("INBOX", rejection)
    imap_user.append("Jobs", invite)
    # Only the proxy's first connection is cut: the second scan goes through whole.
    with dropping_proxy(imap_user.server.plain_port, trigger=b"BODY.PEEK[]") as port:
        folders = imap_user.settings(port=port, folders=("INBOX", "Jobs"))
        through = ctx.fresh(settings=replace(ctx.settings, imap=folders))
        first = mail.scan_sources(through, use_imap=True)
        assert [s.message_id for s in first.filed] == ["invite-1@globex.example"]
        [problem] = first.problems
        assert problem.source.endswith("/INBOX") and problem.step == "read"
        assert [p.source for p in mail_problems.problems(ctx)] == [problem.source]

        again = mail.scan_sources(through, use_imap=True)
        assert [s.message_id for s in again.filed] == ["reject-1@greenhouse-mail.io"]
        assert again.problems == [] and sorted(again.folders_done) == ["INBOX", "Jobs"]
        assert mail_problems.problems(ctx) == []
        assert mail.scan_sources(through, use_imap=True).filed == []
