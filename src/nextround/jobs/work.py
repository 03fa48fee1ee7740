"""What each job does: one service call for one user, as the command makes it (the
scheduled digest: for a batch of users, each user's sent on its own).

Every job is safe to run again: the services remember what they did (a
message is filed once by its Message-ID and an IMAP folder's progress is kept;
a board's postings are keyed, so a second read finds nothing new; a digest is
remembered once the SMTP server took it, and the next one tells only what came
after). A job that fails is retried with a growing wait (:class:`Backoff`);
a mistake in the set-up (no address, no server) is not retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from procrastinate import BaseRetryStrategy, RetryDecision
from procrastinate.jobs import Job

from nextround import log
from nextround.errors import ConfigError, InvalidInput, NextroundError
from nextround.services import digest_send, job_queue
from nextround.services import mail as mail_service
from nextround.services import watch as watch_service
from nextround.services.context import Context
from nextround.services.mail_scope import default_since

#: The key under which a worker hands its context to the jobs (procrastinate's
#: ``additional_context``).
CONTEXT_KEY = "nextround"


class JobFailed(NextroundError):
    """A job that did not do its work, to be tried again."""


@dataclass
class Backoff(BaseRetryStrategy):
    """Wait ``first`` seconds, then ``factor`` times longer after each failure, up to
    ``attempts`` tries in all. Set-up mistakes are not retried: they fail alike every time."""

    first: float = 60.0
    factor: float = 4.0
    attempts: int = 6

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, InvalidInput | ConfigError):
            return None
        if job.attempts + 1 >= self.attempts:
            return None
        wait = timedelta(seconds=self.first * self.factor**job.attempts)
        return RetryDecision(retry_at=datetime.now(UTC) + wait)


#: The retry strategy of every job (a worker may shorten its waits: tests do).
BACKOFF = Backoff()


def context_of(job: Any, owner: int) -> Context:
    """The context for ``owner``'s job, from the worker's own context."""
    ctx = job.additional_context[CONTEXT_KEY]
    assert isinstance(ctx, Context)
    return job_queue.for_owner(ctx, owner)


def scan_mail(ctx: Context) -> dict[str, int]:
    """``nextround mail scan --imap``: file the new job mail of the user's account."""
    report = mail_service.scan_sources(ctx, use_imap=True, since=default_since(ctx))
    if report.problems and report.read == 0:
        first = report.problems[0]
        raise JobFailed(f"mail scan read nothing: {first.source}: {first.message}")
    return {"read": report.read, "filed": len(report.filed), "seen": report.already_seen}


def watch_boards(ctx: Context) -> dict[str, int]:
    """``nextround watch run``: read every watched board (a failing board is recorded
    by the service and read again at the next run, not retried here)."""
    report = watch_service.run_watches(ctx)
    return dict(report.counts)


def send_digest(ctx: Context, period: str) -> dict[str, object]:
    """``nextround digest --email``, unless this period's digest went out already (a
    rerun, or a batch job that sent it): nothing due and nothing changed sends nothing.
    The user's job when their digest failed in a batch (:func:`send_digests`)."""
    outcome = digest_send.send_one(ctx, period, not_within=gap_of(period))
    if outcome == "already_sent":
        return {"emailed": False, "already_sent": True}
    if outcome == "emailed":
        log.info("digest for user %d emailed", ctx.owner)
    return {"emailed": outcome == "emailed", "remembered": outcome == "emailed"}


def send_digests(ctx: Context, owners: list[int], period: str) -> digest_send.Sent:
    """The scheduled digest of a batch of users, read together and sent over one SMTP
    connection; the users whose digest failed are listed, for their own jobs."""
    sent = digest_send.send_many(ctx, owners, period, not_within=gap_of(period))
    for owner, problem in sent.failed.items():
        log.warning("digest for user %d not sent, retried alone: %s", owner, problem)
    return sent


def gap_of(period: str) -> timedelta:
    """How long after one emailed digest of ``period`` the next may go out."""
    return job_queue.DIGEST_GAP.get(period, job_queue.DIGEST_GAP["daily"])
