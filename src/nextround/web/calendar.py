"""The calendar feed a calendar app subscribes to, and the settings page that shares it.

``GET /calendar/{token}.ics`` serves what ``nextround calendar`` writes. The
token is the only key: an unknown or revoked one is a plain 404 that says
nothing about whether it ever existed. The full link is shown once, right
after it is created; only a hash of its token is stored.
"""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from nextround.services import feeds
from nextround.web.pages import CheckedForm, redirect, render
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.get("/calendar/{token}.ics")
def calendar_feed(token: str, request: Request, ctx: Ctx) -> Response:
    export = feeds.calendar_for_token(ctx, token)
    if export is None:
        raise HTTPException(404)
    tag = '"' + hashlib.sha256(export.data).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": "private, max-age=300"}
    if _matches(request.headers.get("if-none-match", ""), tag):
        return Response(status_code=304, headers=headers)
    return Response(export.data, media_type="text/calendar; charset=utf-8", headers=headers)


def _matches(header: str, tag: str) -> bool:
    sent = {t.strip().removeprefix("W/") for t in header.split(",")}
    return tag in sent or "*" in sent


@router.get("/settings/calendar")
def calendar_settings(request: Request, ctx: Ctx) -> Response:
    return _page(request, ctx)


@router.post("/settings/calendar/link")
def create_link(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """A new link (replacing any earlier one), shown this once."""
    token = feeds.create_calendar_token(ctx)
    link = str(request.url_for("calendar_feed", token=token))
    return _page(request, ctx, link=link)


@router.post("/settings/calendar/stop")
def stop_sharing(form: CheckedForm, ctx: Ctx) -> Response:
    feeds.revoke_calendar_token(ctx)
    return redirect("/settings/calendar?stopped=1")


def _page(request: Request, ctx: Ctx, link: str | None = None) -> Response:
    context = {
        "title": "Calendar subscription",
        "shared": feeds.has_calendar_token(ctx),
        "link": link,
        "flash": "Sharing stopped: the old link no longer works."
        if request.query_params.get("stopped") and link is None
        else None,
    }
    return render(request, "settings_calendar.html", context)
