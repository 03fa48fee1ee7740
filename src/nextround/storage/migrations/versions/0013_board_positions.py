"""Where each card sits in its board column.

- ``applications.position``: the card's place in its status column, set when
  the user reorders the board by hand; empty (the default, and after a move to
  another column) puts the card at the top, newest first.

Revision ID: 0013_board_positions
Revises: 0012_digests
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_board_positions"
down_revision = "0012_digests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("applications", sa.Column("position", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.execute(sa.text("ALTER TABLE applications DROP COLUMN position"))
