"""One-time form tokens, so that a create form submitted twice creates once.

A create form carries a fresh token. The use case that creates spends it in
the same transaction as the create (:func:`spend`); a second submit of the
same form finds it spent and learns what the first one created, as a record
kind and id (the web turns that into the record's page).
"""

from __future__ import annotations

import secrets

from nextround.errors import Conflict, InvalidInput
from nextround.services.context import Context
from nextround.storage import forms
from nextround.storage.sql import Connection

#: Tokens are URL-safe text of this many random bytes (the column holds 64 characters).
TOKEN_BYTES = 24


class AlreadySubmitted(Conflict):
    """The form was submitted before; ``kind`` and ``id`` name what that submit created."""

    def __init__(self, created: str) -> None:
        super().__init__("This form was already sent; here is what it created.")
        kind, _, number = created.partition(":")
        self.kind = kind
        self.id = int(number) if number.isdigit() else 0


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def check(c: Connection, ctx: Context, token: str | None) -> None:
    """Refuse early (before any work) a token already spent."""
    if token and (created := forms.spent(c, ctx.owner, _clean(token))) is not None:
        raise AlreadySubmitted(created)


def spend(c: Connection, ctx: Context, token: str | None, kind: str, record_id: int) -> None:
    """Spend ``token`` on the record just created, in the caller's transaction.

    If a racing submit spent it first, raise :class:`AlreadySubmitted`, which
    rolls back the caller's transaction, so the create happens once.
    """
    if token is None:
        return
    if not token.strip():
        raise InvalidInput(
            "This form is missing its one-time token; reload the page and try again."
        )
    earlier = forms.spend(c, ctx.owner, _clean(token), f"{kind}:{record_id}")
    if earlier is not None:
        raise AlreadySubmitted(earlier)


def _clean(token: str) -> str:
    return token.strip()[:64]
