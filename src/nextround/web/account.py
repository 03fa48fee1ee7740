"""``/account``: a user's own account on a hosted site: take everything along, or delete it.

The downloads are the Export page's files (the backup holds the user's own rows
and no secrets). Deleting asks for the password once more (or, for a user
without one, their email typed out), removes everything of theirs in one
transaction (:mod:`nextround.services.account`), clears the cookie and says
goodbye. The computer's own user of a single-user nextround has no account
here: the page is not there for them (``nextround delete-all`` empties it).

``/admin/users/delete`` is the admin's (the email typed twice); for anyone else
it is the 404 the admin page gives them.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from nextround.errors import Conflict, InvalidInput, NotFound, TooManyAttempts
from nextround.services import account, users
from nextround.web.errors import status_of
from nextround.web.pages import CheckedForm, render, text
from nextround.web.sessions import SESSION_COOKIE, login_of
from nextround.web.state import Ctx, web_state

router = APIRouter(include_in_schema=False)


def _view(ctx: Ctx) -> account.AccountView:
    try:
        return account.about(ctx)
    except NotFound:
        raise HTTPException(404) from None


@router.get("/account")
def account_page(request: Request, ctx: Ctx) -> Response:
    return _page(request, _view(ctx))


@router.post("/account/delete")
def delete_account(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    view = _view(ctx)
    try:
        gone = account.delete_own(
            ctx,
            password=str(form.get("password") or ""),
            email=text(form, "email"),
            throttle=web_state(request).throttle,
            client=request.client.host if request.client else "",
        )
    except (InvalidInput, TooManyAttempts, Conflict) as exc:
        return _page(request, view, problem=exc.message, status=status_of(exc)[0])
    return goodbye(request, gone.email)


def goodbye(request: Request, email: str) -> Response:
    """The page after an account went: logged out, the browser's offline copies cleared."""
    request.state.login = None  # no "Log out" link: there is no one left to log out
    response = render(request, "account/goodbye.html", {"title": "Goodbye", "email": email})
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


def _page(
    request: Request, view: account.AccountView, *, problem: str = "", status: int = 200
) -> Response:
    context = {"title": "Your account", "account": view, "problem": problem}
    return render(request, "account/index.html", context, status=status)


@router.post("/admin/users/delete")
def admin_delete_user(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    login = login_of(request)
    if not users.is_admin(ctx, login.user_id if login else None):
        raise HTTPException(404)
    email, again = text(form, "email"), text(form, "confirm")
    problem, status = "", 200
    if email.lower() != again.lower():
        problem, status = "Type the same email twice to confirm; nothing was deleted.", 422
    else:
        try:
            account.delete_user(ctx, email)
        except (InvalidInput, NotFound, Conflict) as exc:
            problem = exc.message
            status = 404 if isinstance(exc, NotFound) else 422
    context = {"title": "Delete a user", "email": email, "problem": problem}
    return render(request, "account/user_deleted.html", context, status=status)
