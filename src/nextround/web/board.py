"""The Applications board moved by hand: a drop, a keyboard move or the card's Move menu.

Each posts to ``/applications/{id}/status`` with the status the card showed
(``from``) and the card it now sits in front of (``before``). Without
JavaScript the Move menu is a plain form and the answer a page; ``board.js``
asks for JSON instead and refreshes the board in place.
"""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from nextround.domain.applications import Application, Status
from nextround.services.applications import Column
from nextround.services.board import Drop
from nextround.web.pages import text

#: Folded into one "Closed" column by default: the searches that ended without an offer.
CLOSED = (Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED)


def drop_of(form: FormData, status: Status) -> Drop:
    """The move a board form asks for."""
    before = text(form, "before")
    return Drop(
        status,
        Status.parse(text(form, "from")),
        before=int(before) if before.isdigit() else None,
    )


def wants_json(request: Request) -> bool:
    """The board's script asks for JSON; a plain form gets a page."""
    return "application/json" in request.headers.get("accept", "")


def moved(app: Application, labels: dict[Status, str], location: str) -> Response:
    """What the script hears after a move: what happened, and where to go after a rejection."""
    return JSONResponse(
        {
            "ok": True,
            "message": f"Moved “{app.role}” at {app.company} to {labels[app.status]}.",
            "location": location if app.status is Status.REJECTED else None,
        }
    )


def refused(message: str) -> Response:
    """A move refused (made from a stale board, or not allowed), for the script.

    A 200 carrying ``ok: false``: the browser logs every 4xx answer as an error,
    and this one is expected; the script says it and refreshes the board.
    """
    return JSONResponse({"ok": False, "conflict": message})


def split(columns: list[Column]) -> tuple[list[Column], list[Column]]:
    """The open columns, and the closed ones to fold together (none when filtered to one)."""
    if len(columns) == 1:
        return columns, []
    return [c for c in columns if c.status not in CLOSED], [
        c for c in columns if c.status in CLOSED
    ]
