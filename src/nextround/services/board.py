"""The board moved by hand: a card to another column, or to another place in its own.

A move carries the status the card was in when the user picked it up; if it
has moved meanwhile (another tab, the CLI, a mail suggestion), the move is
refused with a Conflict and nothing changes. The order within a column is
kept in ``applications.position``; a card moved by any other way goes to the
top of its new column.
"""

from __future__ import annotations

from dataclasses import dataclass

from nextround.domain.applications import Status
from nextround.errors import Conflict
from nextround.services import applications
from nextround.services.applications import Plan
from nextround.services.context import Context
from nextround.storage import applications as stored

#: How the board names each status in its messages.
_NAMES = {
    Status.SAVED: "Saved for later",
    Status.APPLIED: "Applied",
    Status.SCREENING: "Screening",
    Status.INTERVIEWING: "Interviewing",
    Status.OFFER: "Offer",
    Status.REJECTED: "Rejected",
    Status.WITHDRAWN: "Withdrawn",
    Status.GHOSTED: "No reply",
}


@dataclass(frozen=True)
class Drop:
    """Where the user let go of a card."""

    status: Status
    #: The status the card showed when it was picked up.
    started_from: Status
    #: The card it was dropped in front of; None: at the end of the column.
    before: int | None = None


def move_card(ctx: Context, app_id: int, drop: Drop) -> Plan:
    """Move a card to ``drop.status`` and put it in front of ``drop.before``, in one change.

    A move to *rejected* plans the follow-up as any other rejection does.
    """
    with ctx.change("Moved an application") as c:
        app = applications.get(c, ctx, app_id)
        if app.status is not drop.started_from:
            raise Conflict(
                f"“{app.role}” at {app.company} was moved to {_NAMES[app.status]} "
                "elsewhere meanwhile, so this move was not made. "
                "The board now shows where it is; move it again if you still want to."
            )
        moved = app.status is not drop.status
        plan = applications.move(c, ctx, app, drop.status) if moved else Plan(app, [])
        order = [a.id for a in stored.column(c, ctx.owner, drop.status) if a.id != app_id]
        if drop.before == app_id and not moved:
            index = [a.id for a in stored.column(c, ctx.owner, drop.status)].index(app_id)
        elif drop.before in order:
            index = order.index(drop.before)
        else:
            index = len(order)
        order.insert(index, app_id)
        stored.place(c, ctx.owner, order)
    if drop.status is Status.REJECTED and moved:
        return applications.watched_after(ctx, plan)
    return plan
