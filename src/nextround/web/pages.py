"""What every page shares: the templates, rendering, forms and their tokens."""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from nextround.domain import wording
from nextround.errors import InvalidInput
from nextround.services.context import Context
from nextround.web import flash
from nextround.web.errors import Forbidden
from nextround.web.security import CSRF_COOKIE, CSRF_FIELD, csrf_token, token_matches
from nextround.web.state import web_state

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True
templates.env.globals["timedelta"] = timedelta

#: The CSRF token of the page being rendered. Macros imported without context (``{% from
#: "macros.html" import task_row %}``) can't see the page's variables, but they see the
#: globals, so ``csrf_input()`` reads the token through this.
_PAGE_TOKEN: ContextVar[str] = ContextVar("page_csrf_token", default="")


def page_csrf_token() -> str:
    """The token forms on the page being rendered must carry."""
    return _PAGE_TOKEN.get()


templates.env.globals["page_csrf_token"] = page_csrf_token
templates.env.globals["csrf_field"] = CSRF_FIELD


def friendly_date(day: date | None, today: date, *, long: bool = False) -> str:
    """A date as a person says it (:func:`~nextround.domain.wording.day_label`); the long form
    for headings."""
    if day is None:
        return ""
    return wording.long_day(day) if long else wording.day_label(day, today)


def on_date(day: date | None, today: date) -> str:
    """A date after a verb: "done yesterday", "done on Wed 9 Dec"."""
    return "" if day is None else wording.on_day(day, today)


def markdown(text: str | None) -> object:
    """Markdown as sanitised HTML, paragraphs and line breaks kept (as journal entries)."""
    from nextround.services.briefings import journal_html

    return journal_html(text or "")


# The one place the web's words are formatted: every template uses these filters.
templates.env.filters["friendly_date"] = friendly_date
templates.env.filters["on_date"] = on_date
templates.env.filters["plural"] = wording.plural
templates.env.filters["percent"] = lambda part, whole: f"{wording.percent(part, whole)}%"
templates.env.filters["markdown"] = markdown


@dataclass(frozen=True)
class SnoozeDates:
    """A snooze field's default (a week on) and earliest day (tomorrow), as ISO dates."""

    default: str
    earliest: str


@lru_cache(maxsize=8)
def snooze_dates(today: date) -> SnoozeDates:
    """Cached: Today renders one snooze field per task, all with the same dates."""
    return SnoozeDates(
        (today + timedelta(days=7)).isoformat(), (today + timedelta(days=1)).isoformat()
    )


templates.env.globals["snooze_dates"] = snooze_dates

#: The navigation, in order: (path, label).
NAV = (
    ("/", "Today"),
    ("/applications", "Applications"),
    ("/companies", "Companies"),
    ("/whats-new", "What's new"),
    ("/people", "People"),
    ("/contacts", "Contacts"),
    ("/mail", "Mail"),
    ("/progress", "Progress"),
    ("/search", "Search"),
    ("/settings", "Settings"),
)


def _today(request: Request) -> date:
    """Today as the request's context sees it (pinned by ``--today``, else the calendar)."""
    settings = web_state(request).base.settings
    return settings.today if settings.today_pinned else date.today()  # noqa: DTZ011 - the user's day


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
) -> Response:
    """A page from ``templates/``, with the CSRF token, the navigation, and any Undo notice."""
    token = csrf_token(request)
    return finished(request, drawn(request, template, context, token, status=status), token)


def drawn(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None,
    token: str,
    *,
    status: int = 200,
) -> Response:
    """The page as :func:`render` draws it, its forms carrying ``token``; no cookies set yet."""
    values = {
        "today": _today(request),  # for the date filters; a page's own ``today`` wins
        "nav": NAV,
        "csrf": token,
        "csrf_field": CSRF_FIELD,
        "notice": _notice(request),
        "page_path": _page_path(request),
        **(context or {}),
    }
    rendering = _PAGE_TOKEN.set(token)
    try:  # TemplateResponse renders here, so the macros see this page's token
        return templates.TemplateResponse(request, template, values, status_code=status)
    finally:
        _PAGE_TOKEN.reset(rendering)


def finished(request: Request, response: Response, token: str) -> Response:
    """A drawn page made ready to send: its CSRF cookie (when new), never cached by the
    browser, and the Undo notice it showed forgotten."""
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(
            CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            path="/",
            max_age=60 * 60 * 24 * 365,
        )
    response.headers["Cache-Control"] = "no-store"
    if flash.COOKIE in request.cookies:
        flash.forget(response)
    return response


def _notice(request: Request) -> flash.Notice | None:
    if flash.COOKIE not in request.cookies:
        return None
    return flash.pending(request, web_state(request).context())


def _page_path(request: Request) -> str:
    """This page's address (path and query), where an Undo on it comes back to."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token is checked."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not token_matches(request, sent if isinstance(sent, str) else None):
        raise Forbidden(
            "This form has expired or came from elsewhere. Reload the page and try again."
        )
    return form


def text(form: FormData, name: str) -> str:
    """A text field, stripped, with plain ``\\n`` line breaks; missing fields read as empty.

    Browsers send a textarea's line breaks as CRLF (the HTML form encoding); stored as
    sent, a draft would carry ``\\r`` into the card, the email, and the note's count.
    """
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def revision(form: FormData) -> int:
    """The revision an edit form started from; the service refuses a stale one."""
    value = text(form, "revision")
    if not value.isdigit():
        raise InvalidInput("This form is missing its revision; reload the page and try again.")
    return int(value)


def redirect(location: str) -> RedirectResponse:
    """After a successful post: see the result (303, so a reload doesn't post again)."""
    return RedirectResponse(location, status_code=303)


def changed(location: str, ctx: Context, *, back: str = "") -> Response:
    """After a post that changed something: see the result, with Undo offered there.

    ``back`` is where Undo leads when ``location`` is the record the change
    created (see :func:`flash.after_change`).
    """
    return flash.after_change(redirect(location), ctx, back=back)


def local_path(value: str, default: str) -> str:
    """A ``next=`` target, only if it stays on this site."""
    parts = urlsplit(value)
    if value.startswith("/") and not value.startswith("//") and not parts.netloc:
        return value
    return default


#: A route parameter that receives the posted form, its CSRF token checked.
CheckedForm = Annotated[FormData, Depends(checked_form)]


#: Where each kind of record is shown, as services name the kinds (``forms.AlreadySubmitted``).
_RECORD_PATHS = {
    "company": "/companies/{}",
    "person": "/people/{}",
    "application": "/applications/{}",
    "interview": "/interviews/{}",
    "journal_entry": "/journal/{}",
}


def record_path(kind: str, record_id: int) -> str:
    """The page of a record the services name by kind and id; only the web builds URLs."""
    return _RECORD_PATHS.get(kind, "/").format(record_id)
