"""Interviews: recording one, with its interviewers, from the application page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.dates import parse_date
from nextround.domain.interviews import Format, parse_time
from nextround.errors import InvalidInput
from nextround.services import applications, forms, interviews
from nextround.web.applications import application_page
from nextround.web.fields import Errors, parsed, record, required, values
from nextround.web.pages import CheckedForm, redirect, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

FIELDS = ("on", "at", "format", "interviewers")


@router.post("/applications/{app_id}/interviews")
def add(request: Request, app_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    on_text = required(form, errors, "on", "Give the day of the interview.")
    on = (
        parsed(errors, "on", lambda: parse_date(on_text, what="interview date"))
        if on_text
        else None
    )
    at_text = text(form, "at")
    at = parsed(errors, "at", lambda: parse_time(at_text)) if at_text else None
    fmt = parsed(errors, "format", lambda: Format.parse(text(form, "format") or "video"))
    if on is not None and fmt is not None and not errors:
        try:
            added = interviews.add_interview(
                ctx,
                app_id,
                on=on,
                at=at,
                format=fmt,
                interviewers=names(text(form, "interviewers")),
                add_new_people=True,
                form_token=text(form, "form_token") or None,
            )
        except forms.AlreadySubmitted as done:
            return redirect(done.location)
        except InvalidInput as exc:
            record(errors, exc, "interviewers")
        else:
            return redirect(f"{applications.location(app_id)}#interview-{added.id}")
    typed = {**values(form, *FIELDS), "interview_form_token": text(form, "form_token")}
    return application_page(request, ctx, app_id, typed=typed, errors=errors)


def names(value: str) -> list[str]:
    """Interviewers' names, one a line or separated by commas."""
    return [n.strip() for n in value.replace("\n", ",").split(",") if n.strip()]
