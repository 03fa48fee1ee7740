"""Interviews: recording one from the application page, editing it, deleting it.

Interviewers are typed as names: each is found among the people at the
application's company, or added there.
"""

from __future__ import annotations

from datetime import date, time

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.domain.interviews import (
    Format,
    InterviewChanges,
    InterviewKind,
    InterviewStatus,
    NewInterview,
    parse_time,
)
from nextround.errors import InvalidInput
from nextround.services import interviews
from nextround.services.interviews import InterviewView
from nextround.web.application_parts import Part
from nextround.web.fields import Errors, parsed, record, required_date, values
from nextround.web.ids import ApplicationId, InterviewId
from nextround.web.pages import CheckedForm, changed, revision, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

FIELDS = ("on", "at", "format", "kind", "interviewers", "notes")
KINDS = (
    (InterviewKind.SCREEN.value, "A screening call"),
    (InterviewKind.TECHNICAL.value, "Technical"),
    (InterviewKind.PANEL.value, "A panel"),
    (InterviewKind.ONSITE.value, "Onsite"),
    (InterviewKind.TAKE_HOME.value, "A take-home review"),
)
EDIT_FIELDS = (*FIELDS, "status", "revision")
STATUSES = (
    (InterviewStatus.PLANNED.value, "Held, or still to come"),
    (InterviewStatus.CANCELLED.value, "Cancelled"),
    (InterviewStatus.CALLED_OFF.value, "Called off (the company said no first)"),
)


INTERVIEW = Part(
    kind="interview",
    anchor="interview",
    section="interviews",
    form="interview",
    fields=FIELDS,
    default="interviewers",
    template="interviews/edit.html",
)


@router.post("/applications/{app_id}/interviews")
def add(request: Request, app_id: ApplicationId, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    on, at, fmt = _when(form, errors)
    kind = parsed(errors, "kind", lambda: InterviewKind.parse(text(form, "kind")))
    if on is None or fmt is None or errors:
        return INTERVIEW.add(request, ctx, app_id, form, errors)
    new = NewInterview(
        app_id, on, at, fmt, new_interviewers=names(text(form, "interviewers")), kind=kind
    )
    return INTERVIEW.add(
        request,
        ctx,
        app_id,
        form,
        errors,
        lambda token: interviews.add_interview(ctx, new, form_token=token).interview.id,
    )


def _when(form: FormData, errors: Errors) -> tuple[date | None, time | None, Format | None]:
    """The day, the time and the format as typed; what doesn't parse is an error beside it."""
    on = required_date(form, errors, "on", "interview date")
    at_text = text(form, "at")
    at = parsed(errors, "at", lambda: parse_time(at_text)) if at_text else None
    fmt = parsed(errors, "format", lambda: Format.parse(text(form, "format") or "video"))
    return on, at, fmt


def names(value: str) -> tuple[str, ...]:
    """Interviewers' names, one a line or separated by commas."""
    return tuple(n.strip() for n in value.replace("\n", ",").split(",") if n.strip())


@router.get("/interviews/{interview_id}")
def show(interview_id: InterviewId, ctx: Ctx) -> Response:
    return INTERVIEW.shown(interviews.show_interview(ctx, interview_id), interview_id)


@router.get("/interviews/{interview_id}/edit")
def edit_form(request: Request, interview_id: InterviewId, ctx: Ctx) -> Response:
    view = interviews.show_interview(ctx, interview_id)
    meeting = view.interview
    typed = {
        "on": meeting.on.isoformat(),
        "at": meeting.at.strftime("%H:%M") if meeting.at else "",
        "format": meeting.format.value,
        "kind": meeting.kind.value if meeting.kind else "",
        "interviewers": "\n".join(p.name for p in view.people),
        "notes": meeting.notes,
        "status": meeting.status.value,
        "revision": str(meeting.revision),
    }
    typed.update({f"topics-{p.id}": ", ".join(meeting.topics_with(p.id)) for p in view.people})
    return _edit_page(request, view, typed, {})


def _topics(
    form: FormData, view: InterviewView, kept: tuple[str, ...]
) -> dict[int, tuple[str, ...]]:
    """Each interviewer's topics as typed (separated by commas), for those still in the interview."""
    staying = {n.casefold() for n in kept}
    return {
        p.id: names(text(form, f"topics-{p.id}"))
        for p in view.people
        if f"topics-{p.id}" in form and p.name.casefold() in staying
    }


@router.post("/interviews/{interview_id}")
def save(request: Request, interview_id: InterviewId, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    on, at, fmt = _when(form, errors)
    started_from = revision(form)
    before = interviews.show_interview(ctx, interview_id)
    if on is not None and fmt is not None and not errors:
        try:
            seated = names(text(form, "interviewers"))
            changes = InterviewChanges(
                on=on,
                at=at,
                format=fmt,
                interviewer_ids=(),
                new_interviewers=seated,
                notes=text(form, "notes"),
                status=_status(text(form, "status")),
                topics=_topics(form, before, seated),
                kind=InterviewKind.parse(text(form, "kind")),
            )
            view = interviews.edit_interview(
                ctx, interview_id, changes, expected_revision=started_from
            )
        except InvalidInput as exc:
            record(errors, exc, "interviewers", (*EDIT_FIELDS, "topics"))
        else:
            return changed(INTERVIEW.url(view.application.id, interview_id), ctx)
    topic_fields = [f"topics-{p.id}" for p in before.people]
    return _edit_page(request, before, values(form, *EDIT_FIELDS, *topic_fields), errors)


def _status(value: str) -> InterviewStatus:
    try:
        return InterviewStatus(value or InterviewStatus.PLANNED.value)
    except ValueError:
        raise InvalidInput(
            f"unknown interview status {value!r}; choose planned or cancelled", field="status"
        ) from None


@router.post("/interviews/{interview_id}/delete")
def delete(interview_id: InterviewId, form: CheckedForm, ctx: Ctx) -> Response:
    app_id = interviews.show_interview(ctx, interview_id).application.id
    interviews.delete_interview(ctx, interview_id)
    return INTERVIEW.deleted(ctx, app_id)


def _edit_page(
    request: Request, view: InterviewView, typed: dict[str, str], errors: Errors
) -> Response:
    formats = [(f.value, f.value) for f in Format]
    return INTERVIEW.edit_page(
        request,
        view,
        view.interview.id,
        "Edit the interview",
        typed,
        errors,
        formats=formats,
        statuses=STATUSES,
        kinds=KINDS,
    )
