"""Sign-ins at the organisation's OpenID Connect provider (migration 0021): the SQL only.

An identity is the provider's (issuer, subject) pair, never an email: the
subject is what the provider promises never to reuse for someone else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nextround.storage.sql import Connection, as_datetime


@dataclass(frozen=True)
class IdentityRow:
    id: int
    user_id: int
    last_used_at: datetime | None


def find(c: Connection, issuer: str, subject: str) -> IdentityRow | None:
    """The identity the provider's (issuer, subject) names, or None."""
    found = c.row(
        "SELECT id, user_id, last_used_at FROM identities "
        "WHERE issuer = :issuer AND subject = :subject",
        {"issuer": issuer, "subject": subject},
    )
    if found is None:
        return None
    return IdentityRow(int(found[0]), int(found[1]), as_datetime(found[2]))


def has_one_at(c: Connection, user_id: int, issuer: str) -> bool:
    """Whether the user already has an identity at this issuer (then none is linked by email)."""
    found = c.row(
        "SELECT 1 FROM identities WHERE user_id = :user AND issuer = :issuer",
        {"user": user_id, "issuer": issuer},
    )
    return found is not None


def add(c: Connection, user_id: int, issuer: str, subject: str, now: datetime) -> None:
    c.execute(
        "INSERT INTO identities (user_id, issuer, subject, created_at, last_used_at) "
        "VALUES (:user, :issuer, :subject, :now, :now)",
        {"user": user_id, "issuer": issuer, "subject": subject, "now": now},
    )


def used(c: Connection, identity_id: int, now: datetime) -> None:
    c.execute(
        "UPDATE identities SET last_used_at = :now WHERE id = :id", {"now": now, "id": identity_id}
    )
