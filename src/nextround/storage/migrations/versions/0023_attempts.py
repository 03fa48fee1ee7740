"""Wrong passwords and requests for an emailed link counted in the database, so that
every process of a site (several web workers) counts the same tries
(see :data:`nextround.storage.schema_logins.attempts`). Not an owner's rows: found
by a hash of the account or client address before anyone is logged in.

Revision ID: 0023_attempts
Revises: 0022_foreign_key_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023_attempts"
down_revision = "0022_foreign_key_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_attempts_kind_key_hash_at", "attempts", ["kind", "key_hash", "at"])
    op.create_index("ix_attempts_at", "attempts", ["at"])


def downgrade() -> None:
    op.drop_index("ix_attempts_at", table_name="attempts")
    op.drop_index("ix_attempts_kind_key_hash_at", table_name="attempts")
    op.drop_table("attempts")
