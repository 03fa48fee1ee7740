"""The language drafts are written in, and how each person is addressed.

- ``applications.language``: the language the process ran in, and its drafts
  are written in (``en``, ``de``, ``fr``, ``es``); empty means the default
  language of drafts (``[drafts] language`` in config.toml).
- ``people.language``: the person's own, when it differs from the application's.
- ``people.address_as``: how drafts address them ("Frau Dr. Weber", "Madame
  Dubois"); empty means their first name. Set by the user, never guessed.
- ``people.formal``: Sie/du, vous/tu, usted/tú; empty means the language's
  convention (formal in German, French and Spanish).

Revision ID: 0011_draft_languages
Revises: 0010_imported_people
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_draft_languages"
down_revision = "0010_imported_people"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("applications", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("people", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("people", sa.Column("address_as", sa.String(length=200), nullable=True))
    op.add_column("people", sa.Column("formal", sa.Boolean(), nullable=True))


def downgrade() -> None:
    for column in ("formal", "address_as", "language"):
        op.execute(sa.text(f"ALTER TABLE people DROP COLUMN {column}"))
    op.execute(sa.text("ALTER TABLE applications DROP COLUMN language"))
