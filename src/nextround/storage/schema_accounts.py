"""Accounts on a hosted site beyond the login itself (migration 0021), on
:data:`nextround.storage.schema.metadata`:

- ``invitations.purpose`` (on :mod:`~nextround.storage.schema_logins`' table):
  what a one-time link is for: ``invite`` (set a first password), ``reset``
  (a forgotten password), ``signup`` (confirm an open sign-up's address).
- ``identities``: a user's sign-in at the organisation's OpenID Connect
  provider, by the provider's (issuer, subject), never by email alone.
- ``coach_grants``: a job seeker's consent that a coach (another user) sees
  their pipeline and progress; deleting the row revokes it.
- ``user_secrets``: the secrets a user gives the site (mailbox and mail-server
  passwords), encrypted with the site key; only the ciphertext is kept.
"""

from __future__ import annotations

import sqlalchemy as sa

from nextround.storage.schema import metadata


def _user(name: str) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _created() -> sa.Column[object]:
    return sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    )


identities = sa.Table(
    "identities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _user("user_id"),
    sa.Column("issuer", sa.String(500), nullable=False),
    sa.Column("subject", sa.String(255), nullable=False),
    _created(),
    sa.Column("last_used_at", sa.DateTime),
    sa.UniqueConstraint("issuer", "subject"),
)

coach_grants = sa.Table(
    "coach_grants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _user("seeker_id"),
    _user("coach_id"),
    _created(),
    sa.UniqueConstraint("seeker_id", "coach_id"),
)

user_secrets = sa.Table(
    "user_secrets",
    metadata,
    sa.Column(
        "owner_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("ciphertext", sa.Text, nullable=False),
    sa.Column(
        "updated_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
)
