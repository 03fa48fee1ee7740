"""Search: one box over companies, people, applications and journal entries; each kind's
every match a page at a time (``?kind=companies``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.services import search
from nextround.services.paging import Page
from nextround.web.pages import render
from nextround.web.paging import Paging, links
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.get("/search")
def search_page(
    request: Request, ctx: Ctx, window: Paging, q: str = "", kind: str = ""
) -> Response:
    """The first matches of every kind; with ``kind``, every match of that kind, a page
    at a time (``limit``, ``cursor``)."""
    pages: dict[str, str | None] = {"next_page": None, "first_page": None}
    if not q.strip():
        results = None
    elif kind:
        results = search.search_kind(ctx, q, kind, window)
        pages = links(
            request,
            Page(
                list(results.companies or results.people or results.applications),
                results.next_cursor,
            ),
        )
    else:
        results = search.search_all(ctx, q)
    context = {"title": "Search", "q": q, "results": results, "today": ctx.today}
    return render(request, "search.html", {**context, **pages})
