"""Today: what's overdue, due today and due this week; a welcome on an empty database."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.services import agenda_page, demo, settings
from nextround.web.pages import CheckedForm, redirect, render
from nextround.web.sessions import session_claim
from nextround.web.state import Ctx, UnsettledCtx, is_logged_in, settled
from nextround.web.today import today_context, today_response

router = APIRouter(include_in_schema=False)


@router.get("/")
def today_page(request: Request, ctx: UnsettledCtx, draft: int = 0) -> Response:
    """Today; ``?draft=<task id>`` opens that step's draft in its row (without JavaScript).

    The user's own settings and the page's rows come in one transaction; on a hosted
    site the session is checked in it too (:class:`~nextround.web.sessions.SessionClaim`)."""
    claim = session_claim(request)
    if claim is not None:
        found = agenda_page.today_for_session(ctx, claim.token)
        if found is None:
            return claim.refuse(request)
        claim.accept(request, ctx.owner)
        due, started = found
    else:
        due, started = agenda_page.today_as_owner(ctx, personal=is_logged_in(request))
    settled(request, ctx)
    if not started:
        return welcome(request, ctx)
    context = today_context(ctx, open_draft=draft, due=due)
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
