"""The interview journal: writing an entry from the application page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.errors import InvalidInput
from nextround.services import applications, forms, journal
from nextround.web.applications import application_page
from nextround.web.fields import Errors, record, values
from nextround.web.pages import CheckedForm, redirect, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.post("/applications/{app_id}/journal")
def add(request: Request, app_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    chosen = text(form, "interview_id")
    try:
        entry = journal.add_entry(
            ctx,
            app_id,
            text(form, "body"),
            interview_id=int(chosen) if chosen.isdigit() else None,
            form_token=text(form, "form_token") or None,
        )
    except forms.AlreadySubmitted as done:
        return redirect(done.location)
    except InvalidInput as exc:
        record(errors, exc, "body")
    else:
        return redirect(f"{applications.location(app_id)}#entry-{entry.id}")
    typed = {**values(form, "body", "interview_id"), "journal_form_token": text(form, "form_token")}
    return application_page(request, ctx, app_id, typed=typed, errors=errors)
