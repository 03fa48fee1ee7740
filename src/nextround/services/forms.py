"""One-time form tokens, so that a create form submitted twice creates once.

A create form carries a fresh token. The use case that creates spends it in
the same transaction as the create (:func:`spend`); a second submit of the
same form finds it spent and is sent to what the first one created.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from nextround.errors import Conflict, InvalidInput
from nextround.services.context import Context
from nextround.storage import forms

#: Tokens are URL-safe text of this many random bytes (the column holds 64 characters).
TOKEN_BYTES = 24


class AlreadySubmitted(Conflict):
    """The form was submitted before; ``location`` is what that submit created."""

    def __init__(self, location: str) -> None:
        super().__init__("This form was already sent; here is what it created.")
        self.location = location


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def check(connection: sa.Connection, ctx: Context, token: str | None) -> None:
    """Refuse early (before any work) a token already spent."""
    if token and (location := forms.spent(connection, ctx.owner, _clean(token))) is not None:
        raise AlreadySubmitted(location)


def spend(connection: sa.Connection, ctx: Context, token: str | None, location: str) -> None:
    """Spend ``token`` on ``location`` in the caller's transaction.

    If a racing submit spent it first, raise :class:`AlreadySubmitted`, which
    rolls back the caller's transaction, so the create happens once.
    """
    if token is None:
        return
    if not token.strip():
        raise InvalidInput(
            "This form is missing its one-time token; reload the page and try again."
        )
    earlier = forms.spend(connection, ctx.owner, _clean(token), location)
    if earlier is not None:
        raise AlreadySubmitted(earlier)


def _clean(token: str) -> str:
    return token.strip()[:64]
