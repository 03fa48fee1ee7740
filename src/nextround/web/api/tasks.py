"""``/api/v1/tasks``: the plan's steps; list, get, edit (the day, the draft), and mark done,
skipped or snoozed. Deleting a step skips it: it is never planned again. A thank-you
card's card and envelope are a PDF (``/card.pdf``); until your name is set, a 409
``setup_needed``.

A task has the same fields here as in ``nextround --json tasks``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import Query, Request
from pydantic import Field
from starlette.responses import Response

from nextround.domain.tasks import TaskChanges, TaskStatus
from nextround.services import cards, tasks
from nextround.web.api import api_router
from nextround.web.api.schemas import NotNull, Revision, Shape, TaskOut, changes, out, outs
from nextround.web.ids import TaskId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("tasks")

_PENDING = [TaskStatus.OPEN, TaskStatus.SNOOZED]


class DoneIn(Shape):
    on: date | None = Field(None, description="The day it was done (default today)")
    revision: Revision = None


class SnoozeIn(Shape):
    until: date
    revision: Revision = None


class SkipIn(Shape):
    revision: Revision = None


class TaskPatch(Shape):
    """What may change on a step: its day and its draft. ``draft: null`` drops your edit:
    the draft is written from the current data again."""

    due: Annotated[date | None, NotNull] = None
    draft_subject: str | None = Field(None, description="Emails only")
    draft: str | None = None
    revision: Revision = None


@router.get("/tasks")
def list_tasks(
    ctx: Ctx,
    request: Request,
    response: Response,
    window: Paging,
    status: Annotated[
        list[TaskStatus] | None, Query(description="Repeat for several; default open and snoozed")
    ] = None,
    due_before: Annotated[date | None, Query(description="Only tasks due before this day")] = None,
) -> list[TaskOut]:
    """By day due; paged (``limit``, ``cursor``, the ``Link`` header)."""
    found = tasks.find_tasks_page(ctx, window, statuses=status or _PENDING, due_before=due_before)
    items = paged(request, response, found)
    return outs(TaskOut, items)


@router.get("/tasks/{task_id}")
def get_task(task_id: TaskId, ctx: Ctx) -> TaskOut:
    return out(TaskOut, tasks.show_task(ctx, task_id))


@router.patch("/tasks/{task_id}")
def update_task(task_id: TaskId, body: TaskPatch, ctx: Ctx) -> TaskOut:
    edit = TaskChanges(**changes(body))
    return out(TaskOut, tasks.edit_task(ctx, task_id, edit, expected_revision=body.revision))


@router.delete("/tasks/{task_id}", status_code=204, response_class=Response)
def delete_task(task_id: TaskId, ctx: Ctx) -> Response:
    """Skip the step: it leaves the agenda for good (undo brings it back)."""
    tasks.skip(ctx, task_id)
    return Response(status_code=204)


@router.post("/tasks/{task_id}/done")
def mark_done(task_id: TaskId, ctx: Ctx, body: DoneIn | None = None) -> TaskOut:
    """A card done is a card mailed, an email done a question asked, and so on."""
    on, revision = (body.on, body.revision) if body else (None, None)
    done = tasks.mark_done(ctx, task_id, on, expected_revision=revision)
    return out(TaskOut, done)


@router.post("/tasks/{task_id}/skip")
def skip(task_id: TaskId, ctx: Ctx, body: SkipIn | None = None) -> TaskOut:
    revision = body.revision if body else None
    return out(TaskOut, tasks.skip(ctx, task_id, expected_revision=revision))


@router.post("/tasks/{task_id}/redraft")
def redraft(task_id: TaskId, ctx: Ctx) -> TaskOut:
    """The draft in another wording; a draft the user edited is a 409 (it is theirs)."""
    return out(TaskOut, tasks.redraft(ctx, task_id))


@router.post("/tasks/{task_id}/snooze")
def snooze(task_id: TaskId, body: SnoozeIn, ctx: Ctx) -> TaskOut:
    snoozed = tasks.snooze(ctx, task_id, body.until, expected_revision=body.revision)
    return out(TaskOut, snoozed)


@router.get(
    "/tasks/{task_id}/card.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The card and envelope"}},
)
def card_pdf(
    task_id: TaskId, ctx: Ctx, size: str = "", sheet: str = "", folded: bool = False
) -> Response:
    """A thank-you card task's cover sheet, card and envelope, to print; refused until
    your name is set. ``size``: a6, a2, a7 or dl; ``sheet``: a4, letter or envelope
    (default: the config file's ``[cards]``); ``folded=true``: a top-fold card. A
    message that continues on a second card is said in the ``X-Nextround-Warning``
    header."""
    options = cards.PrintOptions(size=size or None, sheet=sheet or None, folded=folded)
    batch = cards.card_for_task(ctx, task_id, options)
    warning = quote(batch.warnings[0], safe=" ,;:()#'") if batch.warnings else ""
    headers = {"X-Nextround-Warning": warning} if warning else {}
    return Response(batch.pdf, media_type="application/pdf", headers=headers)
