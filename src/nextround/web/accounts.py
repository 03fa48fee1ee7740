"""Users on a hosted site: the one-time link that sets a password, and the admin's page.

``/set-password/{token}`` is open without a login (the link is the key) and
refuses a used or expired link. ``/admin/users`` is for admins only: anyone
else gets the 404 any unknown address gets, so the page isn't even there for
them. The admin sees who the users are, never their data.

On a hosted site, :func:`site_settings_guard` (a dependency of every route)
refuses the writes that would change the site's own settings file: those are
the whole site's, not one user's. A user's own settings (``/settings``,
``/setup``, ``/settings/interests``, ``/settings/watch``, and their own mailbox
and mail server at ``/settings/imap`` and ``/settings/smtp``) are saved as theirs
(:mod:`nextround.services.user_settings`, the passwords encrypted by
:mod:`nextround.services.user_secrets`), and a mail scan reads the user's own
mailbox or is refused, saying how to set one up.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import users
from nextround.services.paging import Window
from nextround.web.errors import Forbidden
from nextround.web.pages import CheckedForm, redirect, render, text
from nextround.web.paging import FIRST_PAGE, Paging, links
from nextround.web.sessions import login_of
from nextround.web.state import Ctx, web_state

router = APIRouter(include_in_schema=False)

#: Writes that change the settings file: the site's, on a hosted site.
SITE_SETTINGS = re.compile(r"/applications/[^/]+/watch")
SITE_ONLY = (
    "On this hosted site these settings are the site's, not yours to change; ask the site's admin."
)


async def site_settings_guard(request: Request) -> None:
    """Refuse, on a hosted site, a write to the site's settings (see :data:`SITE_SETTINGS`).

    ``async``: it reads nothing but the request, and a plain ``def`` would cost every
    request a trip through the threadpool."""
    if request.method in {"GET", "HEAD"} or not web_state(request).base.settings.hosted:
        return
    if SITE_SETTINGS.fullmatch(request.url.path):
        raise Forbidden(SITE_ONLY)


@router.get("/set-password/{token}")
def set_password_page(request: Request, token: str, ctx: Ctx) -> Response:
    good = users.link_is_good(ctx, token)
    return _password_page(request, token, problem="" if good else users.BAD_LINK, good=good)


@router.post("/set-password/{token}")
def set_password(request: Request, token: str, form: CheckedForm, ctx: Ctx) -> Response:
    try:
        users.use_link(ctx, token, str(form.get("password") or ""))
    except InvalidInput as exc:
        good = users.link_is_good(ctx, token)
        return _password_page(request, token, problem=exc.message, good=good, status=422)
    return redirect("/login")


def _password_page(
    request: Request, token: str, *, problem: str, good: bool, status: int | None = None
) -> Response:
    context = {"title": "Set your password", "token": token, "problem": problem, "good": good}
    return render(
        request, "admin/set_password.html", context, status=status or (200 if good else 410)
    )


def _admin_only(request: Request, ctx: Ctx) -> None:
    login = login_of(request)
    if not users.is_admin(ctx, login.user_id if login else None):
        raise HTTPException(404)


@router.get("/admin/users")
def admin_users(request: Request, ctx: Ctx, window: Paging) -> Response:
    _admin_only(request, ctx)
    return _users_page(request, ctx, window=window)


@router.post("/admin/users")
def admin_add_user(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    _admin_only(request, ctx)
    email, name = text(form, "email"), text(form, "name")
    try:
        made = users.add_user(ctx, email, name=name, admin=form.get("admin") == "yes")
    except (InvalidInput, Conflict) as exc:
        values = {"email": email, "name": name}
        return _users_page(request, ctx, problem=exc.message, values=values, status=422)
    link = made.link(web_state(request).base.settings.site_url or str(request.base_url).rstrip("/"))
    return _users_page(request, ctx, added=made.email, link=link)


@router.post("/admin/users/disable")
def admin_disable_user(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    _admin_only(request, ctx)
    try:
        users.disable_user(ctx, text(form, "email"))
    except (InvalidInput, NotFound) as exc:
        return _users_page(request, ctx, problem=exc.message, status=404)
    return redirect("/admin/users")


def _users_page(
    request: Request,
    ctx: Ctx,
    *,
    problem: str = "",
    added: str = "",
    link: str = "",
    values: dict[str, str] | None = None,
    status: int = 200,
    window: Window = FIRST_PAGE,
) -> Response:
    found = users.list_users(ctx, window)
    context = {
        "title": "Users",
        "users": found.items,
        **links(request, found),
        "problem": problem,
        "added": added,
        "link": link,
        "values": values or {},
        "lifetime_days": users.LINK_LIFETIME.days,
    }
    return render(request, "admin/users.html", context, status=status)
