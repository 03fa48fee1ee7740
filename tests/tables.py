"""Looking at a database from the outside: its tables, columns and rows, on SQLite and PostgreSQL.

Plain SQL through nextround's own :class:`~nextround.storage.database.Database`
(no ORM), so a test can compare everything stored before and after a use case.
"""

from __future__ import annotations

import json
from typing import Any

from nextround.storage.database import Database, sqlite_path
from nextround.storage.migrate import upgrade
from nextround.storage.sql import Connection

#: Bookkeeping that moves on by design when a change is made or undone.
BOOKKEEPING = frozenset({"changes", "change_rows", "id_sequence", "alembic_version"})
#: Columns that move onward on every write, undo included (stale edit forms stay stale).
MOVING = frozenset({"revision", "updated_at"})

Fingerprint = dict[str, list[str]]


def table_names(c: Connection) -> list[str]:
    """The application's tables (the full-text index's own tables left out)."""
    if c.is_sqlite:
        names = c.scalars(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        names = c.scalars(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    return sorted(str(n) for n in names if "_fts" not in str(n))


def columns(c: Connection, table: str) -> list[str]:
    if c.is_sqlite:
        return [str(r[1]) for r in c.rows(f"PRAGMA table_info({table})")]
    return [
        str(n)
        for n in c.scalars(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position",
            {"t": table},
        )
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def rows_of(c: Connection, table: str, *, leave_out: frozenset[str] = MOVING) -> list[str]:
    """Every row of ``table`` as text, sorted, without the ``leave_out`` columns."""
    kept = [name for name in columns(c, table) if name not in leave_out]
    rows = c.rows(f"SELECT {', '.join(kept)} FROM {table}")
    return sorted(
        json.dumps(dict(zip(kept, (_plain(v) for v in r), strict=True)), sort_keys=True)
        for r in rows
    )


def fingerprint(db: Database, *, skip: frozenset[str] = BOOKKEEPING) -> Fingerprint:
    """Every row of every table (bookkeeping and moving columns left out)."""
    with db.read() as c:
        return {t: rows_of(c, t) for t in table_names(c) if t not in skip}


def revision_of(db: Database) -> str:
    with db.read() as c:
        return str(c.scalar("SELECT version_num FROM alembic_version"))


def at_revision(url: str, revision: str) -> Database:
    """A new database at an older schema ``revision`` (nothing upgrades it further)."""
    upgrade(url, sqlite_path(url), url, revision)
    return Database(url)


def downgrade(url: str, revision: str) -> None:
    """Take the schema at ``url`` back to ``revision`` (Alembic's own downgrade steps)."""
    from alembic import command

    from nextround.storage.migrate import alembic_config, engine_for

    engine = engine_for(url, sqlite_path(url))
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()
