"""One core for every face: undo and the trash, history, revisions, more detail.

- ``changes`` and ``change_rows``: every change the user makes, with the rows
  as they were before it, so it can be undone; deletions wait in the trash.
- ``id_sequence``: the highest id ever given per table on SQLite, so a row
  restored from the trash finds its id free.
- ``application_events``: each status an application moved to, with the day;
  filled from the applied and rejection dates already known.
- ``record_revisions``: earlier versions of edited interviews, journal
  entries and drafts.
- Applications gain location, work mode, salary range, job description,
  source and referrer. Interviews gain a status (a rejection calls off those
  still to come) and a revision; journal entries a revision.
- Drafts are no longer stored unless the user edited them: they are written
  from the current data whenever they are shown.
- One-time form tokens lead to a record (``application:5``), not to a page.

Revision ID: 0005_one_core
Revises: 0004_web_and_mail
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005_one_core"
down_revision = "0004_web_and_mail"
branch_labels = None
depends_on = None

_APPLICATION_COLUMNS = (
    sa.Column("location", sa.String(length=200), nullable=True),
    sa.Column("work_mode", sa.String(length=20), nullable=True),
    sa.Column("salary_min", sa.Integer(), nullable=True),
    sa.Column("salary_max", sa.Integer(), nullable=True),
    sa.Column("salary_currency", sa.String(length=3), nullable=True),
    sa.Column("salary_period", sa.String(length=10), nullable=True),
    sa.Column("description", sa.Text(), server_default="", nullable=False),
    sa.Column("source", sa.String(length=20), nullable=True),
    sa.Column("referrer_id", sa.Integer(), nullable=True),
)


def _stamp(name: str) -> sa.Column[object]:
    return sa.Column(
        name, sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
    )


def _owner(table: str) -> list[Any]:
    return [
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f(f"fk_{table}_owner_id_users")
        ),
    ]


def upgrade() -> None:
    _history_tables()
    for column in _APPLICATION_COLUMNS:
        op.add_column("applications", column)
    op.add_column(
        "interviews",
        sa.Column("status", sa.String(length=20), server_default="planned", nullable=False),
    )
    op.add_column(
        "interviews",
        sa.Column("revision", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    # SQLite adds no column with a non-constant default: set on the first edit.
    op.add_column("interviews", sa.Column("updated_at", sa.DateTime(), nullable=True))
    op.add_column(
        "journal_entries",
        sa.Column("revision", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    _backfill_events()
    op.execute(
        "UPDATE tasks SET draft = NULL, draft_subject = NULL WHERE draft_edited = "
        + ("false" if op.get_bind().dialect.name == "postgresql" else "0")
    )
    _form_locations()


def _history_tables() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owner("changes"),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        _stamp("made_at"),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("restores_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
    )
    op.create_index("ix_changes_owner_id", "changes", ["owner_id", "id"])
    op.create_table(
        "change_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("image", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["change_id"],
            ["changes.id"],
            name=op.f("fk_change_rows_change_id_changes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_rows")),
    )
    op.create_index("ix_change_rows_change_id", "change_rows", ["change_id", "seq"])
    op.create_table(
        "id_sequence",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", name=op.f("pk_id_sequence")),
    )
    op.create_table(
        "application_events",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owner("application_events"),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        _stamp("created_at"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_events_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_events")),
    )
    op.create_index(
        "ix_application_events_application_id", "application_events", ["application_id"]
    )
    op.create_table(
        "record_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owner("record_revisions"),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        _stamp("saved_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_revisions")),
    )
    op.create_index("ix_record_revisions_record", "record_revisions", ["kind", "record_id"])


def _backfill_events() -> None:
    """The statuses known so far: applied on its date, rejected on its date, the rest today."""
    op.execute(
        "INSERT INTO application_events (owner_id, application_id, on_date, from_status, to_status) "
        "SELECT owner_id, id, applied_on, NULL, 'applied' FROM applications "
        "WHERE applied_on IS NOT NULL"
    )
    op.execute(
        "INSERT INTO application_events (owner_id, application_id, on_date, from_status, to_status) "
        "SELECT owner_id, id, rejected_on, NULL, 'rejected' FROM applications "
        "WHERE status = 'rejected' AND rejected_on IS NOT NULL"
    )
    op.execute(
        "INSERT INTO application_events (owner_id, application_id, on_date, from_status, to_status) "
        "SELECT owner_id, id, CURRENT_DATE, NULL, status FROM applications "
        "WHERE status NOT IN ('saved', 'applied', 'rejected')"
    )


#: Pages a spent form token led to, and the record each one names.
_LOCATIONS = (
    (re.compile(r"^/applications/\d+#interview-(\d+)$"), "interview"),
    (re.compile(r"^/applications/\d+#entry-(\d+)$"), "journal_entry"),
    (re.compile(r"^/applications/(\d+)$"), "application"),
    (re.compile(r"^/people/(\d+)$"), "person"),
    (re.compile(r"^/companies/(\d+)$"), "company"),
)


def _form_locations() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, location FROM form_submissions")).all()
    for row_id, location in rows:
        for pattern, kind in _LOCATIONS:
            if match := pattern.match(str(location)):
                bind.execute(
                    sa.text("UPDATE form_submissions SET location = :new WHERE id = :id"),
                    {"new": f"{kind}:{match[1]}", "id": row_id},
                )
                break


def downgrade() -> None:
    for table in (
        "record_revisions",
        "application_events",
        "id_sequence",
        "change_rows",
        "changes",
    ):
        op.drop_table(table)
    for added in _APPLICATION_COLUMNS:
        op.execute(sa.text(f"ALTER TABLE applications DROP COLUMN {added.name}"))
    for name in ("status", "revision", "updated_at"):
        op.execute(sa.text(f"ALTER TABLE interviews DROP COLUMN {name}"))
    op.execute(sa.text("ALTER TABLE journal_entries DROP COLUMN revision"))
