"""Applications: the pipeline as a board or a list, adding, editing, moving, rejecting."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.applications import (
    PIPELINE,
    Application,
    ApplicationChanges,
    NewApplication,
    Status,
)
from nextround.domain.interviews import Format
from nextround.domain.journal import prompt_template, prompts_for
from nextround.domain.tasks import Kind
from nextround.errors import Ambiguous, Conflict, InvalidInput, NotFound
from nextround.services import (
    application_list,
    applications,
    companies,
    forms,
    journal,
    people,
    resolve,
)
from nextround.services.board import move_card
from nextround.services.context import Context
from nextround.web import application_form, board, flash
from nextround.web.fields import Errors, optional_date, parsed, record, sentence, values
from nextround.web.ids import ApplicationId
from nextround.web.pages import (
    CheckedForm,
    changed,
    record_path,
    redirect,
    render,
    revision,
    text,
)
from nextround.web.paging import Paging, links
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

#: The fields of the add form, as the user typed them.
ADD_FIELDS = ("company", "status", *application_form.DETAILS, "form_token")
EDIT_FIELDS = (*application_form.DETAILS, "revision")

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
    request: Request, ctx: Ctx, window: Paging, view: str = "board", status: str = ""
) -> Response:
    """The board, or (``view=list``) the list, newest first, 100 a page (``limit``, ``cursor``)."""
    only = Status.parse(status) if status else None
    if view != "list":
        return render(request, "applications/index.html", _board(ctx, only))
    listed = application_list.newest(ctx, window, only)
    context = {
        "title": "Applications",
        "view": "list",
        "only": only,
        "found": listed.page.items,
        "total": listed.total,
        "today": ctx.today,
        **links(request, listed.page),
        **_common(),
    }
    return render(request, "applications/index.html", context)


def _board(ctx: Context, only: Status | None) -> dict[str, Any]:
    columns = applications.board(ctx, only)
    shown, closed = board.split(columns)
    return {
        "title": "Applications",
        "view": "board",
        "only": only,
        "found": [a for col in columns for a in col.applications],
        "columns": shown,
        "closed": closed,
        "today": ctx.today,
        **_common(),
    }


@router.get("/applications/new")
def new_form(request: Request, ctx: Ctx) -> Response:
    typed = {"status": Status.APPLIED.value, "applied_on": ctx.today.isoformat()}
    return _add_page(request, ctx, {**typed, "form_token": forms.new_token()}, {})


def _add_page(request: Request, ctx: Context, typed: Mapping[str, str], errors: Errors) -> Response:
    context = {
        "title": "Add an application",
        "typed": typed,
        "errors": errors,
        "companies": companies.company_names(ctx),
        **application_form.choices(_people(ctx)),
        **_common(),
    }
    return render(request, "applications/new.html", context, status=422 if errors else 200)


def _people(ctx: Context) -> list[tuple[int, str]]:
    return [(r.person.id, f"{r.person.name}, {r.person.company}") for r in people.list_people(ctx)]


@router.post("/applications")
def add(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    found = application_form.details(form, errors)
    status = parsed(errors, "status", lambda: Status.parse(text(form, "status") or "applied"))
    company = _company(ctx, text(form, "company"), errors)
    new = NewApplication(
        company_id=company.id if company else None,
        new_company=company.name if company and company.id is None else None,
        status=status,
        **found,
    )
    if errors:  # the domain's answers too, so that every field at fault is marked at once
        _check(errors, lambda: new.checked(ctx.today))
    else:
        try:
            added = applications.add_application(
                ctx, new, form_token=text(form, "form_token") or None
            )
        except forms.AlreadySubmitted as done:
            return redirect(record_path(done.kind, done.id))
        except InvalidInput as exc:
            record(errors, exc, "role", ADD_FIELDS)
        else:
            return changed(path(added.application.id), ctx, back="/applications")
    return _add_page(request, ctx, values(form, *ADD_FIELDS), errors)


def _company(ctx: Context, typed: str, errors: Errors) -> resolve.CompanyRef | None:
    """The company typed: a known one by its whole name (or id), else a new one by that name."""
    if not typed:
        return None  # the domain says what is missing
    try:
        return resolve.company_or_new(ctx, typed)
    except (InvalidInput, NotFound, Ambiguous) as exc:
        errors["company"] = sentence(exc.message)
        return None


def _check(errors: Errors, check: Callable[[], object]) -> None:
    try:
        check()
    except InvalidInput as exc:
        record(errors, exc, "role", ADD_FIELDS)


@router.get("/applications/{app_id}")
def show(request: Request, app_id: ApplicationId, ctx: Ctx, rejected: int = 0) -> Response:
    return application_page(request, ctx, app_id, just_rejected=bool(rejected))


@router.get("/applications/{app_id}/edit")
def edit_form(request: Request, app_id: ApplicationId, ctx: Ctx) -> Response:
    app = applications.show_application(ctx, app_id).application
    return _edit_page(request, ctx, app, application_form.typed(app), {})


def _edit_page(
    request: Request, ctx: Context, app: Application, typed: Mapping[str, str], errors: Errors
) -> Response:
    context = {
        "title": f"Edit: {app.role}",
        "app": app,
        "typed": typed,
        "errors": errors,
        **application_form.choices(_people(ctx)),
    }
    return render(request, "applications/edit.html", context, status=422 if errors else 200)


@router.post("/applications/{app_id}")
def edit(request: Request, app_id: ApplicationId, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    changes = ApplicationChanges(**application_form.details(form, errors))
    started_from = revision(form)
    if errors:
        _check(errors, lambda: changes.checked(ctx.today))
    else:
        try:
            applications.edit_application(ctx, app_id, changes, expected_revision=started_from)
        except InvalidInput as exc:
            record(errors, exc, "role", EDIT_FIELDS)
        else:
            return changed(path(app_id), ctx)
    app = applications.show_application(ctx, app_id).application
    return _edit_page(request, ctx, app, values(form, *EDIT_FIELDS), errors)


@router.post("/applications/{app_id}/delete")
def delete(app_id: ApplicationId, form: CheckedForm, ctx: Ctx) -> Response:
    applications.delete_application(ctx, app_id)
    return changed("/applications", ctx)


@router.post("/applications/{app_id}/status")
def move(request: Request, app_id: ApplicationId, form: CheckedForm, ctx: Ctx) -> Response:
    status = Status.parse(text(form, "status"))
    if not text(form, "from"):
        moved = applications.set_status(ctx, app_id, status)
        return _after_move(ctx, moved.application, text(form, "next"))
    try:  # from the board: a drop, a keyboard move or a card's Move menu
        app = move_card(ctx, app_id, board.drop_of(form, status)).application
    except (Conflict, InvalidInput) as exc:
        if board.wants_json(request):
            return board.refused(exc.message)
        if isinstance(exc, InvalidInput):
            raise
        # The board as it is now, saying why (a 200: this page is what the user needs next).
        context = {**_board(ctx, None), "flash": exc.message}
        return render(request, "applications/index.html", context)
    after = _after_move(ctx, app, "board")
    if board.wants_json(request):
        return flash.after_change(board.moved(app, STATUS_LABELS, after.headers["location"]), ctx)
    return after


@router.post("/applications/{app_id}/reject")
def reject(app_id: ApplicationId, form: CheckedForm, ctx: Ctx) -> Response:
    errors: Errors = {}
    day = optional_date(form, errors, "on", "rejection date")
    if errors:
        raise InvalidInput(errors["on"], field="on")
    moved = applications.reject(ctx, app_id, day)
    return _after_move(ctx, moved.application, "")


def _after_move(ctx: Context, app: Application, back: str) -> Response:
    """A rejection shows its plan; any other move goes back where the user was."""
    if app.status is Status.REJECTED:
        return changed(f"{path(app.id)}?rejected=1#plan", ctx)
    if back == "board":
        return changed(f"/applications#app-{app.id}", ctx)
    return changed(path(app.id), ctx)


def path(app_id: int) -> str:
    return f"/applications/{app_id}"


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
    Kind.REOPENED_ROLE: "A role open again",
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
    interviewers = journal.interviewer_names(ctx, app_id)
    typed = typed or {}
    context = {
        "title": f"{view.application.role} at {view.application.company}",
        "view": view,
        "app": view.application,
        "today": ctx.today,
        "just_rejected": just_rejected and view.application.status is Status.REJECTED,
        "entries": [(e, journal.as_html(e)) for e in reversed(view.journal)],
        "prompts": prompts_for(interviewers),
        "formats": list(Format),
        "kind_labels": KIND_LABELS,
        "work_mode_labels": dict(application_form.WORK_MODES),
        "source_labels": dict(application_form.SOURCES),
        "typed": {
            "body": prompt_template(interviewers),
            "interview_form_token": forms.new_token(),
            "journal_form_token": forms.new_token(),
            **typed,
        },
        "errors": errors or {},
        **_common(),
    }
    return render(request, "applications/show.html", context, status=422 if errors else 200)
