"""Removing every row of one owner, and what the files still keep of them.

For the user who leaves: every table (the change history, the trash, form and
feed tokens included) loses the owner's rows in one transaction. On SQLite,
``secure_delete`` overwrites the deleted rows; the full-text indexes are
rebuilt (old segments would keep words), the file is vacuumed, and the copies
kept before schema upgrades lose the owner's rows the same way.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from nextround.storage.database import connect_sqlite
from nextround.storage.records import TABLES
from nextround.storage.sql import Connection

#: The owner's tables, children before parents: the order rows are removed in.
_ORDER = ("change_rows", "changes", *reversed(TABLES))
_SEARCH = ("journal_fts", "people_fts")


def wipe(c: Connection, owner: int) -> dict[str, int]:
    """Delete every row of ``owner``; return how many went, per table."""
    gone: dict[str, int] = {}
    for table in _ORDER:
        if table == "change_rows":
            where = "change_id IN (SELECT id FROM changes WHERE owner_id = :owner)"
        else:
            where = "owner_id = :owner"
        gone[table] = c.execute(f"DELETE FROM {table} WHERE {where}", {"owner": owner})
    if c.is_sqlite:
        for fts in _SEARCH:
            c.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    return {t: n for t, n in gone.items() if n}


def compact(path: Path) -> None:
    """Rewrite the SQLite file so that no free page keeps what was deleted."""
    connection = connect_sqlite(path)
    try:
        connection.execute("VACUUM")
    finally:
        connection.close()


def wipe_backups(path: Path, owner: int) -> int:
    """Delete the owner's rows from every copy kept before an upgrade; return how many copies.

    The copies are at older schemas: each table found there that has an
    ``owner_id`` loses the owner's rows, and the copy is vacuumed.
    """
    from nextround.storage.sqlite_files import backups

    done = 0
    for copy in backups(path):
        connection = sqlite3.connect(copy, isolation_level=None)
        try:
            _wipe_copy(connection, owner)
        finally:
            connection.close()
        done += 1
    return done


def _wipe_copy(connection: sqlite3.Connection, owner: int) -> None:
    tables = {
        str(r[0]) for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("BEGIN")
    if {"change_rows", "changes"} <= tables:
        connection.execute(
            "DELETE FROM change_rows WHERE change_id IN "
            "(SELECT id FROM changes WHERE owner_id = ?)",
            (owner,),
        )
    for table in (*_ORDER, *sorted(tables)):
        if table not in tables or table == "change_rows" or table.endswith("_fts"):
            continue
        owned = {str(r[1]) for r in connection.execute(f"PRAGMA table_info({table})")}
        if "owner_id" in owned:
            connection.execute(f"DELETE FROM {table} WHERE owner_id = ?", (owner,))
    for fts in _SEARCH:
        if fts in tables:
            with contextlib.suppress(sqlite3.Error):
                connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    connection.execute("COMMIT")
    connection.execute("VACUUM")
