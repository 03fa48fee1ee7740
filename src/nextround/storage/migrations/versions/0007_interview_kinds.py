"""What kind of interview it was (a screen, technical, a panel, onsite, a take-home review).

``interviews.kind``: empty means "not said"; drafts then go by the format and
the number of interviewers.

Revision ID: 0007_interview_kinds
Revises: 0006_draft_facts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_interview_kinds"
down_revision = "0006_draft_facts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("interviews", sa.Column("kind", sa.String(length=20), nullable=True))


def downgrade() -> None:
    op.execute(sa.text("ALTER TABLE interviews DROP COLUMN kind"))
