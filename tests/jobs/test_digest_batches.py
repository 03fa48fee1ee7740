"""The scheduled digest as one job per batch of users, for real: procrastinate's queue in
the test's PostgreSQL database, workers running the jobs, an SMTP server on loopback.
Each user's digest goes out once, however the batches are run, rerun or overlap; a user
whose send fails is retried alone."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import pytest

from nextround.jobs import runner, work
from nextround.services import digest
from nextround.services.context import Context
from nextround.services.job_queue import queue_depth
from tests.jobs import USERS, jobs, rejected, with_smtp
from tests.mail import Inbox, smtp_server

pytestmark = pytest.mark.postgres

LOCAL = "nextround@site.example"  # the local user's address: the site's smtp.from
EVERYONE = sorted([LOCAL, *USERS.values()])


class Counting(Inbox):
    """Keeps, besides the messages, the client end of the connection each came over."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.peers: list[tuple[str, int]] = []
        self.refusals: dict[str, int] = {}  # recipients refused (451) so many times

    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.refusals.get(address, 0) > 0:
            self.refusals[address] -= 1
            return "451 4.3.0 Try again later"
        return await super().handle_RCPT(server, session, envelope, address, options)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.peers.append(tuple(session.peer))
        return await super().handle_DATA(server, session, envelope)


def _all_rejected(pg: Context) -> None:
    for owner, company in ((1, "Initech"), (2, "Acme Robotics"), (3, "Globex")):
        rejected(pg, owner, company)


def _schedule(ctx: Context, *stamps: int) -> None:
    app = runner.make_app(ctx)
    with app.open():
        for stamp in stamps:
            app.configure_task("nextround:enqueue_send_digest").defer(timestamp=stamp)
    runner.drain(ctx, queues=[runner.SCHEDULE_QUEUE])


def _batch(ctx: Context, *batches: list[int]) -> None:
    """Defer ``send_digests`` jobs of these owners as they are (no queueing lock)."""
    app = runner.make_app(ctx, periodic=False)
    with app.open():
        for owners in batches:
            task = app.configure_task(runner.BATCH_TASK)
            listed: list[Any] = list(owners)
            task.defer(owners=listed, period="daily", day=ctx.today.isoformat())


def _batch_jobs(ctx: Context) -> list[tuple[list[int], str]]:
    with ctx.db.read() as c:
        rows = c.rows(
            "SELECT args->'owners', status FROM procrastinate_jobs "
            "WHERE task_name = 'nextround:send_digests' ORDER BY id"
        )
    return [(list(r[0]), r[1]) for r in rows]


def _digests(ctx: Context) -> dict[int, int]:
    with ctx.all_owners.read() as c:
        rows = c.rows(
            "SELECT owner_id, count(*) FROM digests WHERE emailed GROUP BY owner_id ORDER BY 1"
        )
    return {int(r[0]): int(r[1]) for r in rows}


def test_the_schedule_sends_each_users_digest_once_in_batches(
    pg: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digest, "BATCH", 2)  # a job per 2 users, built 2 at a time
    _all_rejected(pg)
    inbox = Counting()
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        _schedule(ctx, 1_000, 2_000)  # fired twice before any batch ran: two jobs, not four
        assert _batch_jobs(ctx) == [([1, 2], "todo"), ([3], "todo")]
        assert queue_depth(ctx) == {"digest": 2}
        runner.drain(ctx)
        assert sorted(m.rcpt_tos[0] for m in inbox.messages) == EVERYONE
        # The first batch's two users went over one connection.
        assert len(set(inbox.peers[:2])) == 1
        _schedule(ctx, 3_000)  # the next firing, the same day: nothing goes out again
        runner.drain(ctx)
    assert len(inbox.messages) == 3
    assert [s for _, s in _batch_jobs(ctx)] == ["succeeded"] * 4
    assert not [j for j in jobs(ctx) if j[0] == "nextround:send_digest"]
    assert _digests(ctx) == {1: 1, 2: 1, 3: 1}
    by_to = {m.rcpt_tos[0]: m.message.get_content() for m in inbox.messages}
    assert "Acme Robotics" in by_to["ana@people.example"]
    assert "Globex" not in by_to["ana@people.example"]
    assert "Globex" in by_to["ben@people.example"]


