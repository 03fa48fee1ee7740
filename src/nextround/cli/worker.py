"""``nextround worker``: run the background jobs of every user from the PostgreSQL queue."""

from __future__ import annotations

import os

import click

from nextround.cli.options import pass_state
from nextround.cli.state import State
from nextround.errors import ConfigError, InvalidInput

_ON_SQLITE = (
    "the worker needs PostgreSQL; on SQLite run `nextround mail scan --imap --quiet`, "
    "`nextround watch run` and `nextround digest --email` from cron or systemd timers "
    "(docs/mail.md, docs/watch.md)"
)


@click.command("worker")
@click.option(
    "--concurrency",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Jobs run at once by this process (each in its own thread).",
)
@click.option(
    "--queues",
    metavar="NAMES",
    help="Only these queues, comma-separated: mail, watch, digest, schedule (default: all).",
)
@click.option(
    "--once", is_flag=True, help="Run the jobs due now, then stop (no schedule, no waiting)."
)
@pass_state
def worker(state: State, /, concurrency: int, queues: str | None, once: bool) -> None:
    """Run mail scans, board watches and digests for every user from the job queue
    (PostgreSQL only). Start as many as needed, on as many machines: each job runs once,
    and one user's jobs of one kind never run two at a time. Stop it with Ctrl+C."""
    from nextround.config import load_settings

    settings = load_settings(db=state.db, today=state.today)
    if "://" not in settings.db_url or settings.db_url.startswith("sqlite"):
        raise ConfigError(_ON_SQLITE)
    from nextround.jobs import runner
    from nextround.services.context import open_context

    ctx = open_context(settings, create=False, pooled=True)
    try:
        if runner.apply_schema(ctx):
            click.echo("The job queue's tables were created.", err=True)
        names = _queues(queues, {*runner.QUEUES.values(), runner.SCHEDULE_QUEUE})
        _log_what_it_does()  # from here on: a refusal above stays one line
        runner.run_worker(
            ctx, periodic=not once, concurrency=concurrency, queues=names, wait=not once
        )
    finally:
        ctx.close()


def _log_what_it_does() -> None:
    """Each job and schedule run logged (info and up, more with -v) on stderr; one JSON
    object a line with NEXTROUND_LOG_FORMAT=json, as the web processes do, procrastinate's
    own records (a failed job's retries) with them."""
    from nextround import log

    log_format = os.environ.get("NEXTROUND_LOG_FORMAT", "text").strip().lower() or "text"
    if log_format not in {"text", "json"}:
        raise ConfigError(f"NEXTROUND_LOG_FORMAT={log_format!r} must be text or json")
    log.at_least(log.INFO)
    if log_format == "json":
        from nextround.web.observe import log_as_json

        log_as_json(names=("procrastinate",))


def _queues(text: str | None, known: set[str]) -> list[str]:
    names = [q.strip() for q in (text or "").split(",") if q.strip()]
    unknown = [q for q in names if q not in known]
    if unknown:
        raise InvalidInput(
            f"no queue named {unknown[0]!r}: the queues are {', '.join(sorted(known))}"
        )
    return names
