"""Tasks: mark done, skip, snooze from any page; the task page with its draft.

The draft can be edited (a LinkedIn note against its limit), copied, opened
in the mail client, downloaded as ``.eml``, sent by SMTP when configured, or
printed as a card.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.domain.dates import parse_date
from nextround.domain.tasks import Kind, Task, TaskChanges
from nextround.errors import InvalidInput, NextroundError
from nextround.services import cards, emails, tasks, user_settings
from nextround.services.context import Context
from nextround.web.applications import KIND_LABELS
from nextround.web.errors import message_of, status_of
from nextround.web.fields import Errors, optional_date, sentence, values
from nextround.web.ids import TaskId
from nextround.web.pages import CheckedForm, changed, render, text
from nextround.web.state import Ctx
from nextround.web.today import mailto_of, step_action

router = APIRouter(include_in_schema=False)


#: The draft form's fields, by the domain's names for them.
_FORM_FIELDS = {"draft": "body", "draft_subject": "subject", "due": "due"}


@router.post("/tasks/{task_id}/done")
def done(request: Request, task_id: TaskId, form: CheckedForm, ctx: Ctx) -> Response:
    return step_action(
        request,
        ctx,
        form,
        task_id,
        lambda rev: tasks.mark_done(ctx, task_id, expected_revision=rev),
    )


@router.post("/tasks/{task_id}/skip")
def skip(request: Request, task_id: TaskId, form: CheckedForm, ctx: Ctx) -> Response:
    """Skipping is how a step is deleted: it leaves the agenda and is never planned again."""
    return step_action(
        request, ctx, form, task_id, lambda rev: tasks.skip(ctx, task_id, expected_revision=rev)
    )


@router.post("/tasks/{task_id}/snooze")
def snooze(request: Request, task_id: TaskId, form: CheckedForm, ctx: Ctx) -> Response:
    until = parse_date(text(form, "until"), what="snooze date")
    return step_action(
        request,
        ctx,
        form,
        task_id,
        lambda rev: tasks.snooze(ctx, task_id, until, expected_revision=rev),
    )


@router.get("/tasks/{task_id}")
def show(request: Request, task_id: TaskId, ctx: Ctx, saved: int = 0, sent: str = "") -> Response:
    task = tasks.show_task(ctx, task_id)
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
        "typed": {"revision": str(task.revision), "due": task.due.isoformat(), **typed},
        "errors": errors,
        "outcome": outcome,
        "flash": flash,
        "note_limit": ctx.settings.playbook.note_limit,
        "smtp_ready": user_settings.own_smtp(ctx).configured,  # a hosted user's own
        "hosted_site": ctx.settings.hosted,
        "mailto": mailto_of(ctx, task),
        **_card_choices(ctx, task),
    }
    code = status if status is not None else (422 if errors else 200)
    return render(request, "tasks/show.html", context, status=code)


@router.post("/tasks/{task_id}/draft")
def save_draft(request: Request, task_id: TaskId, form: CheckedForm, ctx: Ctx) -> Response:
    task = tasks.show_task(ctx, task_id)
    if task.kind is Kind.CONGRATS_EMAIL:
        changes = TaskChanges(draft=text(form, "body"), draft_subject=text(form, "subject"))
    else:
        changes = TaskChanges(draft=text(form, "body"))
    return _edit(request, ctx, task, form, changes, f"/tasks/{task_id}?saved=1")


@router.post("/tasks/{task_id}/draft/reset")
def reset_draft(request: Request, task_id: TaskId, form: CheckedForm, ctx: Ctx) -> Response:
    """Drop the user's edit: the draft is written from the current data again."""
    task = tasks.show_task(ctx, task_id)
    return _edit(request, ctx, task, form, TaskChanges(draft=None), f"/tasks/{task_id}")


@router.post("/tasks/{task_id}/draft/redraft")
def redraft(task_id: TaskId, form: CheckedForm, ctx: Ctx) -> Response:
    """Another wording of the written draft (an edited one is the user's and stays)."""
    tasks.redraft(ctx, task_id)
    return changed(f"/tasks/{task_id}#h-draft", ctx)


