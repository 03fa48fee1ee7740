"""Passwords, sessions and API tokens (migration 0014): the SQL, nothing decided here.

Only hashes are stored: an argon2 hash of the password, the SHA-256 of each
session's and each API token's random token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nextround.storage import owners
from nextround.storage.sql import Connection, Row, as_datetime


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    password_hash: str | None
    disabled: bool = False


@dataclass(frozen=True)
class SessionRow:
    user_id: int
    created_at: datetime
    last_seen: datetime
    expires_at: datetime
    #: What the user's stored settings are at this read: the count every change to their
    #: ``user_settings`` rows raises (migration 0024) and their login email.
    settings_stamp: tuple[int, str] = (0, "")


@dataclass(frozen=True)
class TokenRow:
    id: int
    owner_id: int
    name: str
    created_at: datetime
    last_used: datetime | None


# -- passwords ----------------------------------------------------------------------


def account(
    c: Connection, *, user_id: int | None = None, name: str | None = None, email: str | None = None
) -> Account | None:
    """The user with this id, this name or this (lower-case) email, or None."""
    value: int | str | None
    if user_id is not None:
        where, value = "id = :v", user_id
    elif email is not None:
        where, value = "email = :v", email
    else:
        where, value = "name = :v", name
    found = c.row(
        f"SELECT id, name, password_hash, disabled_at FROM users WHERE {where}", {"v": value}
    )
    if found is None:
        return None
    return Account(int(found[0]), str(found[1]), found[2] or None, found[3] is not None)


def any_password(c: Connection) -> bool:
    """Whether any user has a password: then every request needs a login."""
    return c.row("SELECT 1 FROM users WHERE password_hash IS NOT NULL") is not None


def set_password_hash(c: Connection, user_id: int, password_hash: str) -> None:
    c.execute(
        "UPDATE users SET password_hash = :hash WHERE id = :id",
        {"hash": password_hash, "id": user_id},
    )


# -- sessions -----------------------------------------------------------------------


def add_session(
    c: Connection, session_id: str, user_id: int, now: datetime, expires_at: datetime
) -> None:
    c.execute(
        "INSERT INTO sessions (id, user_id, created_at, last_seen, expires_at)"
        " VALUES (:id, :user, :now, :now, :expires)",
        {"id": session_id, "user": user_id, "now": now, "expires": expires_at},
    )


def session(c: Connection, session_id: str, *, become_owner: bool = False) -> SessionRow | None:
    """The session of a live (not disabled) user, or None.

    With ``become_owner``, on PostgreSQL the rest of the transaction runs as the session's
    user (``nextround.owner``, as :func:`nextround.storage.owners` sets it at ``BEGIN``),
    in the same statement: a transaction begun with no owner, which reads the session
    first and then that user's rows. Nothing is set when no session is found (the
    transaction still sees no owner's rows)."""
    become = ""
    if become_owner and not c.is_sqlite:
        become = f", set_config('{owners.SETTING}', s.user_id::text, true)"
    found = c.row(
        "SELECT s.user_id, s.created_at, s.last_seen, s.expires_at, u.settings_stamp, u.email"
        + become
        + " FROM sessions s"
        " JOIN users u ON u.id = s.user_id WHERE s.id = :id AND u.disabled_at IS NULL",
        {"id": session_id},
    )
    if found is None:
        return None
    created, seen, expires = (as_datetime(found[i]) for i in (1, 2, 3))
    assert created is not None and seen is not None and expires is not None
    stamp = (int(found[4]), str(found[5] or ""))
    return SessionRow(int(found[0]), created, seen, expires, stamp)


def touch_session(c: Connection, session_id: str, now: datetime) -> None:
    c.execute("UPDATE sessions SET last_seen = :now WHERE id = :id", {"now": now, "id": session_id})


def end_session(c: Connection, session_id: str) -> None:
    c.execute("DELETE FROM sessions WHERE id = :id", {"id": session_id})


def end_sessions(c: Connection, user_id: int) -> int:
    """End every session of a user; how many there were."""
    return c.execute("DELETE FROM sessions WHERE user_id = :user", {"user": user_id})


# -- API tokens ---------------------------------------------------------------------


