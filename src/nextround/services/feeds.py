"""Secret links to the calendar feed: create (replacing any earlier one), revoke, resolve.

Only the SHA-256 of a token is stored. A token has 256 random bits, so a
lookup by its hash is safe: timing can at most reveal a prefix of a hash,
which tells nothing about any token.
"""

from __future__ import annotations

import secrets

from nextround.services.calendar import CalendarExport, export_calendar
from nextround.services.context import Context
from nextround.services.logins import digest
from nextround.storage import feeds

CALENDAR = "calendar"


def create_calendar_token(ctx: Context) -> str:
    """A new secret for the calendar feed; the earlier one, if any, stops working."""
    token = secrets.token_urlsafe(32)
    with ctx.db.transaction() as c:
        feeds.replace(c, ctx.owner, CALENDAR, digest(token))
    return token


def revoke_calendar_token(ctx: Context) -> None:
    with ctx.db.transaction() as c:
        feeds.revoke(c, ctx.owner, CALENDAR)


def has_calendar_token(ctx: Context) -> bool:
    with ctx.db.read() as c:
        return feeds.exists(c, ctx.owner, CALENDAR)


def owner_for_calendar_token(ctx: Context, token: str) -> int | None:
    """The owner whose calendar ``token`` opens, or None (unknown, revoked or malformed)."""
    if not token or len(token) > 200:
        return None
    with ctx.all_owners.read() as c:  # whose the link is isn't known until it is found
        return feeds.owner_of(c, CALENDAR, digest(token))


def calendar_for_token(ctx: Context, token: str) -> CalendarExport | None:
    """The calendar of the token's owner, the same as ``nextround calendar`` writes."""
    owner = owner_for_calendar_token(ctx, token)
    if owner is None:
        return None
    return export_calendar(ctx.fresh(owner=owner))
