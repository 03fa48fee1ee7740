"""A revision counter on tasks: calendar exports publish it as ``SEQUENCE``.

Every update of a task adds one, so a calendar client that already holds the
event knows that the re-imported or re-fetched copy is newer. Existing tasks
start at 0.

Revision ID: 0003_task_revisions
Revises: 0002_full_text_search
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_task_revisions"
down_revision = "0002_full_text_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("revision", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_column("revision")
