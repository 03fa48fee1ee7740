"""API tokens for scripts: add (shown once), list, revoke, and find whose a token is.

A token is ``nr_`` and 256 random bits; only its SHA-256 is stored, named by
the user, with when it was made and last used. A request to the API sends it
as ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services.context import Context
from nextround.services.logins import digest, now_utc
from nextround.storage import logins

PREFIX = "nr_"
#: ``last_used`` is written at most this often.
TOUCH_EVERY = timedelta(minutes=1)
MAX_NAME = 100


@dataclass(frozen=True)
class TokenView:
    name: str
    created_at: datetime
    last_used: datetime | None


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise InvalidInput(
            f"name the token in 1 to {MAX_NAME} printable characters (e.g. 'backup script')",
            field="name",
        )
    return name


def add_token(ctx: Context, name: str) -> str:
    """A new token named ``name``; it is returned once and never shown again."""
    name = _check_name(name)
    token = PREFIX + secrets.token_urlsafe(32)
    with ctx.db.transaction() as c:
        if logins.token_named(c, ctx.owner, name):
            raise Conflict(f"a token named '{name}' exists; revoke it first or choose another name")
        logins.add_token(c, ctx.owner, name, digest(token))
    return token


def list_tokens(ctx: Context) -> list[TokenView]:
    with ctx.db.read() as c:
        rows = logins.tokens(c, ctx.owner)
    return [TokenView(r.name, r.created_at, r.last_used) for r in rows]


def revoke_token(ctx: Context, name: str) -> None:
    """Delete the token named ``name``: scripts using it are refused from now on."""
    with ctx.db.transaction() as c:
        if not logins.revoke_token(c, ctx.owner, name.strip()):
            raise NotFound(f"no token named '{name.strip()}' (see `nextround token list`)")


def token_owner(ctx: Context, token: str | None, *, now: datetime | None = None) -> int | None:
    """The user a token belongs to, or None (unknown, revoked or malformed)."""
    if not token or len(token) > 200 or not token.startswith(PREFIX):
        return None
    # Across every owner: whose the token is isn't known until it is found.
    with ctx.all_owners.read() as c:
        found = logins.token_by_hash(c, digest(token))
    if found is None:
        return None
    now = now or now_utc()
    if found.last_used is None or now - found.last_used >= TOUCH_EVERY:
        with ctx.fresh(owner=found.owner_id).db.transaction() as c:
            logins.touch_token(c, found.id, now)
    return found.owner_id
