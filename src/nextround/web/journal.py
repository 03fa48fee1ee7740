"""The interview journal: writing an entry from the application page, editing it (the
earlier text is kept), deleting it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.journal import JournalEntryChanges, NewJournalEntry, with_topic_questions
from nextround.errors import InvalidInput
from nextround.services import interviews, journal
from nextround.services.journal import EntryView
from nextround.web.application_parts import Part
from nextround.web.fields import Errors, form_id, record, values
from nextround.web.ids import ApplicationId, EntryId
from nextround.web.pages import CheckedForm, changed, revision, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

FIELDS = ("body", "interview_id")

ENTRY = Part(
    kind="journal_entry",
    anchor="entry",
    section="journal",
    form="journal",
    fields=FIELDS,
    default="body",
    template="journal/edit.html",
)


@router.post("/applications/{app_id}/journal")
def add(request: Request, app_id: ApplicationId, form: CheckedForm, ctx: Ctx) -> Response:
    new = NewJournalEntry(
        app_id, text(form, "body"), interview_id=form_id(form, "interview_id", "interview")
    )
    return ENTRY.add(
        request,
        ctx,
        app_id,
        form,
        {},
        lambda token: journal.add_entry(ctx, new, form_token=token).id,
    )


@router.get("/journal/{entry_id}")
def show(entry_id: EntryId, ctx: Ctx) -> Response:
    return ENTRY.shown(journal.show_entry(ctx, entry_id), entry_id)


@router.get("/journal/{entry_id}/edit")
def edit_form(request: Request, entry_id: EntryId, ctx: Ctx) -> Response:
    view = journal.show_entry(ctx, entry_id)
    # Interviewers added since it was written are asked about too, as a new entry asks.
    asked = journal.interviewer_names(ctx, view.application.id)
    typed = {
        "body": with_topic_questions(view.entry.body, asked),
        "interview_id": str(view.entry.interview_id or ""),
        "revision": str(view.entry.revision),
    }
    return _edit_page(request, ctx, view, typed, {})


@router.post("/journal/{entry_id}")
def save(request: Request, entry_id: EntryId, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    changes = JournalEntryChanges(
        body=text(form, "body"), interview_id=form_id(form, "interview_id", "interview")
    )
    try:
        entry = journal.edit_entry(ctx, entry_id, changes, expected_revision=revision(form))
    except InvalidInput as exc:
        record(errors, exc, "body", FIELDS)
    else:
        return changed(ENTRY.url(entry.application_id, entry.id), ctx)
    typed = values(form, *FIELDS, "revision")
    return _edit_page(request, ctx, journal.show_entry(ctx, entry_id), typed, errors)


@router.post("/journal/{entry_id}/delete")
def delete(entry_id: EntryId, form: CheckedForm, ctx: Ctx) -> Response:
    app_id = journal.show_entry(ctx, entry_id).application.id
    journal.delete_entry(ctx, entry_id)
    return ENTRY.deleted(ctx, app_id)


def _edit_page(
    request: Request, ctx: Ctx, view: EntryView, typed: dict[str, str], errors: Errors
) -> Response:
    held = interviews.list_interviews(ctx, view.application.id)
    choices = [(i.id, f"{i.on.isoformat()} ({i.format.value})") for i in held]
    title = "Edit a journal entry"
    return ENTRY.edit_page(request, view, view.entry.id, title, typed, errors, interviews=choices)
