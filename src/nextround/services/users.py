"""The site's users: add (with a one-time link to set a password), invite many from a
CSV file, list, disable, and the link's use.

An admin manages users through these and never sees their data: nothing here
reads an owner's rows. A user's email is their login name, kept in lower case.

- **One-time links**: 256 random bits, only the SHA-256 stored, each for one
  purpose (:data:`PURPOSES`: an admin's invitation, a forgotten password, an
  open sign-up; :mod:`nextround.services.account_links` mails the last two),
  good for its :data:`LIFETIMES`, and used only at its own address
  (:data:`PATHS`). A used or expired link is refused with one message. Setting
  a password through any link spends every other unused link of the user and
  ends all of their sessions, in one transaction.
- **Disabling** a user deletes their sessions and API tokens in the same
  transaction, so the next request of theirs is already refused; the login
  refuses them with the message any wrong password gets.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from nextround.errors import Conflict, ImportFailed, InvalidInput, NotFound
from nextround.services.context import Context
from nextround.services.logins import digest, now_utc, password_hash, store_password_hash
from nextround.services.paging import EVERYTHING, Page, Window, page_of
from nextround.storage import users
from nextround.storage.database import LOCAL_OWNER
from nextround.storage.sql import Connection

#: What a one-time link is for: an admin's invitation, a forgotten password, an open sign-up.
PURPOSES = ("invite", "reset", "signup")
LINK_LIFETIME = timedelta(days=7)
LIFETIMES = {"invite": LINK_LIFETIME, "reset": timedelta(hours=1), "signup": timedelta(days=1)}
#: Where each kind of link is used (a link works at its own address only).
PATHS = {"invite": "/set-password/", "reset": "/reset-password/", "signup": "/signup/"}
BAD_LINK = "That link has expired or was used already. Ask your admin for a new one."
BAD_LINKS = {
    "invite": BAD_LINK,
    "reset": "That link has expired or was used already. Ask for a new one: "
    "“Forgot your password?” on the login page.",
    "signup": "That link has expired or was used already. Sign up again for a new one.",
}
MAX_EMAIL = 320
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Invitation:
    """A one-time link to set a user's password (shown or mailed once), and whose it is."""

    user_id: int
    email: str
    token: str
    expires_at: datetime
    purpose: str = "invite"

    def link(self, site_url: str) -> str:
        return f"{site_url or 'http://localhost:8000'}{PATHS[self.purpose]}{self.token}"


@dataclass(frozen=True)
class UserView:
    """What an admin sees of a user: never their data."""

    id: int
    email: str
    name: str
    is_admin: bool
    disabled: bool
    last_login_at: datetime | None


def normal_email(text: str) -> str:
    """The email as stored: trimmed, lower case; refused when it isn't one."""
    email = text.strip().lower()
    if len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email) or not email.isprintable():
        raise InvalidInput(f"'{text.strip()[:80]}' isn't an email address", field="email")
    return email


def add_user(
    ctx: Context, email: str, *, name: str = "", admin: bool = False, now: datetime | None = None
) -> Invitation:
    """A new user, and their one-time link to set a password."""
    _admin_only(ctx)
    with ctx.db.transaction() as c:
        return _add(c, normal_email(email), name.strip(), admin, now or now_utc())


def _add(c: Connection, email: str, name: str, admin: bool, now: datetime) -> Invitation:
    if users.by_email(c, email) is not None:
        raise Conflict(
            f"a user with the email {email} exists already",
        )
    name = name or email
    if len(name) > 200 or not name.isprintable():
        raise InvalidInput("a name is 1 to 200 printable characters", field="name")
    if users.name_taken(c, name):
        raise Conflict(f"a user named '{name}' exists already; choose another name")
    user_id = users.add_user(c, name, email, is_admin=admin)
    return new_link(c, user_id, email, now)


def new_link(
    c: Connection, user_id: int, email: str, now: datetime, purpose: str = "invite"
) -> Invitation:
    """Within ``c``: a new one-time link for the user (256 random bits; only the hash kept)."""
    token = secrets.token_urlsafe(32)
    expires = now + LIFETIMES[purpose]
    users.add_invitation(c, user_id, digest(token), expires, purpose)
    return Invitation(user_id, email, token, expires, purpose)


def reset_link(ctx: Context, email: str, *, now: datetime | None = None) -> Invitation:
    """A one-time link that sets a new password for the live user with this email (an
    admin's way, when the site can't mail one: ``nextround user reset``)."""
    _admin_only(ctx)
    address = normal_email(email)
    with ctx.db.transaction() as c:
        made = live_reset_link(c, address, now or now_utc())
        if made is None:
            why = "is disabled" if users.by_email(c, address) is not None else "doesn't exist"
            raise NotFound(f"the user {address} {why} (see `nextround user list`)")
        return made


def live_reset_link(c: Connection, address: str, now: datetime) -> Invitation | None:
    """Within ``c``: a new reset link for the live user with this (normal) email; None
    when there is no such user or they are disabled."""
    found = users.by_email(c, address)
    if found is None or found.disabled_at is not None:
        return None
    return new_link(c, found.id, address, now, "reset")


