"""``/api/v1/journal``: the interview journal's entries; list, get, create, update, delete."""

from __future__ import annotations

from starlette.responses import Response

from nextround.services import journal
from nextround.web.api import api_router
from nextround.web.api.schemas import JournalEntryOut, Shape, out, outs
from nextround.web.state import Ctx

router = api_router("journal")


class JournalEntryIn(Shape):
    application_id: int
    body: str
    interview_id: int | None = None


class JournalEntryPatch(Shape):
    body: str


@router.get("/journal")
def list_entries(ctx: Ctx, application_id: int | None = None) -> list[JournalEntryOut]:
    return outs(JournalEntryOut, journal.list_journal_entries(ctx, application_id))


@router.get("/journal/{entry_id}")
def get_entry(entry_id: int, ctx: Ctx) -> JournalEntryOut:
    return out(JournalEntryOut, journal.show_journal_entry(ctx, entry_id))


@router.post("/journal", status_code=201)
def create_entry(body: JournalEntryIn, ctx: Ctx) -> JournalEntryOut:
    entry = journal.add_entry(ctx, body.application_id, body.body, body.interview_id)
    return out(JournalEntryOut, entry)


@router.patch("/journal/{entry_id}")
def update_entry(entry_id: int, body: JournalEntryPatch, ctx: Ctx) -> JournalEntryOut:
    return out(JournalEntryOut, journal.edit_journal_entry(ctx, entry_id, body.body))


@router.delete("/journal/{entry_id}", status_code=204, response_class=Response)
def delete_entry(entry_id: int, ctx: Ctx) -> Response:
    journal.delete_journal_entry(ctx, entry_id)
    return Response(status_code=204)