def test_a_batch_run_again_or_after_a_stop_sends_nothing_twice(pg: Context) -> None:
    _all_rejected(pg)
    inbox = Counting()
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        # As if a batch of 1, 2 and 3 had stopped after user 2's digest went out.
        assert work.send_digests(ctx, [2], "daily").emailed == [2]
        _batch(ctx, [1, 2, 3])
        runner.drain(ctx)
        assert sorted(m.rcpt_tos[0] for m in inbox.messages) == EVERYONE
        _batch(ctx, [1, 2, 3], [3, 2, 1])  # run twice more
        runner.drain(ctx)
        again = work.send_digests(ctx, [1, 2, 3], "daily")
    assert len(inbox.messages) == 3
    assert again.already_sent == [1, 2, 3] and not again.emailed and again.connections == 0
    assert [s for _, s in _batch_jobs(ctx)] == ["succeeded"] * 3
    assert _digests(ctx) == {1: 1, 2: 1, 3: 1}


def test_a_user_whose_send_fails_is_retried_alone_and_the_others_are_sent(pg: Context) -> None:
    _all_rejected(pg)
    inbox = Counting()
    # Refused twice, then taken: on the batch's open connection, and on the new one it
    # tries once more (the server may have closed an idle connection).
    inbox.refusals = {"ana@people.example": 2}
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        sent = work.send_digests(ctx, [1, 2, 3], "daily")
        assert sent.emailed == [1, 3]
        assert list(sent.failed) == [2] and "451" in sent.failed[2]
        # After the refusal the connection was dropped and a new one taken for user 3.
        assert sent.connections == 3 and len(set(inbox.peers)) == 2
        # Through the worker: user 2's digest refused again, then their own job's retry.
        with ctx.all_owners.transaction() as c:
            c.execute("DELETE FROM digests")
        inbox.messages.clear()
        inbox.refusals = {"ana@people.example": 2}
        _batch(ctx, [1, 2, 3])
        runner.drain(ctx)
    assert sorted(m.rcpt_tos[0] for m in inbox.messages) == EVERYONE
    assert [s for _, s in _batch_jobs(ctx)] == ["succeeded"]
    assert [(n, s, o) for n, s, o, _ in jobs(ctx) if n == "nextround:send_digest"] == [
        ("nextround:send_digest", "succeeded", 2)
    ]
    assert _digests(ctx) == {1: 1, 2: 1, 3: 1}


def test_a_set_up_mistake_fails_that_users_own_job_only(pg: Context) -> None:
    _all_rejected(pg)
    inbox = Counting()
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        no_sender = dataclasses.replace(ctx.settings.smtp, sender="")
        ctx = ctx.fresh(settings=dataclasses.replace(ctx.settings, smtp=no_sender))
        _batch(ctx, [1, 2, 3])  # the local user has no address anywhere now
        runner.drain(ctx)
    assert sorted(m.rcpt_tos[0] for m in inbox.messages) == sorted(USERS.values())
    assert [s for _, s in _batch_jobs(ctx)] == ["succeeded"]
    # Deferred as the user's own job, which fails once, not retried (a set-up mistake).
    assert [j for j in jobs(ctx) if j[0] == "nextround:send_digest"] == [
        ("nextround:send_digest", "failed", 1, 1)
    ]


def test_two_workers_running_overlapping_batches_send_each_user_once(pg: Context) -> None:
    _all_rejected(pg)
    inbox = Counting(data_delay=0.3)  # each message takes a while: the batches overlap
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        _batch(ctx, [1, 2, 3], [3, 2, 1], [2, 3, 1], [1, 3, 2])
        failures: list[BaseException] = []

        def worker() -> None:
            try:
                runner.run_worker(
                    ctx, periodic=False, wait=False, concurrency=2, install_signal_handlers=False
                )
            except BaseException as exc:  # reported below
                failures.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not failures
        runner.drain(ctx)
    assert sorted(m.rcpt_tos[0] for m in inbox.messages) == EVERYONE
    assert [s for _, s in _batch_jobs(ctx)] == ["succeeded"] * 4
    assert _digests(ctx) == {1: 1, 2: 1, 3: 1}
