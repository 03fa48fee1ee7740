"""The digest's memory, and whether a posting is remote.

- ``digests``: each digest made (``nextround digest``): when, its period, whether
  it was emailed, and the highest watch posting, news item and step id it
  covered, so the next digest tells only what came after.
- ``watch_postings.remote``: whether the board marks the posting remote (none
  where it doesn't say); saved interests with ``remote = "yes"`` match on it.

Revision ID: 0012_digests
Revises: 0011_draft_languages
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_digests"
down_revision = "0011_draft_languages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("watch_postings", sa.Column("remote", sa.Boolean(), nullable=True))
    op.create_table(
        "digests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("posting_mark", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("news_mark", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("task_mark", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("period", sa.String(length=10), server_default="", nullable=False),
        sa.Column("emailed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_digests_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digests")),
    )
    op.create_index("ix_digests_owner_made_at", "digests", ["owner_id", "made_at"])


def downgrade() -> None:
    op.drop_index("ix_digests_owner_made_at", table_name="digests")
    op.drop_table("digests")
    op.execute(sa.text("ALTER TABLE watch_postings DROP COLUMN remote"))
