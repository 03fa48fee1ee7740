"""The help page: the keyboard shortcuts, the app's own and the pages' (``?`` opens it)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nextround.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/help")
def help_page(request: Request) -> Response:
    return render(request, "help.html", {"title": "Help"})
