"""The web app's and the mailbox's tables, and revisions on the edited rows.

- ``revision`` on companies, people and applications: an edit names the
  revision it started from, so a stale edit is refused, not silently
  overwritten (tasks have had one since 0003).
- ``form_submissions``: one-time form tokens, so a double submit creates once.
- ``feed_tokens``: the hashes of secret calendar-feed links.
- ``mail_folders``: UIDVALIDITY and the last UID read per IMAP folder.
- ``mail_suggestions``: job mail and replies waiting for the user's review.

Revision ID: 0004_web_and_mail
Revises: 0003_task_revisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_web_and_mail"
down_revision = "0003_task_revisions"
branch_labels = None
depends_on = None

_EDITED = ("companies", "people", "applications")


def _now() -> sa.Column[object]:
    return sa.Column(
        "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
    )


def _owner() -> sa.Column[int]:
    return sa.Column("owner_id", sa.Integer(), nullable=False)


def _owner_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["owner_id"], ["users.id"], name=op.f(f"fk_{table}_owner_id_users")
    )


def upgrade() -> None:
    for table in _EDITED:
        # A plain ADD COLUMN: a batch copy would drop tables others refer to.
        op.add_column(
            table, sa.Column("revision", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
    op.create_table(
        "form_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        _owner(),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("location", sa.String(length=2000), nullable=False),
        _now(),
        _owner_fk("form_submissions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_submissions")),
        sa.UniqueConstraint("owner_id", "token", name=op.f("uq_form_submissions_owner_id_token")),
    )
    op.create_table(
        "feed_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        _owner(),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _now(),
        _owner_fk("feed_tokens"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_feed_tokens_token_hash")),
    )
    op.create_table(
        "mail_folders",
        sa.Column("id", sa.Integer(), nullable=False),
        _owner(),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("scanned_at", sa.DateTime(), nullable=False),
        _owner_fk("mail_folders"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_folders")),
        sa.UniqueConstraint("owner_id", "source", name=op.f("uq_mail_folders_owner_id_source")),
    )
    _create_mail_suggestions()


def _create_mail_suggestions() -> None:
    op.create_table(
        "mail_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        _owner(),
        sa.Column("message_id", sa.String(length=1000), nullable=False),
        sa.Column("source", sa.String(length=2000), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("sender", sa.String(length=320), nullable=False),
        sa.Column("sender_name", sa.String(length=300), server_default="", nullable=False),
        sa.Column("subject", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("excerpt", sa.Text(), server_default="", nullable=False),
        sa.Column("label", sa.String(length=30), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), server_default="", nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        _now(),
        _owner_fk("mail_suggestions"),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_mail_suggestions_company_id_companies"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_mail_suggestions_application_id_applications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_mail_suggestions_person_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_suggestions")),
        sa.UniqueConstraint(
            "owner_id", "message_id", name=op.f("uq_mail_suggestions_owner_id_message_id")
        ),
    )
    op.create_index("ix_mail_suggestions_owner_status", "mail_suggestions", ["owner_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_mail_suggestions_owner_status", table_name="mail_suggestions")
    for table in ("mail_suggestions", "mail_folders", "feed_tokens", "form_submissions"):
        op.drop_table(table)
    for table in reversed(_EDITED):
        # Plain DROP COLUMN (SQLite 3.35+): a batch copy would drop and recreate
        # tables that others refer to, and the cascades would delete their rows.
        op.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN revision"))
