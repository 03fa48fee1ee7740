"""``/api/v1/tasks``: the plan's steps; list, get, and mark done, skipped or snoozed.

A task has the same fields here as in ``nextround --json tasks``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query
from pydantic import Field

from nextround.domain.tasks import TaskStatus
from nextround.services import tasks
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape, TaskOut, out, outs
from nextround.web.state import Ctx

router = api_router("tasks")

_PENDING = [TaskStatus.OPEN, TaskStatus.SNOOZED]


class DoneIn(Shape):
    on: date | None = Field(None, description="The day it was done (default today)")


class SnoozeIn(Shape):
    until: date


@router.get("/tasks")
def list_tasks(
    ctx: Ctx,
    status: Annotated[
        list[TaskStatus] | None, Query(description="Repeat for several; default open and snoozed")
    ] = None,
    due_before: Annotated[date | None, Query(description="Only tasks due before this day")] = None,
) -> list[TaskOut]:
    return outs(TaskOut, tasks.find_tasks(ctx, statuses=status or _PENDING, due_before=due_before))


@router.get("/tasks/{task_id}")
def get_task(task_id: int, ctx: Ctx) -> TaskOut:
    return out(TaskOut, tasks.show_task(ctx, task_id))


@router.post("/tasks/{task_id}/done")
def mark_done(task_id: int, ctx: Ctx, body: DoneIn | None = None) -> TaskOut:
    """A card done is a card mailed, an email done a question asked, and so on."""
    return out(TaskOut, tasks.mark_done(ctx, task_id, body.on if body else None))


@router.post("/tasks/{task_id}/skip")
def skip(task_id: int, ctx: Ctx) -> TaskOut:
    return out(TaskOut, tasks.skip(ctx, task_id))


@router.post("/tasks/{task_id}/snooze")
def snooze(task_id: int, body: SnoozeIn, ctx: Ctx) -> TaskOut:
    return out(TaskOut, tasks.snooze(ctx, task_id, body.until))
