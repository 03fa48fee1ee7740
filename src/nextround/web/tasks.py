"""Tasks from any page: mark done, skip, snooze; back to where the user was."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from nextround.domain.dates import parse_date
from nextround.services import tasks
from nextround.web.pages import CheckedForm, local_path, redirect, text
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
