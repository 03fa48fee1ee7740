"""``/api/v1/undo`` and ``/api/v1/trash``: take back the latest change; restore what was
deleted, or forget it for good."""

from __future__ import annotations

from datetime import date

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from nextround.services import history
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape
from nextround.web.ids import ChangeId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("history")


class UndoIn(Shape):
    change_id: int | None = Field(
        None, description="Undo only if this is still the latest change (otherwise a 409)"
    )


class UndoneOut(Shape):
    undone: int = Field(description="The id of the change taken back")
    label: str
    note: str = Field(description="What happened outside nextround and stays done")


class TrashItemOut(Shape):
    id: int = Field(description="The deletion's change id, to restore it")
    label: str
    deleted_at: str
    records: list[str]
    expires_on: date


class RestoredOut(Shape):
    restored: int
    label: str
    change_id: int | None = Field(description="The change that restored it (to undo), if any")


class EmptiedOut(Shape):
    emptied: int = Field(description="How many deletions were forgotten for good")


@router.post("/undo")
def undo(ctx: Ctx, body: UndoIn | None = None) -> UndoneOut:
    """Take back the latest change not undone yet (404 when there is none)."""
    done = history.undo(ctx, body.change_id if body else None)
    return UndoneOut.model_validate(done.to_json())


@router.get("/trash")
def trash(ctx: Ctx, request: Request, response: Response, window: Paging) -> list[TrashItemOut]:
    """Deletions waiting 30 days to be restored, newest first; paged (``limit``, ``cursor``,
    the ``Link`` header)."""
    items = paged(request, response, history.trash_page(ctx, window))
    return [TrashItemOut.model_validate(item.to_json()) for item in items]


@router.post("/trash/{change_id}/restore")
def restore(change_id: ChangeId, ctx: Ctx) -> RestoredOut:
    """Bring back what a deletion removed, even after later changes."""
    return RestoredOut.model_validate(history.restore(ctx, change_id).to_json())


@router.delete("/trash")
def empty_trash(ctx: Ctx) -> EmptiedOut:
    """Forget everything in the trash for good (also in the copies kept before upgrades)."""
    return EmptiedOut(emptied=history.empty_trash(ctx))
