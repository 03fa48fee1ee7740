"""Search: one box over companies, people, applications and journal entries."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.services import search
from nextround.web.pages import render
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.get("/search")
def search_page(request: Request, ctx: Ctx, q: str = "") -> Response:
    results = search.search_all(ctx, q) if q.strip() else None
    return render(
        request, "search.html", {"title": "Search", "q": q, "results": results, "today": ctx.today}
    )
