"""What the background job runner needs from the core: whose work is due, each user's
settings for a job, the queue's address and depth. No queue library here.

On a hosted site a job for a user runs with that user's own settings
(:mod:`.user_settings`), their own mailbox among them: the mail scan is due for
each user who set one up (its password kept by :mod:`.user_secrets`). Elsewhere,
a job for a user other than the local one (id 1) runs with the site's settings
less everything personal: its profile is only the user's own address (for the
digest) and its saved interests are empty. The site's IMAP account is the local
user's: no other user's mail is scanned with it.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from enum import StrEnum

from nextround.config import Settings, UserProfile
from nextround.domain.interests import Interests
from nextround.mailconfig import ImapSettings
from nextround.services import user_settings
from nextround.services.context import Context
from nextround.storage import job_queue as stored
from nextround.storage import user_settings as own_settings
from nextround.storage.database import LOCAL_OWNER, server_url


class Kind(StrEnum):
    """A kind of background job; at most one of each runs for a user at a time."""

    SCAN_MAIL = "scan_mail"
    WATCH_BOARDS = "watch_boards"
    SEND_DIGEST = "send_digest"


#: Where each kind of job waits (``nextround worker --queues`` picks some).
QUEUES = {Kind.SCAN_MAIL: "mail", Kind.WATCH_BOARDS: "watch", Kind.SEND_DIGEST: "digest"}
#: The queue of the periodic jobs that enqueue one job per user.
SCHEDULE_QUEUE = "schedule"
#: Every queue's name, as /metrics shows their depths (0 when none waits).
QUEUE_NAMES = (*QUEUES.values(), SCHEDULE_QUEUE)


def lock(kind: Kind, owner: int) -> str:
    """The lock that keeps a user's jobs of one kind one at a time (and queued once)."""
    return f"{kind.value}:{owner}"


def due_owners(ctx: Context, kind: Kind) -> list[int]:
    """The users who have ``kind`` set up, so a periodic run enqueues one job for each.

    Read across every owner (``all_owners``): the scheduler lists whose work is due."""
    with ctx.all_owners.read() as c:
        if kind is Kind.WATCH_BOARDS:
            return stored.owners_watching(c)
        if kind is Kind.SCAN_MAIL:
            if ctx.settings.hosted:  # each user who set up their own mailbox
                return own_settings.owners_with(c, "imap", "host")
            return [LOCAL_OWNER] if ctx.settings.imap.host else []
        if not ctx.settings.smtp.host:
            return []
        found = stored.addresses(c)
    # The computer's own user (id 1) is nobody's on a hosted site: no digest to the site's
    # own sender address there.
    own = not ctx.settings.hosted and (
        ctx.settings.user.email.strip() or ctx.settings.smtp.sender.strip()
    )
    return [o for o, address in found.items() if address or (o == LOCAL_OWNER and own)]


def for_owner(ctx: Context, owner: int) -> Context:
    """A context for one job of ``owner``: their own settings (see the module docstring)."""
    if owner == LOCAL_OWNER:
        return ctx.fresh(owner=owner)
    if ctx.settings.hosted:  # their own settings, their own mailbox (none: an empty one)
        return ctx.fresh(owner=owner, settings=user_settings.for_owner(ctx.settings, ctx, owner))
    with ctx.db.read() as c:
        address = stored.address_of(c, owner)
    settings = dataclasses.replace(
        ctx.settings, user=UserProfile(email=address), interests=Interests(), imap=ImapSettings()
    )
    return ctx.fresh(owner=owner, settings=settings)


def settings_of(ctx: Context, owners: list[int]) -> dict[int, Settings]:
    """The settings each owner's job runs with (:func:`for_owner`), read together: on a
    hosted site in one transaction across owners."""
    if ctx.settings.hosted:
        others = [o for o in owners if o != LOCAL_OWNER]
        found = user_settings.for_owners(ctx.settings, ctx, others)
        own = {o: dataclasses.replace(s, imap=ImapSettings()) for o, s in found.items()}
        return {o: own.get(o, ctx.settings) for o in owners}
    return {o: for_owner(ctx, o).settings for o in owners}


#: A scheduled digest is not sent again within this long of the last one emailed
#: (``digest.make``'s ``not_within``)
#: (a rerun of the day's job, a second enqueue): steps still due would be told twice.
DIGEST_GAP = {"daily": timedelta(hours=20), "weekly": timedelta(days=6)}


def conninfo(ctx: Context) -> str:
    """The database's address as libpq takes it, for the queue's own connections."""
    if ctx.db.is_sqlite:
        raise ValueError("the job queue needs PostgreSQL")
    return server_url(ctx.db.url)


def queue_exists(ctx: Context) -> bool:
    """Whether the queue's tables are in the database (``nextround worker`` makes them)."""
    if ctx.db.is_sqlite:
        return False
    with ctx.db.read() as c:
        return stored.queue_exists(c)


def queue_depth(ctx: Context) -> dict[str, int] | None:
    """Jobs waiting to run, by queue; None where there is no queue (SQLite, or no worker yet)."""
    if not queue_exists(ctx):
        return None
    with ctx.db.read() as c:
        return stored.queue_depth(c)
