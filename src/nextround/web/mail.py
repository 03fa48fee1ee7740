"""Mail: scan the mailbox (or uploaded mail files) in the background, then confirm or
dismiss what the scans found in one move."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from nextround.domain.mail import LABEL_NAMES
from nextround.domain.people import ConnectAnswer
from nextround.errors import Conflict, InvalidInput, NextroundError, NotFound
from nextround.services import applications, mail_groups, mail_problems, mail_review
from nextround.services.paging import Page, Window
from nextround.web import mail_scan, mail_settings
from nextround.web.fields import form_id
from nextround.web.ids import SuggestionId
from nextround.web.pages import CheckedForm, changed, redirect, render, text
from nextround.web.paging import DEFAULT_LIMIT, Paging, links
from nextround.web.state import Ctx

#: The first page of a list, as a page shows it without ``limit`` or ``cursor``.
FIRST_PAGE = Window(limit=DEFAULT_LIMIT)

router = APIRouter(include_in_schema=False)
router.routes.extend(mail_settings.router.routes)  # the Settings page's mail account form


@router.get("/mail")
def review_page(request: Request, ctx: Ctx, window: Paging, folded: bool = False) -> Response:
    return _page(request, ctx, show_folded=folded, window=window)


def _page(
    request: Request,
    ctx: Ctx,
    *,
    error: str = "",
    flash: str = "",
    status: int = 200,
    show_folded: bool = False,
    window: Window = FIRST_PAGE,
) -> Response:
    """The review queue, a page of groups at a time (``window``); the folded ones, when
    shown, are the newest :data:`FIRST_PAGE` groups of them."""
    review = mail_groups.grouped(ctx, window=window)
    pages: dict[str, str | None] = {"next_page": None, "first_page": None}
    if request.method == "GET":
        pages = links(request, Page(list(review.groups), review.next_cursor))
    folded = mail_groups.grouped(ctx, folded=True, window=FIRST_PAGE) if show_folded else None
    open_apps = [a for a in applications.list_applications(ctx) if a.status.is_open]
    return render(
        request,
        "mail.html",
        {
            "title": "Mail",
            "review": review,
            "folded": [x for g in folded.groups for x in g.suggestions] if folded else None,
            "more_folded": bool(folded and folded.next_cursor),
            # a form's answer (a POST) shows the first page, without a pager
            **pages,
            "problems": mail_problems.problems(ctx),
            "labels": LABEL_NAMES,
            "open_apps": open_apps,
            "imap": bool(ctx.settings.imap.host),
            "scan": mail_scan.scans(request).latest(ctx.owner),
            "max_upload_mb": mail_scan.MAX_UPLOAD // (1024 * 1024),
            "error": error,
            "flash": flash,
        },
        status=status,
    )


@router.post("/mail/scan")
def scan(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """Start reading the mailbox in the background; the page shows how far it got."""
    try:
        mail_scan.start_imap(request, ctx)
    except (Conflict, InvalidInput) as exc:
        return _page(
            request, ctx, error=exc.message, status=409 if isinstance(exc, Conflict) else 422
        )
    return redirect("/mail#scan")


@router.post("/mail/upload")
def upload(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """Scan an mbox or .eml files sent from the page, as ``mail scan --mbox`` would."""
    chosen = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
    try:
        mail_scan.start_upload(request, ctx, [(f.filename or "", f.file) for f in chosen])
    except (Conflict, InvalidInput) as exc:
        return _page(
            request, ctx, error=exc.message, status=409 if isinstance(exc, Conflict) else 422
        )
    finally:
        for f in chosen:
            f.file.close()
    return redirect("/mail#scan")


@router.post("/mail/bulk")
def bulk(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """Confirm or dismiss the ticked suggestions (or a whole group): all of them, or none."""
    ids = [int(v) for v in form.getlist("id") if isinstance(v, str) and v.isdigit() and len(v) < 19]
    action = text(form, "action")
    if not ids or action not in {"confirm", "dismiss"}:
        return _page(request, ctx, error="Tick the mail to confirm or dismiss first.", status=422)
    try:
        if action == "confirm":
            mail_groups.confirm_many(ctx, ids)
        else:
            mail_groups.dismiss_many(ctx, ids)
    except NextroundError as exc:
        status = 422 if isinstance(exc, InvalidInput) else 404 if isinstance(exc, NotFound) else 409
        return _page(request, ctx, error=exc.message, status=status)
    return changed("/mail", ctx)


@router.post("/mail/{suggestion_id}/confirm")
def confirm(request: Request, suggestion_id: SuggestionId, form: CheckedForm, ctx: Ctx) -> Response:
    answer = text(form, "answer")
    try:
        mail_review.confirm(
            ctx,
            suggestion_id,
            application_id=form_id(form, "application_id", "application"),
            answer=ConnectAnswer(answer) if answer in {"yes", "no"} else None,
            new_role=text(form, "new_role") or None,
        )
    except InvalidInput as exc:
        return _page(request, ctx, error=exc.message, status=422)
    except (Conflict, NotFound) as exc:  # decided meanwhile, in another tab: the list again
        return _stale(request, ctx, exc)
    return changed("/mail", ctx)


def _stale(request: Request, ctx: Ctx, exc: Conflict | NotFound) -> Response:
    """Mail decided (or gone) meanwhile: the Mail page again, saying so."""
    return _page(request, ctx, error=exc.message, status=404 if isinstance(exc, NotFound) else 409)


@router.post("/mail/problems/forget")
def forget_problems(form: CheckedForm, ctx: Ctx) -> Response:
    """Empty the problems list (``mail review --problems --forget``)."""
    mail_problems.forget(ctx)
    return redirect("/mail")


@router.post("/mail/{suggestion_id}/unfold")
def unfold(suggestion_id: SuggestionId, form: CheckedForm, ctx: Ctx) -> Response:
    """A newsletter or job alert folded away by mistake: back in the review list."""
    mail_groups.unfold_many(ctx, [suggestion_id])
    return changed("/mail", ctx)


@router.post("/mail/{suggestion_id}/dismiss")
def dismiss(request: Request, suggestion_id: SuggestionId, form: CheckedForm, ctx: Ctx) -> Response:
    try:
        mail_review.dismiss(ctx, suggestion_id)
    except (Conflict, NotFound) as exc:  # decided meanwhile, in another tab: the list again
        return _stale(request, ctx, exc)
    return changed("/mail", ctx)
