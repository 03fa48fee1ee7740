"""The queue: procrastinate's app with nextround's jobs, its schema, the periodic
schedule, deferring one job per user, and running a worker.

Locks: every job of one kind for one user carries the lock and the queueing lock
``KIND:OWNER``. The lock runs that user's jobs of that kind one at a time, on
however many workers; the queueing lock keeps at most one of them waiting, so a
schedule that fires again while a job still waits adds nothing.

The scheduled digest is one ``send_digests`` job per :data:`~nextround.services.digest.BATCH` users
(their ids, the period and the day in its arguments; the queueing lock
``send_digests:PERIOD:SLOT`` for its slot in the schedule's list): each user's
digest in it is claimed under that user's own lock in the database
(:mod:`nextround.services.digest_send`), so batches may run side by side, and one
run again sends nothing twice. A user whose digest failed gets their own
``send_digest`` job, retried as any other.

A worker killed mid-job (out of memory, its machine restarted) leaves the job
"doing", holding its user's lock, so that user's jobs of its kind would never run
again: every worker, when it starts and every :data:`STALLED_CHECK` seconds, puts
the jobs of workers silent for :data:`STALLED_AFTER` seconds back in the queue
(:func:`retry_stalled`; every job is safe to run again, :mod:`.work`).

The schema is procrastinate's own, applied by the first worker that finds it
missing (under an advisory lock, so workers starting together apply it once);
nextround's migrations leave it alone, so a PostgreSQL install without the
``hosted`` extra never needs procrastinate.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from procrastinate import App, JobContext, PsycopgConnector
from procrastinate.exceptions import AlreadyEnqueued, UniqueViolation
from procrastinate.jobs import Status

from nextround import log
from nextround.errors import StorageError
from nextround.jobs import work
from nextround.services import digest, job_queue
from nextround.services.context import Context
from nextround.services.job_queue import Kind

QUEUES = job_queue.QUEUES
SCHEDULE_QUEUE = job_queue.SCHEDULE_QUEUE
#: When each periodic job runs (cron, UTC), and what it enqueues.
SCHEDULE: dict[str, tuple[Kind, dict[str, str]]] = {
    "15 6-20/2 * * *": (Kind.SCAN_MAIL, {}),
    "0 5 * * *": (Kind.WATCH_BOARDS, {}),
    "0 7 * * *": (Kind.SEND_DIGEST, {"period": "daily"}),
}
#: The key of the advisory lock held while the queue's schema is applied.
SCHEMA_LOCK = 0x6E726A62  # "nrjb"
#: The worker's name for each job function: nextround:scan_mail and so on.
NAMESPACE = "nextround"
#: A worker without a heartbeat (procrastinate's, every 10 s) for this long is gone.
STALLED_AFTER = 60.0
#: How often a running worker looks for the jobs of workers gone (seconds).
STALLED_CHECK = 300.0
#: The scheduled digest's job, one per batch of users.
BATCH_TASK = f"{NAMESPACE}:send_digests"


def name_of(kind: Kind) -> str:
    return f"{NAMESPACE}:{kind.value}"


def make_app(ctx: Context, *, periodic: bool = True) -> App:
    """The app on ``ctx``'s database (PostgreSQL), its jobs registered; not yet open.

    ``periodic``: the schedule deferred by this worker too; without it, jobs run only
    when deferred (the enqueuers as well).
    """
    connector = PsycopgConnector(
        conninfo=job_queue.conninfo(ctx), kwargs={"prepare_threshold": None}
    )
    app = App(connector=connector)
    for kind in Kind:
        app.task(
            name=name_of(kind),
            queue=QUEUES[kind],
            pass_context=True,
            retry=work.BACKOFF,
        )(_job(kind))
    app.task(
        name=BATCH_TASK, queue=QUEUES[Kind.SEND_DIGEST], pass_context=True, retry=work.BACKOFF
    )(_send_digests)
    for cron, (kind, extra) in SCHEDULE.items():
        enqueuer = app.task(
            name=f"{NAMESPACE}:enqueue_{kind.value}", queue=SCHEDULE_QUEUE, pass_context=True
        )(_enqueuer(kind, extra))
        if periodic:
            app.periodic(cron=cron, periodic_id=kind.value)(enqueuer)
    return app


def _do(kind: Kind, ctx: Context, kwargs: dict[str, Any]) -> dict[str, Any]:
    if kind is Kind.SCAN_MAIL:
        return work.scan_mail(ctx)
    if kind is Kind.WATCH_BOARDS:
        return work.watch_boards(ctx)
    return work.send_digest(ctx, str(kwargs.get("period", "daily")))


def _job(kind: Kind) -> Callable[..., dict[str, Any]]:
    def run(context: JobContext, owner: int, **kwargs: Any) -> dict[str, Any]:
        result = _do(kind, work.context_of(context, owner), kwargs)
        log.info("job %s for user %d: %s", kind.value, owner, result)
        return result

    run.__name__ = kind.value
    return run


async def _send_digests(
    context: JobContext, owners: list[int], period: str = "daily", day: str = ""
) -> dict[str, int]:
    """The batch job: ``owners``' digests (``day``: the schedule's, for the record); a
    user whose digest failed is deferred as their own ``send_digest`` job."""
    ctx = context.additional_context[work.CONTEXT_KEY]
    sent = await asyncio.to_thread(work.send_digests, ctx, owners, period)
    for owner in sent.failed:
        await defer_async(context.app, Kind.SEND_DIGEST, owner, period=period)
    result = sent.counts()
    log.info("job send_digests of %d users: %s", len(owners), result)
    return result


async def defer_digests_async(app: App, owners: list[int], period: str, day: str) -> int:
    """One ``send_digests`` job per :data:`digest.BATCH` of ``owners``; how many were
    added (a slot whose job still waits adds nothing)."""
    added = 0
    for slot, first in enumerate(range(0, len(owners), digest.BATCH)):
        batch = owners[first : first + digest.BATCH]
        task = app.configure_task(
            BATCH_TASK,
            queueing_lock=f"send_digests:{period}:{slot}",
            task_kwargs={"owners": batch, "period": period, "day": day},
        )
        try:
            await task.defer_async()
        except AlreadyEnqueued:
            continue
        added += 1
    return added


def _enqueuer(kind: Kind, extra: dict[str, str]) -> Callable[..., Awaitable[int]]:
    async def enqueue_all(context: JobContext, timestamp: int) -> int:
        ctx = context.additional_context[work.CONTEXT_KEY]
        owners = await asyncio.to_thread(job_queue.due_owners, ctx, kind)
        if kind is Kind.SEND_DIGEST:
            period, day = extra.get("period", "daily"), ctx.today.isoformat()
            added = await defer_digests_async(context.app, owners, period, day)
            log.info("schedule %s: %d jobs for %d users", kind.value, added, len(owners))
            return added
        added = await defer_many_async(context.app, kind, owners, **extra)
        log.info("schedule %s: %d of %d users enqueued", kind.value, added, len(owners))
        return added

    enqueue_all.__name__ = f"enqueue_{kind.value}"
    return enqueue_all


def _configured(app: App, kind: Kind, owner: int, extra: dict[str, str]) -> Any:
    lock = job_queue.lock(kind, owner)
    return app.configure_task(
        name_of(kind), lock=lock, queueing_lock=lock, task_kwargs={"owner": owner, **extra}
    )


def defer(app: App, kind: Kind, owner: int, **extra: str) -> int | None:
    """Enqueue ``kind`` for ``owner``; its job id, or None when one already waits."""
    try:
        job_id: int = _configured(app, kind, owner, extra).defer()
    except AlreadyEnqueued:
        return None
    return job_id


async def defer_async(app: App, kind: Kind, owner: int, **extra: str) -> int | None:
    """:func:`defer`, from a running worker's event loop."""
    try:
        job_id: int = await _configured(app, kind, owner, extra).defer_async()
    except AlreadyEnqueued:
        return None
    return job_id


