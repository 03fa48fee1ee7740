"""Applications: the pipeline as a board or a list, adding, editing, moving, rejecting."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.applications import PIPELINE, Application, Status
from nextround.domain.interviews import Format
from nextround.domain.journal import PROMPTS, prompt_template
from nextround.domain.tasks import Kind
from nextround.errors import InvalidInput
from nextround.services import applications, forms, journal
from nextround.services.context import Context
from nextround.web.fields import Errors, optional_date, parsed, record, required, values
from nextround.web.pages import CheckedForm, redirect, render, revision, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

#: The fields of the add form, as the user typed them.
ADD_FIELDS = (
    "company",
    "role",
    "status",
    "applied_on",
    "source_url",
    "requisition_id",
    "notes",
    "form_token",
)
EDIT_FIELDS = ("role", "applied_on", "source_url", "requisition_id", "notes", "revision")

STATUS_LABELS = {
    Status.SAVED: "Saved for later",
    Status.APPLIED: "Applied",
    Status.SCREENING: "Screening",
    Status.INTERVIEWING: "Interviewing",
    Status.OFFER: "Offer",
    Status.REJECTED: "Rejected",
    Status.WITHDRAWN: "Withdrawn",
    Status.GHOSTED: "No reply",
}


def _common() -> dict[str, Any]:
    return {"pipeline": PIPELINE, "status_labels": STATUS_LABELS}


@router.get("/applications")
def pipeline(
    request: Request, ctx: Ctx, view: str = "board", status: str = "", page: int = 1
) -> Response:
    only = Status.parse(status) if status else None
    listed = applications.page(ctx, only, page) if view == "list" else None
    columns = applications.board(ctx, only) if listed is None else []
    context = {
        "title": "Applications",
        "view": "board" if listed is None else "list",
        "only": only,
        "found": listed.applications
        if listed
        else [a for col in columns for a in col.applications],
        "listed": listed,
        "columns": columns,
        "today": ctx.today,
        **_common(),
    }
    return render(request, "applications/index.html", context)


@router.get("/applications/new")
def new_form(request: Request, ctx: Ctx) -> Response:
    typed = {"status": Status.APPLIED.value, "applied_on": ctx.today.isoformat()}
    return _add_page(request, ctx, {**typed, "form_token": forms.new_token()}, {})


def _add_page(request: Request, ctx: Context, typed: Mapping[str, str], errors: Errors) -> Response:
    context = {
        "title": "Add an application",
        "typed": typed,
        "errors": errors,
        "companies": applications.company_names(ctx),
        **_common(),
    }
    return render(request, "applications/new.html", context, status=422 if errors else 200)


@router.post("/applications")
def add(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    company = required(form, errors, "company", "Give the company's name.")
    role = required(form, errors, "role", "Give the role you applied for.")
    status = parsed(errors, "status", lambda: Status.parse(text(form, "status") or "applied"))
    applied_on = optional_date(form, errors, "applied_on", "applied date")
    if not errors:
        try:
            added = applications.add_application(
                ctx,
                company=company,
                role=role,
                status=status,
                applied_on=applied_on,
                source_url=text(form, "source_url"),
                requisition_id=text(form, "requisition_id"),
                notes=text(form, "notes"),
                new_company=True,
                form_token=text(form, "form_token") or None,
            )
        except forms.AlreadySubmitted as done:
            return redirect(done.location)
        except InvalidInput as exc:
            record(errors, exc, "role")
        else:
            return redirect(applications.location(added.application.id))
    return _add_page(request, ctx, values(form, *ADD_FIELDS), errors)


@router.get("/applications/{app_id}")
def show(request: Request, app_id: int, ctx: Ctx, rejected: int = 0) -> Response:
    return application_page(request, ctx, app_id, just_rejected=bool(rejected))


@router.get("/applications/{app_id}/edit")
def edit_form(request: Request, app_id: int, ctx: Ctx) -> Response:
    app = applications.show_application(ctx, app_id).application
    return _edit_page(request, app, _typed(app), {})


def _typed(app: Application) -> dict[str, str]:
    return {
        "role": app.role,
        "applied_on": app.applied_on.isoformat() if app.applied_on else "",
        "source_url": app.source_url or "",
        "requisition_id": app.requisition_id or "",
        "notes": app.notes,
        "revision": str(app.revision),
    }


def _edit_page(
    request: Request, app: Application, typed: Mapping[str, str], errors: Errors
) -> Response:
    context = {"title": f"Edit: {app.role}", "app": app, "typed": typed, "errors": errors}
    return render(request, "applications/edit.html", context, status=422 if errors else 200)


@router.post("/applications/{app_id}")
def edit(request: Request, app_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    role = required(form, errors, "role", "Give the role you applied for.")
    applied_on = optional_date(form, errors, "applied_on", "applied date")
    started_from = revision(form)
    if not errors:
        try:
            applications.edit_application(
                ctx,
                app_id,
                role=role,
                applied_on=applied_on,
                source_url=text(form, "source_url"),
                requisition_id=text(form, "requisition_id"),
                notes=text(form, "notes"),
                expected_revision=started_from,
            )
        except InvalidInput as exc:
            record(errors, exc, "role")
        else:
            return redirect(applications.location(app_id))
    app = applications.show_application(ctx, app_id).application
    return _edit_page(request, app, values(form, *EDIT_FIELDS), errors)


@router.post("/applications/{app_id}/status")
def move(app_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    status = Status.parse(text(form, "status"))
    moved = applications.set_status(ctx, app_id, status)
    return _after_move(moved.application, text(form, "next"))


@router.post("/applications/{app_id}/reject")
def reject(app_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    day = optional_date(form, errors, "on", "rejection date")
    if errors:
        raise InvalidInput(errors["on"], field="on")
    moved = applications.reject(ctx, app_id, day)
    return _after_move(moved.application, "")


def _after_move(app: Application, back: str) -> Response:
    """A rejection shows its plan; any other move goes back where the user was."""
    if app.status is Status.REJECTED:
        return redirect(f"{applications.location(app.id)}?rejected=1#plan")
    if back == "board":
        return redirect(f"/applications#app-{app.id}")
    return redirect(applications.location(app.id))


KIND_LABELS = {
    Kind.JOURNAL: "Journal",
    Kind.THANK_YOU_CARD: "Thank-you card",
    Kind.CONGRATS_EMAIL: "Congratulations email",
    Kind.LINKEDIN_INVITE: "LinkedIn invitation",
    Kind.FOLLOW_COMPANY: "Follow the company",
    Kind.CHECK_BACK: "Check back",
    Kind.RECORD_INTERVIEWERS: "Record the interviewers",
    Kind.FIND_ADDRESS: "Find an address",
    Kind.FIND_EMAIL: "Find an email address",
}


def application_page(
    request: Request,
    ctx: Context,
    app_id: int,
    *,
    just_rejected: bool = False,
    typed: Mapping[str, str] | None = None,
    errors: Errors | None = None,
) -> Response:
    """The application with its interviews, journal and plan; a form may come back with errors."""
    view = applications.show_application(ctx, app_id)
    typed = typed or {}
    context = {
        "title": f"{view.application.role} at {view.application.company}",
        "view": view,
        "app": view.application,
        "today": ctx.today,
        "just_rejected": just_rejected and view.application.status is Status.REJECTED,
        "entries": [(e, journal.as_html(e)) for e in reversed(view.journal)],
        "prompts": PROMPTS,
        "formats": list(Format),
        "kind_labels": KIND_LABELS,
        "typed": {
            "body": prompt_template(),
            "interview_form_token": forms.new_token(),
            "journal_form_token": forms.new_token(),
            **typed,
        },
        "errors": errors or {},
        **_common(),
    }
    return render(request, "applications/show.html", context, status=422 if errors else 200)