def add_token(c: Connection, owner: int, name: str, token_hash: str) -> None:
    c.execute(
        "INSERT INTO api_tokens (owner_id, name, token_hash) VALUES (:owner, :name, :hash)",
        {"owner": owner, "name": name, "hash": token_hash},
    )


def token_named(c: Connection, owner: int, name: str) -> bool:
    found = c.row(
        "SELECT 1 FROM api_tokens WHERE owner_id = :owner AND name = :name",
        {"owner": owner, "name": name},
    )
    return found is not None


def tokens(c: Connection, owner: int) -> list[TokenRow]:
    rows = c.rows(
        "SELECT id, owner_id, name, created_at, last_used FROM api_tokens"
        " WHERE owner_id = :owner ORDER BY name",
        {"owner": owner},
    )
    return [_token(r) for r in rows]


def token_by_hash(c: Connection, token_hash: str) -> TokenRow | None:
    found = c.row(
        "SELECT t.id, t.owner_id, t.name, t.created_at, t.last_used FROM api_tokens t"
        " JOIN users u ON u.id = t.owner_id WHERE t.token_hash = :hash AND u.disabled_at IS NULL",
        {"hash": token_hash},
    )
    return None if found is None else _token(found)


def touch_token(c: Connection, token_id: int, now: datetime) -> None:
    c.execute("UPDATE api_tokens SET last_used = :now WHERE id = :id", {"now": now, "id": token_id})


def revoke_token(c: Connection, owner: int, name: str) -> bool:
    """Delete the token named ``name``; whether there was one."""
    gone = c.execute(
        "DELETE FROM api_tokens WHERE owner_id = :owner AND name = :name",
        {"owner": owner, "name": name},
    )
    return gone > 0


def _token(r: Row) -> TokenRow:
    created = as_datetime(r[3])
    assert created is not None
    return TokenRow(int(r[0]), int(r[1]), str(r[2]), created, as_datetime(r[4]))


def logged_in(c: Connection, user_id: int, now: datetime) -> None:
    """Remember the latest login (``nextround user list`` shows it)."""
    c.execute("UPDATE users SET last_login_at = :now WHERE id = :id", {"now": now, "id": user_id})


# -- tries counted against a limit (shared by every process) -------------------------


def attempt_times(
    c: Connection, kind: str, key_hash: str, since: datetime, limit: int
) -> list[datetime]:
    """The last ``limit`` tries of ``kind`` by ``key_hash`` after ``since``, newest first."""
    rows = c.rows(
        "SELECT at FROM attempts WHERE kind = :kind AND key_hash = :key AND at > :since "
        "ORDER BY at DESC LIMIT :limit",
        {"kind": kind, "key": key_hash, "since": since, "limit": limit},
    )
    return [found for found in (as_datetime(r[0]) for r in rows) if found is not None]


def add_attempt(c: Connection, kind: str, key_hash: str, at: datetime) -> None:
    c.execute(
        "INSERT INTO attempts (kind, key_hash, at) VALUES (:kind, :key, :at)",
        {"kind": kind, "key": key_hash, "at": at},
    )


def spend_once(c: Connection, kind: str, key_hash: str, at: datetime) -> bool:
    """Record ``key_hash`` as spent, once: False when it was already (by any process). On
    PostgreSQL a lock on the key for the transaction makes two processes spending it at
    once take turns, so only the first finds it fresh."""
    params = {"kind": kind, "key": key_hash}
    if not c.is_sqlite:
        c.execute("SELECT pg_advisory_xact_lock(hashtextextended(:kind || ':' || :key, 0))", params)
    if c.scalar("SELECT 1 FROM attempts WHERE kind = :kind AND key_hash = :key", params):
        return False
    add_attempt(c, kind, key_hash, at)
    return True


def forget_attempts(c: Connection, kind: str, key_hash: str) -> None:
    c.execute(
        "DELETE FROM attempts WHERE kind = :kind AND key_hash = :key",
        {"kind": kind, "key": key_hash},
    )


def prune_attempts(c: Connection, before: datetime) -> None:
    """Forget every try made before ``before`` (out of every window)."""
    c.execute("DELETE FROM attempts WHERE at < :before", {"before": before})
