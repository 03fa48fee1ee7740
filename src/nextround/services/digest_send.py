"""The scheduled digest sent: each user's at most once within a gap, however many jobs try.

:func:`send_many` sends the digests of many users, read together
(:func:`nextround.services.digest.build_many`) and handed to each user's SMTP
server over one connection per server, reused from one user to the next and
opened again after a failure. A user whose digest could not be sent (the
server refused it, no address, no server) is listed in :attr:`Sent.failed`
and the others go on. :func:`send_one` sends one user's, raising its failure.

Each user's send is claimed: in one transaction of that user's, the lock on
sending their digest (:func:`nextround.storage.job_queue.hold`), the last
emailed digest of the period read, the message handed over, and the digest
remembered. Two jobs sending one user's digest at once send it once: the
second waits for the first's transaction, then finds it emailed. A job stopped
half way and run again skips the users it emailed. The content is the
digest's own (:mod:`nextround.services.digest`); only an empty digest is
neither sent nor remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from typing import Literal

from nextround.domain.digest import Digest
from nextround.errors import ConfigError, InvalidInput
from nextround.mail import smtp
from nextround.services import digest, job_queue
from nextround.services.context import Context
from nextround.storage import digest as stored
from nextround.storage import job_queue as stored_jobs

#: What became of one user's digest.
Outcome = Literal["emailed", "already_sent", "empty"]
#: A user's failures that stop only that user's digest (the others go on).
FAILURES = (smtp.SendFailed, InvalidInput, ConfigError)


@dataclass
class Sent:
    """What :func:`send_many` did, by user."""

    emailed: list[int] = field(default_factory=list)
    #: Emailed within the gap already (by an earlier or another job).
    already_sent: list[int] = field(default_factory=list)
    #: Nothing due and nothing changed: not sent.
    empty: list[int] = field(default_factory=list)
    #: Not sent, and why (one line, no secrets).
    failed: dict[int, str] = field(default_factory=dict)
    #: SMTP connections opened.
    connections: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "emailed": len(self.emailed),
            "already_sent": len(self.already_sent),
            "empty": len(self.empty),
            "failed": len(self.failed),
            "connections": self.connections,
        }


class _Sessions:
    """One :class:`smtp.Session` per server, kept open across users."""

    def __init__(self) -> None:
        self.open: dict[smtp.Server, smtp.Session] = {}

    def send(self, message: EmailMessage, server: smtp.Server) -> None:
        session = self.open.get(server)
        if session is None:
            session = self.open[server] = smtp.Session(server)
        session.send(message)

    @property
    def opened(self) -> int:
        return sum(s.opened for s in self.open.values())

    def close(self) -> None:
        for session in self.open.values():
            session.close()


def send_many(ctx: Context, owners: Sequence[int], period: str, *, not_within: timedelta) -> Sent:
    """Email each of ``owners`` their digest of ``period`` unless one went out within
    ``not_within``; each user with their own settings
    (:func:`nextround.services.job_queue.settings_of`)."""
    report = Sent()
    sessions = _Sessions()
    listed = list(dict.fromkeys(owners))
    try:
        for first in range(0, len(listed), digest.BATCH):
            batch = _not_sent(ctx, listed[first : first + digest.BATCH], period, not_within, report)
            settings = job_queue.settings_of(ctx, batch)
            built = digest.build_many(ctx, batch, period, settings=settings)
            for owner in batch:
                own = ctx.fresh(owner=owner, settings=settings[owner])
                try:
                    outcome = _claimed(own, built[owner], period, not_within, sessions.send)
                except FAILURES as exc:
                    report.failed[owner] = str(exc)
                    continue
                getattr(report, outcome).append(owner)
    finally:
        report.connections = sessions.opened
        sessions.close()
    return report


def _not_sent(
    ctx: Context, owners: list[int], period: str, not_within: timedelta, report: Sent
) -> list[int]:
    """``owners`` less those emailed within the gap, listed as such in ``report``: a
    batch run again builds nothing for them (each one sent is checked again when claimed)."""
    with ctx.all_owners.read() as c:
        sent = stored.emailed_since(c, owners, period, digest.now() - not_within)
    report.already_sent.extend(o for o in owners if o in sent)
    return [o for o in owners if o not in sent]


def send_one(ctx: Context, period: str, *, not_within: timedelta) -> Outcome:
    """:func:`send_many` of ``ctx``'s owner alone, its failure raised."""
    return _claimed(ctx, digest.build(ctx, period), period, not_within, smtp.send)


def _claimed(
    ctx: Context,
    found: Digest,
    period: str,
    not_within: timedelta,
    send: Callable[[EmailMessage, smtp.Server], None],
) -> Outcome:
    if found.is_empty():
        return "empty"
    message, server, _ = digest.message_for(ctx, found)
    with ctx.db.transaction() as c:
        stored_jobs.hold(c, ctx.owner)
        emailed = stored.last_emailed(c, ctx.owner, period)
        now = digest.now()
        if emailed is not None and now - emailed < not_within:
            return "already_sent"
        send(message, server)
        stored.remember(c, ctx.owner, now, found.marks, period, emailed=True)
    return "emailed"
