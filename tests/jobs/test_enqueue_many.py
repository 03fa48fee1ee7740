"""The schedule enqueues every user's job a batch per statement, each job with its own
user's locks; a batch holding a job that already waits is enqueued one job at a time."""

from __future__ import annotations

import pytest

from nextround.jobs import runner
from nextround.services.context import Context
from nextround.services.job_queue import Kind, lock, queue_depth
from tests.jobs import enqueue, jobs, with_smtp

pytestmark = pytest.mark.postgres


def _locks(ctx: Context) -> list[tuple[int, str, str]]:
    with ctx.db.read() as c:
        rows = c.rows(
            "SELECT (args->>'owner')::int, lock, queueing_lock FROM procrastinate_jobs "
            "WHERE task_name = 'nextround:send_digest' ORDER BY 1"
        )
    return [(r[0], r[1], r[2]) for r in rows]


def _schedule(ctx: Context) -> None:
    app = runner.make_app(ctx)
    with app.open():
        app.configure_task("nextround:enqueue_send_digest").defer(timestamp=1_000)
    runner.drain(ctx, queues=[runner.SCHEDULE_QUEUE])


def test_a_batch_with_a_waiting_job_adds_the_others_once(
    pg: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = with_smtp(pg, 2525)
    monkeypatch.setattr(runner, "DEFER_BATCH", 2)  # users 1, 2 | 3
    assert enqueue(ctx, Kind.SEND_DIGEST, 2, period="daily") != [None]  # already waiting
    _schedule(ctx)
    assert _locks(ctx) == [
        (o, lock(Kind.SEND_DIGEST, o), lock(Kind.SEND_DIGEST, o)) for o in (1, 2, 3)
    ]
    assert queue_depth(ctx) == {"digest": 3}
    assert [s for name, s, _, _ in jobs(ctx) if name.startswith("nextround:enqueue")] == [
        "succeeded"
    ]
    with ctx.db.read() as c:
        period = c.scalars(
            "SELECT args->>'period' FROM procrastinate_jobs "
            "WHERE task_name = 'nextround:send_digest'"
        )
    assert list(period) == ["daily"] * 3


def test_batches_of_users_each_job_with_its_own_locks(
    pg: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = with_smtp(pg, 2525)
    monkeypatch.setattr(runner, "DEFER_BATCH", 2)
    _schedule(ctx)
    _schedule(ctx)  # fired again while they wait: nothing more
    assert _locks(ctx) == [
        (o, lock(Kind.SEND_DIGEST, o), lock(Kind.SEND_DIGEST, o)) for o in (1, 2, 3)
    ]
