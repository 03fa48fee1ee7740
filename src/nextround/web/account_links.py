"""A hosted site's emailed one-time links: ``/forgot-password`` and ``/signup``, and the
pages their links open, ``/reset-password/{token}`` and ``/signup/{token}``.

All are open without a login (the link is the key) and exist only on a hosted
site; the sign-up pages only when ``[site] signup = "open"`` (else the 404 any
unknown address gets). They run as the site (its SMTP server, its URL), never
as whoever may be logged in. The asker gets the same answer whether the
address has an account or not; the page answers after the checks every
address gets alike, and the lookup and the mail come after it, so neither the
words nor the time tell (see :mod:`nextround.services.account_links`).
"""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from nextround.errors import ConfigError, InvalidInput, NotFound, TooManyAttempts
from nextround.services import account_links, users
from nextround.services.context import Context
from nextround.web.pages import CheckedForm, redirect, render, text
from nextround.web.state import web_state

router = APIRouter(include_in_schema=False)


def _site(request: Request, *, signup: bool = False) -> Context:
    """The site's own context (its settings, no user's); a 404 where the page isn't."""
    ctx = web_state(request).context()
    if not ctx.settings.hosted or (signup and not account_links.signup_open(ctx)):
        raise HTTPException(404)
    return ctx


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


@router.get("/forgot-password")
def forgot_password_page(request: Request) -> Response:
    return _ask_page(request, "account/forgot_password.html", _site(request))


@router.post("/forgot-password")
def forgot_password(request: Request, form: CheckedForm, background: BackgroundTasks) -> Response:
    ctx = _site(request)
    email = text(form, "email")
    try:
        sent = account_links.ask_reset(
            ctx,
            email,
            web_state(request).links,
            client=_client(request),
            later=background.add_task,
        )
    except (InvalidInput, TooManyAttempts, ConfigError) as exc:
        return _ask_page(request, "account/forgot_password.html", ctx, email=email, failed=exc)
    return _ask_page(request, "account/forgot_password.html", ctx, sent=sent)


@router.get("/signup")
def signup_page(request: Request) -> Response:
    return _ask_page(request, "account/signup.html", _site(request, signup=True))


@router.post("/signup")
def signup(request: Request, form: CheckedForm, background: BackgroundTasks) -> Response:
    ctx = _site(request, signup=True)
    email, name = text(form, "email"), text(form, "name")
    try:
        sent = account_links.sign_up(
            ctx,
            email,
            web_state(request).links,
            name=name,
            client=_client(request),
            later=background.add_task,
        )
    except (InvalidInput, TooManyAttempts, ConfigError) as exc:
        return _ask_page(request, "account/signup.html", ctx, email=email, name=name, failed=exc)
    return _ask_page(request, "account/signup.html", ctx, sent=sent)


def _ask_page(
    request: Request,
    template: str,
    ctx: Context,
    *,
    email: str = "",
    name: str = "",
    sent: str = "",
    failed: Exception | None = None,
) -> Response:
    can_mail = account_links.can_mail(ctx)
    problem = "" if can_mail else account_links.NO_MAIL  # a page that explains: a 200
    status = 200
    if can_mail and isinstance(failed, TooManyAttempts | InvalidInput):
        problem = failed.message
        status = 429 if isinstance(failed, TooManyAttempts) else 422
    signing_up = template.endswith("signup.html")
    context = {
        "title": "Sign up for nextround" if signing_up else "Forgot your password?",
        "can_mail": can_mail,
        "problem": problem,
        "sent": sent,
        "email": email[:320],
        "name": name[:200],
    }
    return render(request, template, context, status=status)


@router.get("/reset-password/{token}")
def reset_password_page(request: Request, token: str) -> Response:
    return _password_page(request, _site(request), token, "reset")


@router.post("/reset-password/{token}")
def reset_password(request: Request, token: str, form: CheckedForm) -> Response:
    ctx = _site(request)
    try:
        users.use_link(ctx, token, str(form.get("password") or ""), "reset")
    except InvalidInput as exc:
        return _password_page(request, ctx, token, "reset", problem=exc.message)
    return redirect("/login")


@router.get("/signup/{token}")
def finish_signup_page(request: Request, token: str) -> Response:
    return _password_page(request, _site(request, signup=True), token, "signup")


@router.post("/signup/{token}")
def finish_signup(request: Request, token: str, form: CheckedForm) -> Response:
    ctx = _site(request, signup=True)
    try:
        account_links.finish_signup(ctx, token, str(form.get("password") or ""))
    except NotFound:
        raise HTTPException(404) from None
    except InvalidInput as exc:
        return _password_page(request, ctx, token, "signup", problem=exc.message)
    return redirect("/login")


def _password_page(
    request: Request, ctx: Context, token: str, purpose: str, *, problem: str = ""
) -> Response:
    good = users.link_is_good(ctx, token, purpose)
    reset = purpose == "reset"
    context = {
        "title": "Choose a new password" if reset else "Choose your password",
        "action": f"{users.PATHS[purpose]}{token}",
        "button": "Set the new password" if reset else "Finish signing up",
        "good": good,
        "problem": problem or ("" if good else users.BAD_LINKS[purpose]),
        "again": "/forgot-password" if reset else "/signup",
        "again_label": "Ask for a new link" if reset else "Sign up again",
    }
    status = 422 if problem else (200 if good else 410)
    return render(request, "account/new_password.html", context, status=status)
