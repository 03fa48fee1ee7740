"""The site's users and their one-time password links (migrations 0017 and 0021): the SQL only.

A user's email is stored in lower case (:func:`nextround.services.users.normal_email`
makes it so), which is what makes it unique regardless of case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.sql import Connection, Row, as_bool, as_datetime

_COLUMNS = "id, name, email, is_admin, disabled_at, last_login_at"


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    email: str | None
    is_admin: bool
    disabled_at: datetime | None
    last_login_at: datetime | None


@dataclass(frozen=True)
class InvitationRow:
    id: int
    user_id: int
    expires_at: datetime
    used_at: datetime | None
    purpose: str  # invite, reset or signup (migration 0021)


def _user(r: Row) -> UserRow:
    return UserRow(
        int(r[0]),
        str(r[1]),
        r[2] or None,
        as_bool(r[3]),
        as_datetime(r[4]),
        as_datetime(r[5]),
    )


def add_user(c: Connection, name: str, email: str, *, is_admin: bool) -> int:
    c.execute(
        "INSERT INTO users (name, email, is_admin) VALUES (:name, :email, :admin)",
        {"name": name, "email": email, "admin": is_admin},
    )
    return int(c.scalar("SELECT id FROM users WHERE email = :email", {"email": email}))


def by_email(c: Connection, email: str) -> UserRow | None:
    found = c.row(f"SELECT {_COLUMNS} FROM users WHERE email = :email", {"email": email})
    return None if found is None else _user(found)


def by_id(c: Connection, user_id: int) -> UserRow | None:
    found = c.row(f"SELECT {_COLUMNS} FROM users WHERE id = :id", {"id": user_id})
    return None if found is None else _user(found)


def name_taken(c: Connection, name: str) -> bool:
    return c.row("SELECT 1 FROM users WHERE name = :name", {"name": name}) is not None


#: The order of the users' list: by email (the local user, who has none, first), then id.
ORDER = Order(Column("email", "email", str, nullable=True, binary=True), Column("id", "id", int))


def all_users(c: Connection, window: Window = EVERYTHING) -> list[UserRow]:
    """By email; a limited ``window`` reads one row more (see :mod:`nextround.storage.paging`)."""
    rows = ORDER.rows(c, f"SELECT {_COLUMNS} FROM users WHERE 1 = 1", "1 = 1", {}, window)
    return [_user(r) for r in rows]


def is_live(c: Connection, user_id: int) -> bool:
    """Whether the user exists and isn't disabled."""
    found = c.row("SELECT 1 FROM users WHERE id = :id AND disabled_at IS NULL", {"id": user_id})
    return found is not None


def disable(c: Connection, user_id: int, now: datetime) -> None:
    """Mark the user disabled and delete their sessions, API tokens, calendar links and
    unused one-time links."""
    c.execute("UPDATE users SET disabled_at = :now WHERE id = :id", {"now": now, "id": user_id})
    c.execute("DELETE FROM sessions WHERE user_id = :id", {"id": user_id})
    c.execute("DELETE FROM api_tokens WHERE owner_id = :id", {"id": user_id})
    c.execute("DELETE FROM feed_tokens WHERE owner_id = :id", {"id": user_id})
    c.execute("DELETE FROM invitations WHERE user_id = :id AND used_at IS NULL", {"id": user_id})


# -- one-time links -----------------------------------------------------------------


def add_invitation(
    c: Connection, user_id: int, token_hash: str, expires_at: datetime, purpose: str = "invite"
) -> None:
    c.execute(
        "INSERT INTO invitations (user_id, token_hash, expires_at, purpose)"
        " VALUES (:user, :hash, :expires, :purpose)",
        {"user": user_id, "hash": token_hash, "expires": expires_at, "purpose": purpose},
    )


def invitation(c: Connection, token_hash: str) -> InvitationRow | None:
    found = c.row(
        "SELECT id, user_id, expires_at, used_at, purpose FROM invitations"
        " WHERE token_hash = :hash",
        {"hash": token_hash},
    )
    if found is None:
        return None
    expires = as_datetime(found[2])
    assert expires is not None
    return InvitationRow(
        int(found[0]), int(found[1]), expires, as_datetime(found[3]), str(found[4])
    )


def use_invitation(c: Connection, invitation_id: int, now: datetime) -> bool:
    """Mark the link used; False when it already was (two tabs racing)."""
    done = c.execute(
        "UPDATE invitations SET used_at = :now WHERE id = :id AND used_at IS NULL",
        {"now": now, "id": invitation_id},
    )
    return done > 0


def spend_links(c: Connection, user_id: int, now: datetime) -> int:
    """Mark every unused link of the user used (a password was just set); how many."""
    return c.execute(
        "UPDATE invitations SET used_at = :now WHERE user_id = :id AND used_at IS NULL",
        {"now": now, "id": user_id},
    )


def forget_unfinished_signups(c: Connection, before: datetime) -> int:
    """Delete the users who signed up and never finished: no password, no sign-in through
    the organisation's login, never logged in, not disabled, not an admin, with no link
    but sign-up links, all of which expired before ``before``; with their links. How many."""
    return c.execute(
        "DELETE FROM users WHERE password_hash IS NULL AND disabled_at IS NULL"
        " AND last_login_at IS NULL AND NOT is_admin"
        " AND EXISTS (SELECT 1 FROM invitations i WHERE i.user_id = users.id"
        "  AND i.purpose = 'signup')"
        " AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.user_id = users.id"
        "  AND (i.purpose <> 'signup' OR i.expires_at >= :before))"
        " AND NOT EXISTS (SELECT 1 FROM identities d WHERE d.user_id = users.id)"
        " AND NOT EXISTS (SELECT 1 FROM user_settings s WHERE s.owner_id = users.id)",
        {"before": before},
    )
