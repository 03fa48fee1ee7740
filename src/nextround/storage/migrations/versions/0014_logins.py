"""Logins: the user's password, their sessions, and API tokens for scripts.

- ``users.password_hash``: an argon2 hash (``nextround setup --password``);
  empty for a user who has none. While the local user has none, nextround is
  used without a password, and only on this computer.
- ``sessions``: one row per logged-in browser; ``id`` is the SHA-256 of the
  cookie's random token (the token itself is never stored), with when it
  started, when it was last seen (idle expiry) and when it ends (absolute).
- ``api_tokens``: named tokens for scripts (``nextround token add``); only
  the SHA-256 of each is stored, with when it was made and last used.

Revision ID: 0014_logins
Revises: 0013_board_positions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_logins"
down_revision = "0013_board_positions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("password_hash", sa.String(length=500), nullable=True))
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column("last_used", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_api_tokens_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("owner_id", "name", name=op.f("uq_api_tokens_owner_id_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
    op.drop_index("ix_sessions_user_id", table_name="sessions")
    op.drop_table("sessions")
    op.execute(sa.text("ALTER TABLE users DROP COLUMN password_hash"))
