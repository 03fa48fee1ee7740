"""Today's rows in place: the list and a step's draft as fragments, for ``static/today.js``.

A row's Done, Skip and Snooze forms post to the task routes as they always did; with
JavaScript on, ``today.js`` sends them with ``fetch`` and ``next`` set to
:data:`LIST`, so the redirect brings back the list as it is now (with its Undo)
and the row is replaced without a page load. Rows carry their step's revision: a
step changed elsewhere since the page was drawn refuses the action, and the list
comes back with that row marked (status 409).

Today's page as drawn is kept per server process (:func:`today_response`), by everything
it shows: the app and whether its site is hosted, the owner, the rows read this request
(every column the page draws), the day, the address it was reached at and whether a
session is logged in. The rows are read on every request, so a change by any face or any
process shows on the next Today; only the drawing is saved. The CSRF token is put in as
the page is sent, so each response carries the request's own.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from datetime import date, timedelta

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, Response

from nextround.domain.playbook import DRAFTS
from nextround.domain.tasks import Agenda, Kind, Task
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import agenda, emails, tasks
from nextround.services.context import Context
from nextround.web import flash
from nextround.web.fields import sentence
from nextround.web.ids import TaskId
from nextround.web.pages import changed, drawn, finished, local_path, render, text
from nextround.web.security import csrf_token
from nextround.web.state import Ctx, web_state

router = APIRouter(include_in_schema=False)

#: Where a row's form returns to when ``today.js`` sent it: the list alone.
LIST = "/today/list"
#: The response header that says "this is a Today fragment" to ``today.js``.
FRAGMENT_HEADER = "X-Nextround-Fragment"
#: How many drawn Today pages a server process keeps (the least recently served go first).
PAGES_KEPT = 512
#: Stands for the CSRF token in a kept page: random per process, never sent out.
_TOKEN_MARK = "csrf-" + secrets.token_urlsafe(32)


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


class _Pages:
    """Drawn Today pages by what they show, the least recently served dropped past
    :data:`PAGES_KEPT`; shared by the threads of one process. A page is kept as its
    pieces around the CSRF token's places (:data:`_TOKEN_MARK`), joined by each request's."""

    def __init__(self) -> None:
        self._kept: OrderedDict[Hashable, list[bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> list[bytes] | None:
        with self._lock:
            body = self._kept.get(key)
            if body is not None:
                self._kept.move_to_end(key)
            return body

    def put(self, key: Hashable, body: list[bytes]) -> None:
        with self._lock:
            self._kept[key] = body
            self._kept.move_to_end(key)
            while len(self._kept) > PAGES_KEPT:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


PAGES = _Pages()


def today_response(request: Request, ctx: Context, context: dict[str, object]) -> Response:
    """``today.html`` for ``context``; the plain page (no Undo notice, open draft or
    problem) is drawn once per distinct content and kept (see the module's notes)."""
    key = _page_key(request, ctx, context)
    if key is None:
        return render(request, "today.html", context)
    pieces = PAGES.get(key)
    if pieces is None:
        pieces = bytes(drawn(request, "today.html", context, _TOKEN_MARK).body).split(
            _TOKEN_MARK.encode()
        )
        PAGES.put(key, pieces)
    token = csrf_token(request)
    page = HTMLResponse(token.encode().join(pieces))
    return finished(request, page, token)


def _page_key(request: Request, ctx: Context, context: dict[str, object]) -> Hashable | None:
    """Everything ``today.html`` draws from, or None for a page not to keep.

    A template of the page (``today.html``, ``base.html``, ``today/_list.html``,
    ``today/_rows.html``) that comes to read anything else must add it here."""
    due = context["agenda"]
    plain = not (context["stale"] or context["problem"] or context["fragment"])
    if not (plain and isinstance(due, Agenda)) or "open" in context:
        return None
    if flash.COOKIE in request.cookies:  # an Undo notice to show, once
        return None
    login = getattr(request.state, "login", None)
    web = web_state(request)
    return (
        id(web),  # the app's own (tests run several apps in one process)
        web.base.settings.hosted,  # the footer's words
        ctx.owner,
        due.today,
        tuple(due.overdue),
        tuple(due.due_today),
        tuple(due.upcoming),
        str(request.base_url),  # the static files' addresses
        request.url.path,
        bool(login is not None and login.session),  # the Log out link
    )


def today_context(
    ctx: Context,
    *,
    fragment: bool = False,
    open_draft: int = 0,
    stale: int = 0,
    problem: str = "",
    due: Agenda | None = None,
) -> dict[str, object]:
    """What ``today.html`` and the list fragment show; ``open_draft`` opens one draft;
    ``due``: the agenda when already read."""
    due = agenda.today(ctx) if due is None else due
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
