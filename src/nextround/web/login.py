"""Logging in and out: ``/login``, ``/logout`` and ``/logout/everywhere``.

The services (:mod:`nextround.services.logins`) check the password, count
wrong ones and make the session; this module sets and clears the cookie:
``HttpOnly`` (no script reads it), ``SameSite=Lax`` (a link from elsewhere
opens the app logged in, but no other site can post with it), and
``Secure`` when the request came over HTTPS (behind a proxy, as uvicorn's
``--forwarded-allow-ips`` tells it).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.errors import NotSignedIn
from nextround.services import logins
from nextround.web.errors import status_of
from nextround.web.pages import CheckedForm, local_path, redirect, render, text
from nextround.web.sessions import SESSION_COOKIE, login_of
from nextround.web.state import Ctx, web_state

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_page(request: Request, ctx: Ctx, next: str = "/") -> Response:
    if not ctx.settings.hosted and not logins.has_password(ctx):
        return redirect("/")
    signed_in = logins.session_user(ctx, request.cookies.get(SESSION_COOKIE)) is not None
    return page(request, next=next, signed_in=signed_in)


@router.post("/login")
def log_in(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    wanted = local_path(text(form, "next"), "/")
    try:
        made = logins.log_in(
            ctx,
            str(form.get("password") or ""),
            web_state(request).throttle,
            account=text(form, "account"),
            client=request.client.host if request.client else "",
            replacing=request.cookies.get(SESSION_COOKIE),
        )
    except NotSignedIn as exc:
        status, _kind = status_of(exc)
        return page(
            request, next=wanted, problem=exc.message, status=status, account=text(form, "account")
        )
    return logged_in(request, made, wanted)


def logged_in(request: Request, made: logins.NewSession, wanted: str) -> Response:
    """On to ``wanted`` with the new session's cookie (every way of logging in ends here)."""
    response = redirect(wanted)
    response.set_cookie(
        SESSION_COOKIE,
        made.token,
        max_age=int(logins.LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
def log_out(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    logins.log_out(ctx, request.cookies.get(SESSION_COOKIE))
    return _logged_out()


@router.post("/logout/everywhere")
def log_out_everywhere(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    login = login_of(request)
    if login is not None:
        logins.log_out_everywhere(ctx, login.user_id)
    return _logged_out()


def _logged_out() -> Response:
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.headers["Clear-Site-Data"] = '"cache"'  # the offline copies go too
    return response


def page(
    request: Request,
    *,
    next: str,
    signed_in: bool = False,
    problem: str = "",
    status: int = 200,
    account: str = "",
) -> Response:
    """The login page, with the problem the last try ran into (one line)."""
    title = "You're logged in" if signed_in else "Log in to nextround"
    settings = web_state(request).base.settings
    context = {
        "title": title,
        "next": local_path(next, "/"),
        "signed_in": signed_in,
        "problem": problem,
        "hosted": settings.hosted,
        "oidc_label": settings.oidc.label if settings.hosted and settings.oidc.enabled else "",
        "signup": settings.hosted and settings.signup == "open",
        "account": account[:320],
    }
    return render(request, "login.html", context, status=status)
