"""The Contacts page: the people you know from imports who belong to no company record yet,
from one source or all, a page at a time (``limit`` and ``cursor``, as every long list)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.services import network
from nextround.web.pages import render
from nextround.web.paging import Paging, links
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

#: Each source as the page names it.
SOURCE_LABELS = {
    "linkedin": "LinkedIn",
    "google": "Google Contacts",
    "vcard": "Address book",
    "csv": "Other trackers",
    "manual": "Added by you",
    "interview": "Met in interviews",
}


@router.get("/contacts")
def contacts_page(request: Request, ctx: Ctx, window: Paging, source: str = "") -> Response:
    found = network.contacts(ctx, source or None, window)
    context = {"title": "Contacts", "found": found, "labels": SOURCE_LABELS}
    return render(request, "contacts.html", {**context, **links(request, found.page())})
