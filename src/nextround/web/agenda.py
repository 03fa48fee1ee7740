"""Today: what's overdue, due today and due this week; a welcome on an empty database."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.services import agenda, demo
from nextround.web.pages import CheckedForm, redirect, render
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.get("/")
def today_page(request: Request, ctx: Ctx) -> Response:
    due = agenda.today(ctx)
    # Something due means a job search is under way: the second query only on a quiet day.
    if due.is_empty() and not agenda.has_history(ctx):
        return render(request, "welcome.html", {"title": "Welcome"})
    return render(request, "today.html", {"title": "Today", "agenda": due})


@router.post("/demo")
def load_demo(form: CheckedForm, ctx: Ctx) -> Response:
    demo.load_demo(ctx)
    return redirect("/")
