"""Today's rows in place: the list and a step's draft as fragments, for ``static/today.js``.

A row's Done, Skip and Snooze forms post to the task routes as they always did; with
JavaScript on, ``today.js`` sends them with ``fetch`` and ``next`` set to
:data:`LIST`, so the redirect brings back the list as it is now (with its Undo)
and the row is replaced without a page load. Rows carry their step's revision: a
step changed elsewhere since the page was drawn refuses the action, and the list
comes back with that row marked (status 409).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date, timedelta

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.domain.playbook import DRAFTS
from nextround.domain.tasks import Kind, Task
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import agenda, emails, tasks
from nextround.services.context import Context
from nextround.web.fields import sentence
from nextround.web.ids import TaskId
from nextround.web.pages import changed, local_path, render, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

#: Where a row's form returns to when ``today.js`` sent it: the list alone.
LIST = "/today/list"
#: The response header that says "this is a Today fragment" to ``today.js``.
FRAGMENT_HEADER = "X-Nextround-Fragment"


@router.get(LIST)
def today_list(request: Request, ctx: Ctx) -> Response:
    """The list as it is now, with the Undo of the change that led here."""
    return _fragment(request, today_context(ctx, fragment=True))


@router.get("/today/tasks/{task_id}/draft")
def draft(request: Request, task_id: TaskId, ctx: Ctx) -> Response:
    """One step's draft and the ways to use it, for its disclosure row."""
    context = draft_context(ctx, tasks.show_task(ctx, task_id))
    response = render(request, "today/_draft.html", context)
    response.headers[FRAGMENT_HEADER] = "draft"
    return response


def today_context(
    ctx: Context, *, fragment: bool = False, open_draft: int = 0, stale: int = 0, problem: str = ""
) -> dict[str, object]:
    """What ``today.html`` and the list fragment show; ``open_draft`` opens one draft."""
    due = agenda.today(ctx)
    context: dict[str, object] = {
        "title": "Today",
        "agenda": due,
        "fragment": fragment,
        "snooze": snooze_choices(ctx.today),
        "drafted": DRAFTS,
        "stale": stale,
        "problem": problem,
    }
    if open_draft:
        with suppress(NotFound):  # an old link to a step since deleted
            context["open"] = draft_context(ctx, tasks.show_task(ctx, open_draft))
    return context


def draft_context(ctx: Context, task: Task) -> dict[str, object]:
    return {"d": task, "mailto": mailto_of(ctx, task), "today": ctx.today}


def mailto_of(ctx: Context, task: Task) -> tuple[str | None, str | None]:
    """(the ``mailto:`` link, or why there is none) for an email task."""
    if task.kind is not Kind.CONGRATS_EMAIL or not task.status.is_pending:
        return None, None
    try:
        return emails.link(ctx, task.id), None
    except InvalidInput as exc:
        return None, sentence(exc.message)


def snooze_choices(today: date) -> dict[str, date]:
    """The menu's days: tomorrow, next week's Monday (never tomorrow too), the earliest pick."""
    monday = today + timedelta(days=7 - today.weekday())
    if monday == today + timedelta(days=1):
        monday += timedelta(days=7)
    return {"tomorrow": today + timedelta(days=1), "next_week": monday}


def step_action(
    request: Request,
    ctx: Context,
    form: FormData,
    task_id: int,
    act: Callable[[int | None], object],
) -> Response:
    """Done, skip or snooze, from the revision the row was drawn at (if it says).

    A row of Today sends its revision; when the step changed or went meanwhile, Today
    (or the list, for ``today.js``) comes back as it is now, saying so, with 409.
    """
    sent = text(form, "revision")
    expected = int(sent) if sent.isdigit() else None
    target = local_path(text(form, "next"), "/")
    try:
        act(expected)
    except (Conflict, NotFound) as exc:
        if expected is None:
            raise
        gone = isinstance(exc, NotFound)
        problem = (
            "That step is gone (deleted elsewhere), so nothing was done. Today is up to date."
            if gone
            else "That step changed elsewhere, so nothing was done. Here it is as it is now."
        )
        context = today_context(ctx, fragment=target == LIST, stale=task_id, problem=problem)
        if target == LIST:
            return _fragment(request, context, status=409)
        return render(request, "today.html", context, status=409)
    return changed(target, ctx)


def _fragment(request: Request, context: dict[str, object], status: int = 200) -> Response:
    response = render(request, "today/_list.html", context, status=status)
    response.headers[FRAGMENT_HEADER] = "list"
    return response
