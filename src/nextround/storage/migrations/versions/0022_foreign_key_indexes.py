"""Indexes on the foreign-key columns that had none, so that deleting a company
or a whole account checks the rows naming it by index instead of reading every
table whole (see :mod:`nextround.storage.schema_indexes`).

Revision ID: 0022_foreign_key_indexes
Revises: 0021_accounts
"""

from __future__ import annotations

from alembic import op

revision = "0022_foreign_key_indexes"
down_revision = "0021_accounts"
branch_labels = None
depends_on = None

# The list as it was when this ran (the module's may grow with later migrations).
INDEXES = (
    ("application_events", "owner_id"),
    ("company_socials", "owner_id"),
    ("feed_tokens", "owner_id"),
    ("interview_people", "owner_id"),
    ("interviews", "owner_id"),
    ("journal_entries", "interview_id"),
    ("journal_entries", "owner_id"),
    ("mail_suggestions", "application_id"),
    ("mail_suggestions", "company_id"),
    ("mail_suggestions", "person_id"),
    ("record_revisions", "owner_id"),
    ("relationships", "owner_id"),
    ("tasks", "company_id"),
    ("watch_news", "owner_id", "id"),
    ("watch_postings", "owner_id", "id"),
    ("watches", "company_id"),
)


def upgrade() -> None:
    for table, *columns in INDEXES:
        op.create_index(f"ix_{table}_{'_'.join(columns)}", table, columns)


def downgrade() -> None:
    for table, *columns in reversed(INDEXES):
        op.drop_index(f"ix_{table}_{'_'.join(columns)}", table_name=table)
