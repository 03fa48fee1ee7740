"""Tasks: mark done, skip, snooze from any page; the task page with its draft.

The draft can be edited (a LinkedIn note against its limit), copied, opened
in the mail client, downloaded as ``.eml``, sent by SMTP when configured, or
printed as a card.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.dates import parse_date
from nextround.domain.tasks import Kind, Task
from nextround.errors import InvalidInput, NextroundError
from nextround.services import cards, emails, tasks
from nextround.services.context import Context
from nextround.web.applications import KIND_LABELS
from nextround.web.errors import status_of
from nextround.web.fields import Errors, record, sentence, values
from nextround.web.pages import CheckedForm, local_path, redirect, render, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.post("/tasks/{task_id}/done")
def done(task_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    tasks.mark_done(ctx, task_id)
    return redirect(local_path(text(form, "next"), "/"))


@router.post("/tasks/{task_id}/skip")
def skip(task_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    tasks.skip(ctx, task_id)
    return redirect(local_path(text(form, "next"), "/"))


@router.post("/tasks/{task_id}/snooze")
def snooze(task_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    until = parse_date(text(form, "until"), what="snooze date")
    tasks.snooze(ctx, task_id, until)
    return redirect(local_path(text(form, "next"), "/"))


@router.get("/tasks/{task_id}")
def show(request: Request, task_id: int, ctx: Ctx, saved: int = 0, sent: str = "") -> Response:
    task = tasks.current_task(ctx, task_id)
    flash = "Draft saved." if saved else ""
    if sent:
        flash = "Sent. The step is marked done, and the question is asked."
    return _task_page(request, ctx, task, _draft(task), {}, flash=flash)


def _draft(task: Task) -> dict[str, str]:
    return {"subject": task.draft_subject or "", "body": task.draft or ""}


def _task_page(
    request: Request,
    ctx: Context,
    task: Task,
    typed: Mapping[str, str],
    errors: Errors,
    *,
    outcome: str = "",
    flash: str = "",
    status: int | None = None,
) -> Response:
    context = {
        "title": task.title,
        "task": task,
        "today": ctx.today,
        "kind_labels": KIND_LABELS,
        "typed": {"revision": str(task.revision), **typed},
        "errors": errors,
        "outcome": outcome,
        "flash": flash,
        "note_limit": ctx.settings.playbook.note_limit,
        "smtp_ready": ctx.settings.smtp.configured,
        "mailto": _mailto(ctx, task),
    }
    code = status if status is not None else (422 if errors else 200)
    return render(request, "tasks/show.html", context, status=code)


def _mailto(ctx: Context, task: Task) -> tuple[str | None, str | None]:
    """(the ``mailto:`` link, or why there is none) for an email task."""
    if task.kind is not Kind.CONGRATS_EMAIL or not task.status.is_pending:
        return None, None
    try:
        return emails.link(ctx, task.id), None
    except InvalidInput as exc:
        return None, sentence(exc.message)


@router.post("/tasks/{task_id}/draft")
def save_draft(request: Request, task_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    task = tasks.show_task(ctx, task_id)
    revision = text(form, "revision")
    subject = text(form, "subject") if task.kind is Kind.CONGRATS_EMAIL else None
    try:
        tasks.edit_draft(
            ctx,
            task_id,
            body=text(form, "body"),
            subject=subject,
            expected_revision=int(revision) if revision.isdigit() else None,
        )
    except InvalidInput as exc:
        errors: Errors = {}
        record(errors, exc, "body")
        typed = {**values(form, "subject", "body"), "revision": revision}
        return _task_page(request, ctx, task, typed, errors)
    return redirect(f"/tasks/{task_id}?saved=1")


@router.get("/tasks/{task_id}/email.eml")
def eml(task_id: int, ctx: Ctx) -> Response:
    draft = emails.draft(ctx, task_id)
    name = f"congratulations-{draft.person.name}.eml"
    return Response(
        draft.data,
        media_type="message/rfc822",
        headers={"Content-Disposition": _attachment(name, "attachment")},
    )


@router.post("/tasks/{task_id}/send")
def send(request: Request, task_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    if not ctx.settings.smtp.configured:
        task = tasks.current_task(ctx, task_id)
        outcome = "Not sent: sending needs an SMTP server; see below how to set one up."
        return _task_page(request, ctx, task, _draft(task), {}, outcome=outcome, status=409)
    try:
        sent = emails.send(ctx, task_id)
    except NextroundError as exc:
        task = tasks.current_task(ctx, task_id)
        outcome = "Not sent: " + sentence(" ".join(exc.message.split()))
        code = status_of(exc)[0]
        return _task_page(request, ctx, task, _draft(task), {}, outcome=outcome, status=code)
    return redirect(f"/tasks/{task_id}?sent={sent.sent_on.isoformat()}")


@router.get("/tasks/{task_id}/card.pdf")
def card_pdf(task_id: int, ctx: Ctx) -> Response:
    batch = cards.card_for_task(ctx, task_id)
    name = f"card-{batch.cards[0].person}.pdf" if batch.cards else "card.pdf"
    return Response(
        batch.pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": _attachment(name, "inline")},
    )


def _attachment(name: str, disposition: str) -> str:
    """A Content-Disposition with an ASCII fallback name and the full name (RFC 6266)."""
    plain = "".join(c if c.isascii() and (c.isalnum() or c in ".-") else "-" for c in name)
    return f"{disposition}; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
