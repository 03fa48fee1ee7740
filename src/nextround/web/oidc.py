"""Sign-in with the organisation's identity provider: ``/login/oidc`` and its callback.

:mod:`nextround.services.oidc` does the flow; this module keeps its signed
cookie (``HttpOnly``, ``SameSite=Lax`` so that the provider's redirect back
brings it, only under ``/login/oidc``, gone after ten minutes or the callback)
and ends where a password login ends (:func:`nextround.web.login.logged_in`).
Whatever goes wrong is one line on the login page, with the status a wrong
password gets.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.errors import NotSignedIn
from nextround.services import oidc
from nextround.web.errors import status_of
from nextround.web.login import logged_in, page
from nextround.web.pages import local_path, redirect
from nextround.web.sessions import SESSION_COOKIE
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

FLOW_COOKIE = "nextround_oidc"
FLOW_PATH = "/login/oidc"
CALLBACK = "/login/oidc/callback"


@router.get("/login/oidc")
def start(request: Request, ctx: Ctx, next: str = "/") -> Response:
    wanted = local_path(next, "/")
    try:
        begun = oidc.begin(ctx, _redirect_uri(request, ctx.settings.site_url), wanted)
    except NotSignedIn as exc:
        return _problem(request, exc, wanted)
    response = redirect(begun.url)
    response.set_cookie(
        FLOW_COOKIE,
        begun.cookie,
        max_age=oidc.FLOW_LIFETIME,
        path=FLOW_PATH,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.get("/login/oidc/callback")
def callback(
    request: Request, ctx: Ctx, code: str = "", state: str = "", error: str = ""
) -> Response:
    answer = oidc.Answer(code=code[:2000], state=state[:200], error=error[:100])
    try:
        done = oidc.finish(
            ctx,
            request.cookies.get(FLOW_COOKIE),
            answer,
            _redirect_uri(request, ctx.settings.site_url),
            replacing=request.cookies.get(SESSION_COOKIE),
        )
    except NotSignedIn as exc:
        response = _problem(request, exc, "/")
    else:
        response = logged_in(request, done.session, local_path(done.next, "/"))
    response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
    return response


def _redirect_uri(request: Request, site_url: str) -> str:
    """The callback's address as registered at the provider: the site's public one."""
    return f"{site_url or str(request.base_url).rstrip('/')}{CALLBACK}"


def _problem(request: Request, exc: NotSignedIn, wanted: str) -> Response:
    status, _kind = status_of(exc)
    return page(request, next=wanted, problem=exc.message, status=status)
