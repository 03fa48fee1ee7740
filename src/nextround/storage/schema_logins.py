"""The users and login tables (migrations 0001, 0014, 0017 and 0024) and each user's settings (0018),
on :data:`nextround.storage.schema.metadata`."""

from __future__ import annotations

import sqlalchemy as sa

from nextround.storage.schema import _owner, metadata

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.Column("password_hash", sa.String(500)),  # migration 0014; empty: no password
    # migration 0017: many users on one site (lower-case email, unique)
    sa.Column("email", sa.String(320), index=True, unique=True),
    sa.Column("is_admin", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("disabled_at", sa.DateTime),
    sa.Column("last_login_at", sa.DateTime),
    # migration 0024: raised by a trigger whenever the user's user_settings rows change
    sa.Column("settings_stamp", sa.Integer, nullable=False, server_default="0"),
)

#: A logged-in browser: ``id`` is the SHA-256 of the cookie's token.
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.Column("last_seen", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
)

#: A script's named token for the API; only its SHA-256 is kept.
api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.Column("last_used", sa.DateTime),
    sa.UniqueConstraint("owner_id", "name"),
)

#: A one-time link to set a password (migration 0017); only its SHA-256 is kept.
invitations = sa.Table(
    "invitations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    sa.Column("used_at", sa.DateTime),
    # migration 0021: invite, reset or signup (see nextround.storage.schema_accounts)
    sa.Column("purpose", sa.String(16), nullable=False, server_default="invite"),
)

#: A hosted user's own settings (migration 0018): one row per setting, its value as JSON.
user_settings = sa.Table(
    "user_settings",
    metadata,
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("section", sa.String(40), primary_key=True),
    sa.Column("key", sa.String(80), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column(
        "updated_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
)

#: Tries counted against a limit (wrong passwords, requests for an emailed link), kept in
#: the database so that every process of a site counts the same ones (migration 0023): a
#: SHA-256 of what was tried (an account, a client address), never the address itself.
attempts = sa.Table(
    "attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Index("ix_attempts_kind_key_hash_at", "kind", "key_hash", "at"),
    sa.Index("ix_attempts_at", "at"),
)
