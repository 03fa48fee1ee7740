"""The interview journal: writing an entry from the application page, editing it (the
earlier text is kept), deleting it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.journal import JournalEntryChanges, NewJournalEntry
from nextround.errors import InvalidInput
from nextround.services import forms, interviews, journal
from nextround.services.journal import EntryView
from nextround.web.applications import application_page
from nextround.web.fields import Errors, form_id, record, values
from nextround.web.ids import ApplicationId, EntryId
from nextround.web.pages import CheckedForm, changed, record_path, redirect, render, revision, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

FIELDS = ("body", "interview_id")


def anchor(app_id: int, entry_id: int) -> str:
    return f"/applications/{app_id}#entry-{entry_id}"


@router.post("/applications/{app_id}/journal")
def add(request: Request, app_id: ApplicationId, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    new = NewJournalEntry(
        app_id, text(form, "body"), interview_id=form_id(form, "interview_id", "interview")
    )
    try:
        entry = journal.add_entry(ctx, new, form_token=text(form, "form_token") or None)
    except forms.AlreadySubmitted as done:
        return redirect(record_path(done.kind, done.id))
    except InvalidInput as exc:
        record(errors, exc, "body", FIELDS)
    else:
        return changed(anchor(app_id, entry.id), ctx)
    typed = {**values(form, *FIELDS), "journal_form_token": text(form, "form_token")}
    return application_page(request, ctx, app_id, typed=typed, errors=errors)


@router.get("/journal/{entry_id}")
def show(entry_id: EntryId, ctx: Ctx) -> Response:
    """An entry is shown on its application's page."""
    view = journal.show_entry(ctx, entry_id)
    return redirect(anchor(view.application.id, entry_id))


@router.get("/journal/{entry_id}/edit")
def edit_form(request: Request, entry_id: EntryId, ctx: Ctx) -> Response:
    view = journal.show_entry(ctx, entry_id)
    typed = {
        "body": view.entry.body,
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
        return changed(anchor(entry.application_id, entry.id), ctx)
    typed = values(form, *FIELDS, "revision")
    return _edit_page(request, ctx, journal.show_entry(ctx, entry_id), typed, errors)


@router.post("/journal/{entry_id}/delete")
def delete(entry_id: EntryId, form: CheckedForm, ctx: Ctx) -> Response:
    app_id = journal.show_entry(ctx, entry_id).application.id
    journal.delete_entry(ctx, entry_id)
    return changed(f"/applications/{app_id}#journal", ctx)


def _edit_page(
    request: Request, ctx: Ctx, view: EntryView, typed: dict[str, str], errors: Errors
) -> Response:
    app = view.application
    held = interviews.list_interviews(ctx, app.id)
    context = {
        "title": f"Edit a journal entry for {app.role}",
        "view": view,
        "app": app,
        "typed": typed,
        "errors": errors,
        "interviews": [(i.id, f"{i.on.isoformat()} ({i.format.value})") for i in held],
    }
    return render(request, "journal/edit.html", context, status=422 if errors else 200)
