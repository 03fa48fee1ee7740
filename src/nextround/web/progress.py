"""Progress: the whole search as a funnel, and the relationships built along the way."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.services import progress
from nextround.web.pages import render
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.get("/progress")
def progress_page(request: Request, ctx: Ctx) -> Response:
    found = progress.progress(ctx)
    context = {"title": "Progress", "p": found, "labels": progress.LABELS, "today": ctx.today}
    return render(request, "progress.html", context)
