"""Removing every row of one owner, and what the files still keep of them.

For the user who leaves: every table (the change history, the trash, form and
feed tokens included) loses the owner's rows in one transaction. On SQLite,
``secure_delete`` overwrites the deleted rows; the full-text indexes are
rebuilt (old segments would keep words), the file is vacuumed, and the copies
kept before schema upgrades lose the owner's rows the same way.

For a user who closes their account on a site of many (:func:`wipe_user`): the
same, then every row naming them outside the records (logins, API tokens,
one-time links, sign-ins elsewhere, coach grants on either side, secrets) and
the user's own row, in the caller's one transaction. A table that names the
user and isn't listed here makes the last delete fail on its foreign key, so
the transaction ends and nothing is deleted.
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
#: The rows naming a user outside the owner's records, as (table, column): removed after
#: the records, before the user's own row (children before parents).
ACCOUNT_ROWS = (
    ("api_tokens", "owner_id"),
    ("user_secrets", "owner_id"),
    ("sessions", "user_id"),
    ("invitations", "user_id"),
    ("identities", "user_id"),
    ("coach_grants", "seeker_id"),
    ("coach_grants", "coach_id"),
)


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


def wipe_user(c: Connection, user: int) -> dict[str, int]:
    """Delete every row of ``user`` in every table, then the user; how many went, per table.

    Within the caller's transaction, which must be ``user``'s own (row-level security
    lets it see only their records) so that the records go first.
    """
    gone = wipe(c, user)
    for table, column in ACCOUNT_ROWS:
        n = c.execute(f"DELETE FROM {table} WHERE {column} = :user", {"user": user})
        if n:
            gone[table] = gone.get(table, 0) + n
    gone["users"] = c.execute("DELETE FROM users WHERE id = :user", {"user": user})
    return gone


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
