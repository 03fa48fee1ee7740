"""People brought in from elsewhere: LinkedIn, address books, other trackers.

- ``people.company_id`` may be empty: an imported contact exists without a
  company record (thousands of connections must not flood Companies); one is
  made only when the user links the person to an application or asks for it.
- ``people.organisation``: the company's name as the source gave it, kept for
  "people you know" and for making the company later.
- ``people.source``: where the person came from (``manual``, ``interview``,
  ``linkedin``, ``google``, ``vcard``, ``csv``); existing people are ``manual``.
- ``people.phone``: phone numbers as the source gave them (several joined by ``; ``).
- An index on ``(owner_id, source)`` for ``person list --source``.

When the source dates the connection (LinkedIn's ``Connected On``), the day goes
to ``relationships.connected_on``, the column the playbook already reads.

On SQLite, dropping ``NOT NULL`` is done the way SQLite documents for removing a
constraint (the table's stored definition is edited, no row is rewritten): the
usual copy-and-rename would delete every person first while foreign keys are on,
and with them, by cascade, their relationships, interview links and tasks.

Revision ID: 0010_imported_people
Revises: 0009_watch_news
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_imported_people"
down_revision = "0009_watch_news"
branch_labels = None
depends_on = None

_REQUIRED = "company_id INTEGER NOT NULL,"
_OPTIONAL = "company_id INTEGER,"


def _sqlite_company_column(before: str, after: str) -> None:
    """Edit the stored definition of ``people`` (SQLite's documented way for NOT NULL)."""
    bind = op.get_bind()
    found = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'people'")
    ).scalar()
    if not isinstance(found, str) or found.count(before) != 1:
        raise RuntimeError(f"people.company_id is not defined as expected: {before!r}")
    version = int(bind.exec_driver_sql("PRAGMA schema_version").scalar() or 0)
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.execute(
        sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'people'"),
        {"sql": found.replace(before, after)},
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_company_column(_REQUIRED, _OPTIONAL)
    else:
        op.alter_column("people", "company_id", existing_type=sa.Integer(), nullable=True)
    op.add_column("people", sa.Column("organisation", sa.String(length=200), nullable=True))
    op.add_column(
        "people", sa.Column("source", sa.String(length=20), server_default="manual", nullable=False)
    )
    op.add_column("people", sa.Column("phone", sa.String(length=200), nullable=True))
    op.create_index("ix_people_owner_source", "people", ["owner_id", "source"], unique=False)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM people WHERE company_id IS NULL")).scalar():
        raise RuntimeError(
            "people without a company can't go back to the older schema: "
            "link them to a company or delete them first"
        )
    op.drop_index("ix_people_owner_source", table_name="people")
    for column in ("phone", "source", "organisation"):
        op.execute(sa.text(f"ALTER TABLE people DROP COLUMN {column}"))
    if bind.dialect.name == "sqlite":
        _sqlite_company_column(_OPTIONAL, _REQUIRED)
    else:
        op.alter_column("people", "company_id", existing_type=sa.Integer(), nullable=False)
