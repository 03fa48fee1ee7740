"""One-time form tokens, so a double submit of a create form doesn't create twice.

A create form carries a fresh token (:func:`new_token`). The create spends it
with :func:`spend` inside its own transaction, after writing: a token spent
already raises :class:`AlreadySubmitted`, which rolls the second create back
and tells the face where the first one went.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from nextround.errors import Conflict, InvalidInput
from nextround.services.context import Context
from nextround.storage import forms

_MAX_TOKEN = 64


class AlreadySubmitted(Conflict):
    """This form was submitted before; ``location`` is what the first submit created."""

    def __init__(self, location: str) -> None:
        super().__init__("This form was already sent; here is what it created.")
        self.location = location


def new_token() -> str:
    return secrets.token_urlsafe(24)


def spend(connection: sa.Connection, ctx: Context, token: str, location: str) -> None:
    """Spend ``token`` in the caller's transaction; raise if it was spent before."""
    if not token or len(token) > _MAX_TOKEN:
        raise InvalidInput(
            "This form is missing its one-time token; reload the page and try again."
        )
    earlier = forms.spend(connection, ctx.owner, token, location)
    if earlier is not None:
        raise AlreadySubmitted(earlier)
