"""What drafts are written from: a person's part, topics per interviewer, a chosen wording.

- ``people.part``: the part a person played in the process (recruiter, hiring
  manager, interviewer, peer, executive); empty means "from the job title".
- ``interview_people.topics``: what the user talked about with that
  interviewer in that interview, one short topic a line.
- ``tasks.draft_variant``: which of the wordings a step's draft uses; moved on
  by "another wording" (``nextround task redraft``).

Revision ID: 0006_draft_facts
Revises: 0005_one_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_draft_facts"
down_revision = "0005_one_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("people", sa.Column("part", sa.String(length=20), nullable=True))
    op.add_column(
        "interview_people", sa.Column("topics", sa.Text(), server_default="", nullable=False)
    )
    op.add_column(
        "tasks",
        sa.Column("draft_variant", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )


def downgrade() -> None:
    op.execute(sa.text("ALTER TABLE tasks DROP COLUMN draft_variant"))
    op.execute(sa.text("ALTER TABLE interview_people DROP COLUMN topics"))
    op.execute(sa.text("ALTER TABLE people DROP COLUMN part"))
