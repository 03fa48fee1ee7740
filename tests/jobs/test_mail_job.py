"""A mail scan job against a real Dovecot on loopback: the worker files the job mail of
the user's account once, however often the job runs."""

from __future__ import annotations

import dataclasses

import pytest

from nextround.jobs import runner
from nextround.services import mail_review
from nextround.services.context import Context
from nextround.services.job_queue import Kind, due_owners
from tests.imapserver import ImapUser
from tests.jobs import enqueue, jobs
from tests.services.scenario import interviewed
from tests.services.test_mail import INVITE, NEWSLETTER, REJECTION, letter

pytestmark = pytest.mark.postgres


def test_a_mail_scan_job_files_the_users_job_mail_once(pg: Context, imap_user: ImapUser) -> None:
    ctx = pg.fresh(settings=dataclasses.replace(pg.settings, imap=imap_user.settings()))
    interviewed(ctx)
    imap_user.append(
        "INBOX",
        letter(
            "Acme Robotics <talent@acme.example>",
            "Your application",
            REJECTION,
            message_id="r1@acme.example",
        ),
        letter("news@shop.example", "News", NEWSLETTER, message_id="n1@shop.example"),
    )
    assert due_owners(ctx, Kind.SCAN_MAIL) == [1]
    enqueue(ctx, Kind.SCAN_MAIL, 1)
    runner.drain(ctx)
    [found] = mail_review.review(ctx)
    assert found.label == "rejection"
    # Again, and once more after new mail: only the new message is filed.
    enqueue(ctx, Kind.SCAN_MAIL, 1)
    runner.drain(ctx)
    assert [s.id for s in mail_review.review(ctx)] == [found.id]
    imap_user.append(
        "INBOX",
        letter("Globex Recruiting <jobs@talent.globex.example>", "Hi", INVITE, message_id="i1@x"),
    )
    enqueue(ctx, Kind.SCAN_MAIL, 1)
    runner.drain(ctx)
    ids = [s.id for s in mail_review.review(ctx)]
    assert len(ids) == 2 and found.id in ids
    # The site's account is the local user's: another user's scan job reads nothing of it.
    enqueue(ctx, Kind.SCAN_MAIL, 2)
    runner.drain(ctx)
    assert [s for _, s, _, _ in jobs(ctx)] == ["succeeded"] * 3 + ["failed"]
    assert mail_review.review(ctx.fresh(owner=2)) == []


def test_a_hosted_site_s_mailbox_is_no_user_s_to_scan(pg: Context, imap_user: ImapUser) -> None:
    site = dataclasses.replace(pg.settings, imap=imap_user.settings(), hosted=True)
    assert due_owners(pg.fresh(settings=site), Kind.SCAN_MAIL) == []
    assert due_owners(pg.fresh(settings=dataclasses.replace(site, hosted=False)), Kind.SCAN_MAIL)
