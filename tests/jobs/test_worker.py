"""The job runner for real: procrastinate's queue in the test's PostgreSQL database, a
worker running its jobs, a real SMTP server and a job board on loopback."""

from __future__ import annotations

import dataclasses
import time

import pytest

from nextround.jobs import runner
from nextround.services.context import Context
from nextround.services.job_queue import Kind, due_owners, queue_depth
from tests.jobs import USERS, enqueue, jobs, rejected, with_smtp
from tests.mail import Inbox, smtp_server

pytestmark = pytest.mark.postgres


def test_a_digest_job_emails_each_user_their_own_digest_once(pg: Context) -> None:
    rejected(pg, 2, "Acme Robotics")
    rejected(pg, 3, "Globex")
    inbox = Inbox()
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        assert enqueue(ctx, Kind.SEND_DIGEST, 2, 3, period="daily") != [None, None]
        started = time.monotonic()
        runner.drain(ctx)
        took = time.monotonic() - started
        assert sorted(m.rcpt_tos[0] for m in inbox.messages) == sorted(USERS.values()), jobs(ctx)
        # Run again: what was told is remembered, so nothing more is sent.
        enqueue(ctx, Kind.SEND_DIGEST, 2, 3, period="daily")
        runner.drain(ctx)
    assert len(inbox.messages) == 2
    by_to = {m.rcpt_tos[0]: m.message.get_content() for m in inbox.messages}
    assert "Acme Robotics" in by_to["ana@people.example"]
    assert "Globex" not in by_to["ana@people.example"]
    assert "Globex" in by_to["ben@people.example"]
    assert "Acme Robotics" not in by_to["ben@people.example"]
    assert all(m.mail_from == "nextround@site.example" for m in inbox.messages)
    assert [s for _, s, _, _ in jobs(ctx)] == ["succeeded"] * 4
    print(f"digest jobs for 2 users: {took:.2f} s")


class FlakyInbox(Inbox):
    """Answers the first ``failures`` messages with a temporary failure (451), then takes them."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.failures = failures

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        if self.failures > 0:
            self.failures -= 1
            return "451 4.3.0 Try again later"
        return await super().handle_DATA(server, session, envelope)


def test_a_job_that_fails_mid_way_is_retried_and_sends_once(pg: Context) -> None:
    rejected(pg, 2, "Acme Robotics")
    inbox = FlakyInbox(failures=2)
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        enqueue(ctx, Kind.SEND_DIGEST, 2, period="daily")
        runner.drain(ctx)
    [received] = inbox.messages
    assert received.rcpt_tos == ["ana@people.example"]
    # Built twice and refused by the server twice, the digest was remembered once.
    [(name, status, owner, attempts)] = jobs(ctx)
    assert (name, status, owner, attempts) == ("nextround:send_digest", "succeeded", 2, 3)
    with ctx.db.read() as c:
        assert c.scalar("SELECT count(*) FROM digests WHERE owner_id = 2") == 1


def test_a_set_up_mistake_is_not_retried(pg: Context) -> None:
    rejected(pg, 1, "Acme Robotics")  # the local user has no address anywhere
    with smtp_server(Inbox()) as running:
        ctx = with_smtp(pg, running.port)
        ctx = ctx.fresh(
            settings=dataclasses.replace(
                ctx.settings, smtp=dataclasses.replace(ctx.settings.smtp, sender="")
            )
        )
        enqueue(ctx, Kind.SEND_DIGEST, 1, period="daily")
        runner.drain(ctx)
    assert jobs(ctx) == [("nextround:send_digest", "failed", 1, 1)]


def test_the_schedule_enqueues_the_users_with_the_feature_set_up(pg: Context) -> None:
    ctx = with_smtp(pg, 2525)
    app = runner.make_app(ctx)
    crons = {p.task.name: p.cron for p in app.periodic_registry.periodic_tasks.values()}
    assert crons == {
        "nextround:enqueue_scan_mail": "15 6-20/2 * * *",
        "nextround:enqueue_watch_boards": "0 5 * * *",
        "nextround:enqueue_send_digest": "0 7 * * *",
    }
    with app.open():
        for stamp in (1_000, 2_000):  # the schedule firing twice before any digest ran
            app.configure_task("nextround:enqueue_send_digest").defer(timestamp=stamp)
            app.configure_task("nextround:enqueue_scan_mail").defer(timestamp=stamp)
    runner.drain(ctx, queues=[runner.SCHEDULE_QUEUE])
    # Users 2 and 3 have an address, and the local user the config's (smtp.from, as for
    # `digest --email`): the digest is one job for the batch of all three, queued once
    # (tests/jobs/test_digest_batches.py sends it). No IMAP account is set up, so no
    # mail scan; per-user jobs (scan, watch, a digest retried) are tested above.
    with ctx.db.read() as c:
        rows = c.rows(
            "SELECT task_name, status, args, queueing_lock FROM procrastinate_jobs "
            "WHERE task_name NOT LIKE 'nextround:enqueue%' ORDER BY id"
        )
    assert [tuple(r) for r in rows] == [
        (
            "nextround:send_digests",
            "todo",
            {"owners": [1, 2, 3], "period": "daily", "day": ctx.today.isoformat()},
            "send_digests:daily:0",
        )
    ]
    enqueuers = [s for name, s, _, _ in jobs(ctx) if name.startswith("nextround:enqueue")]
    assert enqueuers == ["succeeded"] * 4  # each firing ran, and added nothing the second time
    assert queue_depth(ctx) == {"digest": 1}


def test_disabled_users_and_admins_get_no_scheduled_jobs(pg: Context) -> None:
    ctx = with_smtp(pg, 2525)
    assert due_owners(ctx, Kind.SEND_DIGEST) == [1, 2, 3]
    with ctx.db.transaction() as c:  # the columns hosted accounts bring (migration 0017)
        c.execute("ALTER TABLE users ADD COLUMN IF NOT EXISTS disabled_at timestamp")
        c.execute("ALTER TABLE users ADD COLUMN IF NOT EXISTS is_admin boolean DEFAULT false")
        c.execute("UPDATE users SET disabled_at = now() WHERE id = 2")
        c.execute("UPDATE users SET is_admin = true WHERE id = 3")
    assert due_owners(ctx, Kind.SEND_DIGEST) == [1]