#: Jobs deferred by one statement when the schedule enqueues every user's.
DEFER_BATCH = 500


async def defer_many_async(app: App, kind: Kind, owners: list[int], **extra: str) -> int:
    """:func:`defer_async` for each of ``owners``, :data:`DEFER_BATCH` jobs a statement
    (each with its own user's locks); how many were added. A batch holding a job that
    already waits adds nothing, so it is deferred again one job at a time."""
    added = 0
    for first in range(0, len(owners), DEFER_BATCH):
        batch = owners[first : first + DEFER_BATCH]
        jobs = [_configured(app, kind, owner, extra).job for owner in batch]
        try:
            await app.job_manager.batch_defer_jobs_async(jobs=jobs)
        except AlreadyEnqueued:
            for owner in batch:
                added += await defer_async(app, kind, owner, **extra) is not None
        else:
            added += len(batch)
    return added


def apply_schema(ctx: Context) -> bool:
    """Create the queue's tables unless they are there; True when this call made them.
    A role that may not (the app's, granted rows only) gets a StorageError saying to
    start the first worker as the schema's owner."""
    import psycopg
    from procrastinate.schema import SchemaManager

    with psycopg.connect(job_queue.conninfo(ctx), autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
        try:
            if job_queue.queue_exists(ctx):
                return False
            try:
                with connection.transaction():
                    connection.execute(SchemaManager.get_schema())
            except psycopg.errors.InsufficientPrivilege:
                raise StorageError(
                    f"the job queue's tables aren't in the database yet, and the role "
                    f"{connection.info.user} may not create them: start one worker as the "
                    "schema's owner first (NEXTROUND_DB=OWNER_URL nextround worker --once), "
                    "then the others as the app's role"
                ) from None
            log.info("job queue: procrastinate's schema applied")
            return True
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))


