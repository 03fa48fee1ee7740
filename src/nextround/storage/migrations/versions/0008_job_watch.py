"""Watched companies and the postings seen on their job boards.

- ``watches``: one per company followed: its board (kind, token, API URL),
  an optional news feed, the last answer's ``ETag`` / ``Last-Modified``, when
  it was last read, since when it answers "not found", the last error.
- ``watch_postings``: each posting seen on a watched board, with the day it
  was first and last seen, the day it closed (no longer listed) and the day it
  came back after a long absence; its title normalised and its requisition id;
  ``baseline`` when it was listed on the watch's first read (already there
  when the watching began, so not taken for a reopening).

Revision ID: 0008_job_watch
Revises: 0007_interview_kinds
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_job_watch"
down_revision = "0007_interview_kinds"
branch_labels = None
depends_on = None


def _created() -> sa.Column[object]:
    return sa.Column(
        "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
    )


def _text(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), server_default="", nullable=False)


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        _text("board_kind", 20),
        _text("board_name", 200),
        _text("board_url", 2000),
        _text("feed_url", 2000),
        _text("etag", 500),
        _text("last_modified", 100),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("last_ok_on", sa.Date(), nullable=True),
        sa.Column("gone_since", sa.Date(), nullable=True),
        sa.Column("last_error", sa.Text(), server_default="", nullable=False),
        _created(),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_watches_owner_id_users")),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_watches_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watches")),
        sa.UniqueConstraint("owner_id", "company_id", name=op.f("uq_watches_owner_id_company_id")),
    )
    op.create_table(
        "watch_postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("norm_title", sa.String(length=500), nullable=False),
        _text("requisition_id", 200),
        _text("url", 2000),
        _text("location", 500),
        sa.Column("first_seen", sa.Date(), nullable=False),
        sa.Column("last_seen", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("baseline", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_watch_postings_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["watch_id"],
            ["watches.id"],
            name=op.f("fk_watch_postings_watch_id_watches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_postings")),
        sa.UniqueConstraint(
            "watch_id", "external_id", name=op.f("uq_watch_postings_watch_id_external_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("watch_postings")
    op.drop_table("watches")
