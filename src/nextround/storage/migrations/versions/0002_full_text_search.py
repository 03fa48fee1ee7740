"""Full-text search over journal entries and people's notes.

SQLite: FTS5 tables kept in step by triggers (porter stemming, accents folded).
PostgreSQL: GIN indexes on English ``tsvector`` expressions.

Revision ID: 0002_full_text_search
Revises: 0001_initial
"""

from __future__ import annotations

from alembic import op

revision = "0002_full_text_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_TOKENIZE = "porter unicode61 remove_diacritics 2"

# (fts table, source table, indexed column)
_SOURCES = (("journal_fts", "journal_entries", "body"), ("people_fts", "people", "notes"))


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for _fts, table, column in _SOURCES:
            op.execute(
                f"CREATE INDEX ix_{table}_{column}_fts ON {table} "
                f"USING GIN (to_tsvector('english', {column}))"
            )
        return
    for fts, table, column in _SOURCES:
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5("
            f"{column}, content='{table}', content_rowid='id', tokenize='{_TOKENIZE}')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for _fts, table, column in _SOURCES:
            op.execute(f"DROP INDEX ix_{table}_{column}_fts")
        return
    for fts, _table, _column in _SOURCES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER {fts}_{suffix}")
        op.execute(f"DROP TABLE {fts}")