def worker_options(
    ctx: Context, *, concurrency: int = 1, queues: list[str] | None = None, wait: bool = True
) -> dict[str, Any]:
    """How ``nextround worker`` runs procrastinate's worker."""
    return {
        "concurrency": concurrency,
        "queues": queues or None,
        "wait": wait,
        "additional_context": {work.CONTEXT_KEY: ctx},
        "name": "nextround-worker",
    }


def run_worker(
    ctx: Context,
    *,
    periodic: bool = True,
    concurrency: int = 1,
    queues: list[str] | None = None,
    wait: bool = True,
    **extra: Any,
) -> None:
    """Run a worker in this thread until it is stopped (or, ``wait=False``, idle).

    ``extra`` goes to procrastinate's worker as is (``install_signal_handlers``...).
    """
    app = make_app(ctx, periodic=periodic)
    options = worker_options(ctx, concurrency=concurrency, queues=queues, wait=wait)

    async def run() -> None:
        async with app.open_async():
            await retry_stalled(app)
            sweeping = asyncio.create_task(_sweep_stalled(app)) if wait else None
            try:
                await app.run_worker_async(**options, **extra)
            finally:
                if sweeping is not None:
                    sweeping.cancel()

    asyncio.run(run())


async def _sweep_stalled(app: App) -> None:
    while True:
        await asyncio.sleep(STALLED_CHECK)
        try:
            await retry_stalled(app)
        except Exception:  # the database away, say: tried again at the next check
            log.warning("job queue: looking for stalled jobs failed; trying again later")


async def retry_stalled(app: App, *, after: float = STALLED_AFTER) -> int:
    """Put back in the queue the jobs left "doing" by workers silent for ``after`` seconds;
    how many. One whose user has the same job waiting already is ended as failed instead
    (the waiting one does its work)."""
    taken_up = 0
    for job in await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=after):
        try:
            await app.job_manager.retry_job(job)
        except UniqueViolation:
            await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
            log.info("job queue: stalled job %s ended, the same job waits", job.id)
        else:
            taken_up += 1
            log.info("job queue: stalled job %s of a worker gone is queued again", job.id)
    return taken_up


def drain(ctx: Context, *, timeout: float = 60.0, **options: Any) -> None:
    """Run jobs until none waits, retries not yet due included (tests; ``worker --once``
    leaves those for later). Raises TimeoutError past ``timeout`` seconds."""
    end = time.monotonic() + timeout
    options.setdefault("periodic", False)
    while True:
        run_worker(ctx, wait=False, install_signal_handlers=False, **options)
        depth = job_queue.queue_depth(ctx) or {}
        wanted = options.get("queues") or list(depth)
        if not sum(depth.get(q, 0) for q in wanted):
            return
        if time.monotonic() > end:
            raise TimeoutError("jobs still waiting after the timeout")
        time.sleep(0.05)
