"""The watch's tables (migrations 0008, 0009 and 0012), on :data:`nextround.storage.schema.metadata`."""

from __future__ import annotations

import sqlalchemy as sa

from nextround.storage.schema import _owner, metadata


def _text(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), nullable=False, server_default="")


#: A company followed: its board, its feed, and how the last read went.
watches = sa.Table(
    "watches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column(
        "company_id", sa.Integer, sa.ForeignKey("companies.id", ondelete="CASCADE"), nullable=False
    ),
    _text("board_kind", 20),
    _text("board_name", 200),
    _text("board_url", 2000),
    _text("feed_url", 2000),
    _text("etag", 500),
    _text("last_modified", 100),
    sa.Column("checked_at", sa.DateTime),
    sa.Column("last_ok_on", sa.Date),
    sa.Column("gone_since", sa.Date),
    sa.Column("last_error", sa.Text, nullable=False, server_default=""),
    _text("feed_etag", 500),
    _text("feed_last_modified", 100),
    sa.Column("feed_error", sa.Text, nullable=False, server_default=""),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.UniqueConstraint("owner_id", "company_id"),
)

#: Each posting seen on a watched board, with a memory of when.
watch_postings = sa.Table(
    "watch_postings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column(
        "watch_id", sa.Integer, sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("external_id", sa.String(200), nullable=False),
    sa.Column("title", sa.String(500), nullable=False),
    sa.Column("norm_title", sa.String(500), nullable=False),
    _text("requisition_id", 200),
    _text("url", 2000),
    _text("location", 500),
    sa.Column("first_seen", sa.Date, nullable=False),
    sa.Column("last_seen", sa.Date, nullable=False),
    sa.Column("closed_on", sa.Date),
    sa.Column("returned_on", sa.Date),
    sa.Column("baseline", sa.Boolean, nullable=False, server_default=sa.false()),
    # Whether the board marks it remote; None where it doesn't say (migration 0012).
    sa.Column("remote", sa.Boolean),
    sa.UniqueConstraint("watch_id", "external_id"),
)

#: Each item of a watched company's news feed, once.
watch_news = sa.Table(
    "watch_news",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column(
        "watch_id", sa.Integer, sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("guid", sa.String(500), nullable=False),
    sa.Column("title", sa.String(500), nullable=False),
    _text("url", 2000),
    sa.Column("published_on", sa.Date),
    sa.Column("first_seen", sa.Date, nullable=False),
    sa.UniqueConstraint("watch_id", "guid"),
)

#: Each digest made: when, and the highest posting, news item and step it covered,
#: so the next one tells only what came after (migration 0012).
digests = sa.Table(
    "digests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("made_at", sa.DateTime, nullable=False),
    sa.Column("posting_mark", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("news_mark", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("task_mark", sa.Integer, nullable=False, server_default=sa.text("0")),
    _text("period", 10),
    sa.Column("emailed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_digests_owner_made_at", "owner_id", "made_at"),
)
