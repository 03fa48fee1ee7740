"""News items of watched companies' feeds.

``watch_news``: each item of a watched company's RSS or Atom feed, once (by its
id, else its link): its title, link, the day the feed dates it (none when the
feed's date can't be read) and the day nextround first saw it. ``watches``
gains the feed's own ``ETag`` / ``Last-Modified``.

Revision ID: 0009_watch_news
Revises: 0008_job_watch
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_watch_news"
down_revision = "0008_job_watch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for column, length in (("feed_etag", 500), ("feed_last_modified", 100)):
        op.add_column(
            "watches",
            sa.Column(column, sa.String(length=length), server_default="", nullable=False),
        )
    op.add_column("watches", sa.Column("feed_error", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "watch_news",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=500), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("url", sa.String(length=2000), server_default="", nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("first_seen", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_watch_news_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["watch_id"],
            ["watches.id"],
            name=op.f("fk_watch_news_watch_id_watches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_news")),
        sa.UniqueConstraint("watch_id", "guid", name=op.f("uq_watch_news_watch_id_guid")),
    )


def downgrade() -> None:
    op.drop_table("watch_news")
    for column in ("feed_error", "feed_last_modified", "feed_etag"):
        op.execute(sa.text(f"ALTER TABLE watches DROP COLUMN {column}"))
