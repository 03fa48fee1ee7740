"""Today: what's overdue, due today and due this week; a welcome on an empty database."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.tasks import Agenda
from nextround.services import agenda, demo, settings
from nextround.web.pages import CheckedForm, redirect, render
from nextround.web.state import Ctx
from nextround.web.today import today_context, today_response

router = APIRouter(include_in_schema=False)


@router.get("/")
def today_page(request: Request, ctx: Ctx, draft: int = 0) -> Response:
    """Today; ``?draft=<task id>`` opens that step's draft in its row (without JavaScript)."""
    context = today_context(ctx, open_draft=draft)
    due = context["agenda"]
    # Something due means a job search is under way: the second query only on a quiet day.
    if isinstance(due, Agenda) and due.is_empty() and not agenda.has_history(ctx):
        return welcome(request, ctx)
    return today_response(request, ctx, context)


def welcome(
    request: Request,
    ctx: Ctx,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    """The first page: who you are (name, signature, return address, language) and the demo."""
    values = {**settings.current(ctx).values, **(typed or {})}
    context = {
        "title": "Welcome",
        "v": values,
        "errors": errors or {},
        "languages": settings.LANGUAGE_CHOICES,
        "named": bool(ctx.settings.user.name.strip()),
    }
    return render(request, "welcome.html", context, status=status)


@router.post("/demo")
def load_demo(form: CheckedForm, ctx: Ctx) -> Response:
    demo.load_demo(ctx)
    return redirect("/")
