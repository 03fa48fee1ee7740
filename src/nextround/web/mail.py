"""Mail: what the mailbox scans found, to confirm or dismiss in one move."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.people import ConnectAnswer
from nextround.errors import InvalidInput
from nextround.services import applications, mail, mail_problems, mail_review
from nextround.web.fields import form_id
from nextround.web.ids import SuggestionId
from nextround.web.pages import CheckedForm, changed, render, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

_LABELS = {
    "rejection": "Rejection",
    "interview_invite": "Interview invitation",
    "application_received": "Application received",
    "offer": "Offer",
    "reply": "Reply",
}


@router.get("/mail")
def review_page(request: Request, ctx: Ctx) -> Response:
    return _page(request, ctx)


def _page(
    request: Request, ctx: Ctx, *, error: str = "", flash: str = "", status: int = 200
) -> Response:
    found = mail_review.review(ctx)
    open_apps = [a for a in applications.list_applications(ctx) if a.status.is_open]
    return render(
        request,
        "mail.html",
        {
            "title": "Mail",
            "suggestions": found,
            "problems": mail_problems.problems(ctx),
            "labels": _LABELS,
            "open_apps": open_apps,
            "imap": bool(ctx.settings.imap.host),
            "error": error,
            "flash": flash,
        },
        status=status,
    )


@router.post("/mail/scan")
def scan(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    report = mail.scan_sources(ctx, use_imap=True)
    flash = f"Read {report.read} new messages; {len(report.filed)} to review."
    if report.problems:
        flash += f" {len(report.problems)} could not be read: see Problems below."
    return _page(request, ctx, flash=flash)


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
    return changed("/mail", ctx)


@router.post("/mail/{suggestion_id}/dismiss")
def dismiss(suggestion_id: SuggestionId, form: CheckedForm, ctx: Ctx) -> Response:
    mail_review.dismiss(ctx, suggestion_id)
    return changed("/mail", ctx)
