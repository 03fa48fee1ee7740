"""``/api/v1/journal``: the interview journal's entries; list, get, create, update, delete."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from nextround.domain.journal import JournalEntryChanges, NewJournalEntry
from nextround.services import journal
from nextround.web.api import api_router
from nextround.web.api.schemas import JournalEntryOut, NotNull, Revision, Shape, changes, out, outs
from nextround.web.ids import ApplicationId, EntryId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("journal")


class JournalEntryIn(Shape):
    application_id: int
    body: str
    interview_id: int | None = None


class JournalEntryPatch(Shape):
    """Fields to change: absent ones stay; the earlier text is kept as a revision."""

    body: Annotated[str | None, NotNull] = Field(None, description="Markdown")
    interview_id: int | None = Field(None, description="null: about no interview in particular")
    revision: Revision = None


@router.get("/journal")
def list_entries(
    ctx: Ctx,
    request: Request,
    response: Response,
    window: Paging,
    application_id: ApplicationId | None = None,
) -> list[JournalEntryOut]:
    """Oldest first; paged (``limit``, ``cursor``, the ``Link`` header)."""
    found = journal.entry_page(ctx, window, application_id)
    items = paged(request, response, found)
    return outs(JournalEntryOut, items)


@router.get("/journal/{entry_id}")
def get_entry(entry_id: EntryId, ctx: Ctx) -> JournalEntryOut:
    return out(JournalEntryOut, journal.show_entry(ctx, entry_id).entry)


@router.post("/journal", status_code=201)
def create_entry(body: JournalEntryIn, ctx: Ctx) -> JournalEntryOut:
    return out(JournalEntryOut, journal.add_entry(ctx, NewJournalEntry(**body.model_dump())))


@router.patch("/journal/{entry_id}")
def update_entry(entry_id: EntryId, body: JournalEntryPatch, ctx: Ctx) -> JournalEntryOut:
    edit = JournalEntryChanges(**changes(body))
    entry = journal.edit_entry(ctx, entry_id, edit, expected_revision=body.revision)
    return out(JournalEntryOut, entry)


@router.delete("/journal/{entry_id}", status_code=204, response_class=Response)
def delete_entry(entry_id: EntryId, ctx: Ctx) -> Response:
    """To the trash."""
    journal.delete_entry(ctx, entry_id)
    return Response(status_code=204)
