"""The schedule enqueues every user's job a batch per statement, each job with its own
user's locks; a batch holding a job that already waits is enqueued one job at a time.
(The scheduled digest is one job per batch of users: tests/jobs/test_digest_batches.py.)"""

from __future__ import annotations

import asyncio

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
            "WHERE task_name = 'nextround:watch_boards' ORDER BY 1"
        )
    return [(r[0], r[1], r[2]) for r in rows]


def _defer_many(ctx: Context, owners: list[int]) -> int:
    """What the watch schedule does with the users watching a company."""
    app = runner.make_app(ctx, periodic=False)

    async def defer() -> int:
        async with app.open_async():
            return await runner.defer_many_async(app, Kind.WATCH_BOARDS, owners)

    return asyncio.run(defer())


def test_a_batch_with_a_waiting_job_adds_the_others_once(
    pg: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = with_smtp(pg, 2525)
    monkeypatch.setattr(runner, "DEFER_BATCH", 2)  # users 1, 2 | 3
    assert enqueue(ctx, Kind.WATCH_BOARDS, 2) != [None]  # already waiting
    assert _defer_many(ctx, [1, 2, 3]) == 2
    assert _locks(ctx) == [
        (o, lock(Kind.WATCH_BOARDS, o), lock(Kind.WATCH_BOARDS, o)) for o in (1, 2, 3)
    ]
    assert queue_depth(ctx) == {"watch": 3}
    assert [name for name, _, _, _ in jobs(ctx)] == ["nextround:watch_boards"] * 3


def test_batches_of_users_each_job_with_its_own_locks(
    pg: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = with_smtp(pg, 2525)
    monkeypatch.setattr(runner, "DEFER_BATCH", 2)
    assert _defer_many(ctx, [1, 2, 3]) == 3
    assert _defer_many(ctx, [1, 2, 3]) == 0  # again while they wait: nothing more
    assert _locks(ctx) == [
        (o, lock(Kind.WATCH_BOARDS, o), lock(Kind.WATCH_BOARDS, o)) for o in (1, 2, 3)
    ]