@router.post("/tasks/{task_id}/due")
def move_due(request: Request, task_id: TaskId, form: CheckedForm, ctx: Ctx) -> Response:
    """Another day for the step (a snooze, without calling it one)."""
    task = tasks.show_task(ctx, task_id)
    errors: Errors = {}
    due = optional_date(form, errors, "due", "due date")
    if due is None:
        errors.setdefault("due", "Give the day the step is due.")
        typed = {**_draft(task), **values(form, "due", "revision")}
        return _task_page(request, ctx, task, typed, errors)
    return _edit(request, ctx, task, form, TaskChanges(due=due), f"/tasks/{task_id}")


def _edit(
    request: Request,
    ctx: Context,
    task: Task,
    form: FormData,
    changes: TaskChanges,
    location: str,
) -> Response:
    """Apply ``changes`` from the revision the form started from; refusals beside their fields."""
    revision = text(form, "revision")
    try:
        tasks.edit_task(
            ctx,
            task.id,
            changes,
            expected_revision=int(revision) if revision.isdigit() else None,
        )
    except InvalidInput as exc:
        errors: Errors = {}
        for name, message in (exc.fields or {"draft": exc.message}).items():
            errors.setdefault(_FORM_FIELDS.get(name, "body"), sentence(message))
        sent = {name: text(form, name) for name in ("subject", "body", "due") if name in form}
        typed = {**_draft(task), **sent, "revision": revision}
        return _task_page(request, ctx, task, typed, errors)
    return changed(location, ctx)


@router.get("/tasks/{task_id}/email.eml")
def eml(task_id: TaskId, ctx: Ctx) -> Response:
    draft = emails.draft(ctx, task_id)
    name = f"congratulations-{draft.person.name}.eml"
    return Response(
        draft.data,
        media_type="message/rfc822",
        headers={"Content-Disposition": _attachment(name, "attachment")},
    )


@router.post("/tasks/{task_id}/send")
def send(request: Request, task_id: TaskId, form: CheckedForm, ctx: Ctx) -> Response:
    if not user_settings.own_smtp(ctx).configured:
        task = tasks.show_task(ctx, task_id)
        outcome = "Not sent: sending needs an SMTP server; see below how to set one up."
        return _task_page(request, ctx, task, _draft(task), {}, outcome=outcome, status=409)
    try:
        sent = emails.send(ctx, task_id)
    except NextroundError as exc:
        task = tasks.show_task(ctx, task_id)
        outcome = "Not sent: " + sentence(" ".join(message_of(exc).split()))
        code = status_of(exc)[0]
        return _task_page(request, ctx, task, _draft(task), {}, outcome=outcome, status=code)
    return changed(f"/tasks/{task_id}?sent={sent.sent_on.isoformat()}", ctx)


@router.get("/tasks/{task_id}/card.pdf")
def card_pdf(
    task_id: TaskId, ctx: Ctx, size: str = "", sheet: str = "", folded: str = ""
) -> Response:
    """The card and its envelope; ``size`` (a6, a2, a7, dl), ``sheet`` (a4, letter,
    envelope) and ``folded`` as ``nextround card`` takes them, else ``[cards]``."""
    options = cards.PrintOptions(size=size or None, sheet=sheet or None, folded=bool(folded))
    batch = cards.card_for_task(ctx, task_id, options)
    name = f"card-{batch.cards[0].person}.pdf" if batch.cards else "card.pdf"
    headers = {"Content-Disposition": _attachment(name, "inline")}
    if batch.warnings:
        # The cover sheet says it too; the task page shows it before printing.
        headers["X-Nextround-Warning"] = quote(sentence(batch.warnings[0]), safe=" ,;:()#'")
    return Response(batch.pdf, media_type="application/pdf", headers=headers)


def _card_choices(ctx: Context, task: Task) -> dict[str, object]:
    """The card page's size and sheet choices, and what printing would warn about."""
    if task.kind is not Kind.THANK_YOU_CARD:
        return {}
    size, sheet = cards.PrintOptions().resolved(ctx)
    return {
        "card_sizes": cards.SIZE_LABELS,
        "card_sheets": cards.SHEET_LABELS,
        "card_size": size,
        "card_sheet": sheet,
        "card_warnings": [sentence(w) for w in cards.fit(ctx, task.id)],
    }


def _attachment(name: str, disposition: str) -> str:
    """A Content-Disposition with an ASCII fallback name and the full name (RFC 6266)."""
    plain = "".join(c if c.isascii() and (c.isalnum() or c in ".-") else "-" for c in name)
    return f"{disposition}; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
