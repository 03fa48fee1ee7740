"""A user's own account on a site of many: what it is, and deleting it with everything in it.

Taking everything along is the backup every user already has
(:func:`nextround.services.exports.write_json`: their rows only, no secrets);
this module closes the account.

- :func:`delete_own`: the user, from the web page or the API. They prove it is
  them once more: their password, or, for a user without one (signed in
  elsewhere), their email typed out. Wrong proof deletes nothing and counts
  as a wrong password does (:class:`~nextround.services.logins.Throttle`).
- :func:`delete_user`: the site's admin (or the command line) deletes a user.

Either way every row of the user in every table goes, then the user
(:func:`nextround.storage.wipe.wipe_user`), in one transaction: their
sessions and API tokens are gone with it, so their next request is refused.
A failure anywhere deletes nothing. The computer's own user (a single-user
nextround) has no account to delete: ``nextround delete-all`` empties it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import users
from nextround.services.context import Context
from nextround.services.logins import Throttle, now_utc, password_matches
from nextround.storage import logins, wipe
from nextround.storage.database import LOCAL_OWNER
from nextround.storage.users import by_email, by_id

WRONG_PASSWORD = "That password isn't right, so nothing was deleted. Try again."  # noqa: S105 - a message
WRONG_EMAIL = "That isn't your email as this site knows it, so nothing was deleted."
LOCAL = (
    "there is no account to delete here: this nextround is your own; "
    "`nextround delete-all` deletes everything in it"
)


@dataclass(frozen=True)
class AccountView:
    """What the account page shows: who, and how they prove it is them to delete it."""

    email: str
    name: str
    has_password: bool


@dataclass(frozen=True)
class Deleted:
    """An account deleted: whose, and the rows removed per table."""

    email: str
    counts: dict[str, int] = field(default_factory=dict)


def about(ctx: Context) -> AccountView:
    """The account of ``ctx.owner``."""
    if ctx.owner == LOCAL_OWNER:
        raise NotFound(LOCAL)
    with ctx.db.read() as c:
        found = logins.account(c, user_id=ctx.owner)
        row = by_id(c, ctx.owner)
    if found is None or row is None:
        raise NotFound("no such account")
    return AccountView(row.email or "", row.name, found.password_hash is not None)


def delete_own(
    ctx: Context,
    *,
    password: str = "",
    email: str = "",
    throttle: Throttle | None = None,
    client: str = "",
) -> Deleted:
    """Delete ``ctx.owner``'s account and everything in it, once they proved it is them:
    their password, or (without one) their email."""
    view = about(ctx)
    with ctx.db.read() as c:
        found = logins.account(c, user_id=ctx.owner)
    assert found is not None  # about() found it
    keys = (f"account:{view.email}", f"client:{client}")
    now = now_utc()
    if throttle is not None:
        throttle.check(keys, now)
    problem = None
    if found.password_hash is not None:
        if not password_matches(password, found.password_hash):
            problem = InvalidInput(WRONG_PASSWORD, field="password")
    elif not _same_email(email, view.email):
        problem = InvalidInput(WRONG_EMAIL, field="email")
    if problem is not None:
        if throttle is not None:
            throttle.fail(keys, now)
        raise problem
    return _delete(ctx, ctx.owner, view.email)


def _same_email(typed: str, own: str) -> bool:
    try:
        return bool(own) and users.normal_email(typed) == own
    except InvalidInput:
        return False


def delete_user(ctx: Context, email: str) -> Deleted:
    """The admin's (or the command line's): delete the user with this email and everything
    of theirs."""
    if ctx.owner != LOCAL_OWNER and not users.is_admin(ctx, ctx.owner):
        raise NotFound("no such page")  # as the user service answers anyone else
    with ctx.db.read() as c:
        found = by_email(c, users.normal_email(email))
    if found is None:
        raise NotFound(f"no user with the email {email.strip()} (see `nextround user list`)")
    return _delete(ctx, found.id, found.email or "")


def _delete(ctx: Context, user: int, email: str) -> Deleted:
    if user == LOCAL_OWNER:
        raise NotFound(LOCAL)
    # As the user: row-level security shows this transaction their rows, and only theirs.
    try:
        with ctx.fresh(owner=user).db.transaction() as c:
            counts = wipe.wipe_user(c, user)
            if not counts.get("users"):
                raise NotFound(f"the user {email} was deleted already")
    except Conflict as exc:
        raise Conflict(
            f"the account {email} couldn't be deleted, so nothing was: {exc.message}; "
            "try again, and if it happens again tell the site's admin"
        ) from None
    return Deleted(email, counts)