def invite_csv(ctx: Context, data: str, *, now: datetime | None = None) -> list[Invitation]:
    """Add a user per row of a CSV file with an ``email`` column (and an optional ``name``),
    all in one transaction: any bad row and nobody is added; the error names each bad line."""
    _admin_only(ctx)
    reader = csv.DictReader(io.StringIO(data))
    columns = [(f or "").strip().lower() for f in reader.fieldnames or []]
    if "email" not in columns:
        raise ImportFailed("the file needs a column named 'email'")
    # (line, row): the line a row ends on, as an editor numbers them (blank lines count).
    rows = [(reader.line_num, row) for row in reader]
    now = now or now_utc()
    made: list[Invitation] = []
    problems: list[str] = []
    seen: set[str] = set()
    with ctx.db.transaction() as c:
        for line, row in rows:
            values = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
            try:
                email = normal_email(values.get("email", ""))
                if email in seen:
                    raise Conflict(f"{email} is in the file twice")
                seen.add(email)
                with c.savepoint():
                    made.append(_add(c, email, values.get("name", "").strip(), False, now))
            except (InvalidInput, Conflict) as exc:
                problems.append(f"line {line}: {exc.message}")
        if problems:
            raise ImportFailed("nobody was invited: " + "; ".join(problems))
    return made


def list_users(ctx: Context, window: Window = EVERYTHING) -> Page[UserView]:
    """The site's users by email, ``window`` of them (all by default)."""
    _admin_only(ctx)
    with ctx.db.read() as c:
        rows = users.all_users(c, window)
    page = page_of(rows, window, users.ORDER)
    return page.map(
        lambda found: [
            UserView(
                u.id, u.email or "", u.name, u.is_admin, u.disabled_at is not None, u.last_login_at
            )
            for u in found
        ]
    )


def disable_user(ctx: Context, email: str, *, now: datetime | None = None) -> UserView:
    """Disable the user: their sessions and tokens end now, and they can't log in."""
    _admin_only(ctx)
    with ctx.db.read() as c:
        found = users.by_email(c, normal_email(email))
    if found is None:
        raise NotFound(f"no user with the email {email.strip()}")
    # As the user disabled: their API tokens and calendar links are theirs alone to delete.
    with ctx.fresh(owner=found.id).db.transaction() as c:
        if found.disabled_at is None:
            users.disable(c, found.id, now or now_utc())
    return UserView(found.id, found.email or "", found.name, found.is_admin, True, None)


def user_id_for(ctx: Context, email: str) -> int:
    """The id of the live user with this email (the CLI's ``--user``)."""
    with ctx.db.read() as c:
        found = users.by_email(c, normal_email(email))
    if found is None:
        raise NotFound(f"no user with the email {email.strip()} (see `nextround user list`)")
    if found.disabled_at is not None:
        raise NotFound(f"the user {found.email} is disabled")
    return found.id


def _admin_only(ctx: Context) -> None:
    """Managing users is for the site's own context (the command line, owner 1) or an admin;
    anyone else is told there is nothing here, as the web's admin page tells them."""
    if ctx.owner != LOCAL_OWNER and not is_admin(ctx, ctx.owner):
        raise NotFound("no such page")


def is_admin(ctx: Context, user_id: int | None) -> bool:
    if user_id is None:
        return False
    with ctx.db.read() as c:
        found = users.by_id(c, user_id)
    return found is not None and found.is_admin and found.disabled_at is None


def link_is_good(
    ctx: Context, token: str, purpose: str = "invite", *, now: datetime | None = None
) -> bool:
    """Whether the one-time link still sets a password (unused, unexpired, user live, and
    made for ``purpose``)."""
    with ctx.db.read() as c:
        return _live_link(c, token, purpose, now or now_utc()) is not None


def _live_link(
    c: Connection, token: str, purpose: str, now: datetime
) -> users.InvitationRow | None:
    if not token or len(token) > 200:
        return None
    found = users.invitation(c, digest(token))
    if found is None or found.used_at is not None or now >= found.expires_at:
        return None
    if found.purpose != purpose:
        return None
    return found if users.is_live(c, found.user_id) else None


def use_link(
    ctx: Context,
    token: str,
    password: str,
    purpose: str = "invite",
    *,
    now: datetime | None = None,
) -> int:
    """Set the user's password through their one-time link for ``purpose``; whose it was.

    In one transaction: the link is spent, and so is every other unused link of
    the user (an older reset link can't set the password again), the password is
    stored and all of the user's sessions end. A failure leaves all as it was."""
    hashed = password_hash(password)
    now = now or now_utc()
    with ctx.db.transaction() as c:
        found = _live_link(c, token, purpose, now)
        if found is None or not users.use_invitation(c, found.id, now):
            raise InvalidInput(BAD_LINKS[purpose], field="link")
        users.spend_links(c, found.user_id, now)
        store_password_hash(c, found.user_id, hashed)
    return found.user_id
