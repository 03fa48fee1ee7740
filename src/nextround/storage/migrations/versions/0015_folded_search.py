"""Search and names fold case and accents on PostgreSQL as on SQLite.

- ``nr_fold(text)`` on PostgreSQL: a plain SQL function (``translate`` and
  ``replace``, no extension) lower-casing letters and dropping their accents,
  built from :data:`nextround.storage.folding.TABLE`; SQLite gets the same
  function from Python on each connection. Changing that table needs a new
  migration that recreates the function.
- The full-text indexes of journal entries and people's notes index the
  folded text, so ``cafe`` finds "Café" (SQLite's FTS5 tables fold already).

Revision ID: 0015_folded_search
Revises: 0014_logins
"""

from __future__ import annotations

from alembic import op

from nextround.storage.folding import postgres_function

revision = "0015_folded_search"
down_revision = "0014_logins"
branch_labels = None
depends_on = None

_INDEXED = (("journal_entries", "body"), ("people", "notes"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(postgres_function())
    for table, column in _INDEXED:
        op.execute(f"DROP INDEX ix_{table}_{column}_fts")
        op.execute(
            f"CREATE INDEX ix_{table}_{column}_fts ON {table} "
            f"USING GIN (to_tsvector('english', nr_fold({column})))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _INDEXED:
        op.execute(f"DROP INDEX ix_{table}_{column}_fts")
        op.execute(
            f"CREATE INDEX ix_{table}_{column}_fts ON {table} "
            f"USING GIN (to_tsvector('english', {column}))"
        )
    op.execute("DROP FUNCTION nr_fold(text)")
