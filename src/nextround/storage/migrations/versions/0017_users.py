"""Many users on one site: each user's email, whether they are an admin or disabled,
when they last logged in, and the one-time links that let them set a password.

- ``users.email``: the address a user logs in with, stored in lower case so
  that it is unique and compared without regard to case; empty for the local
  user of a single-user install.
- ``users.is_admin``: manages users (``/admin/users``, ``nextround user``),
  never sees their data.
- ``users.disabled_at``: set when the user is disabled; they can't log in, and
  their sessions and API tokens were deleted at that moment.
- ``users.last_login_at``: the latest successful login.
- ``invitations``: a one-time link to set a password (``nextround user add``):
  only the SHA-256 of its token, when it expires and when it was used.

Revision ID: 0017_users
Revises: 0015_folded_search
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_users"
down_revision = "0015_folded_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN on both databases: a batch copy of ``users`` on
    # SQLite would have to drop the table every other one refers to.
    op.add_column("users", sa.Column("email", sa.String(length=320), nullable=True))
    op.add_column(
        "users", sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column("users", sa.Column("disabled_at", sa.DateTime(), nullable=True))
    op.add_column("users", sa.Column("last_login_at", sa.DateTime(), nullable=True))
    op.create_index("ix_users_email", "users", ["email"], unique=True)
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_invitations_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
    )
    op.create_index("ix_invitations_user_id", "invitations", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_invitations_user_id", table_name="invitations")
    op.drop_table("invitations")
    op.drop_index("ix_users_email", table_name="users")
    for column in ("last_login_at", "disabled_at", "is_admin", "email"):
        op.execute(sa.text(f"ALTER TABLE users DROP COLUMN {column}"))
