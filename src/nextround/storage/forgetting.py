"""Forgetting: changes past keeping, and deleted records gone for good.

A change stays undoable, and a deletion stays in the trash, for
:data:`~nextround.domain.history.TRASH_DAYS`. After that (or when the user
empties the trash) the change log lets go of them, and what the deleted
records said goes everywhere it could linger: earlier versions kept by the
change log, other changes' labels, the search index's old segments, and the
copies kept before schema upgrades.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from nextround.domain.history import TRASH_DAYS, UNDO_KEPT
from nextround.storage.changes import key_of
from nextround.storage.records import TABLES
from nextround.storage.sql import Connection, in_list


def expire(
    c: Connection, owner: int, now: datetime
) -> tuple[list[int], list[tuple[str, dict[str, object]]]]:
    """Forget changes past keeping; return their ids and the rows that left the trash for good.

    Deletions leave the trash after :data:`TRASH_DAYS`; other changes stay
    undoable for as long, and the latest :data:`UNDO_KEPT` whatever their age.
    """
    cutoff = now - timedelta(days=TRASH_DAYS)
    old = c.scalars(
        "SELECT id FROM changes WHERE owner_id = :owner AND made_at < :cutoff "
        "AND (kind = 'trash' OR id < COALESCE((SELECT MIN(id) FROM (SELECT id FROM changes "
        "WHERE owner_id = :owner ORDER BY id DESC LIMIT :kept) AS newest), 0))",
        {"owner": owner, "cutoff": cutoff, "kept": UNDO_KEPT},
    )
    ids = [int(i) for i in old]
    return ids, forget(c, owner, ids)


def forget(
    c: Connection, owner: int, change_ids: Sequence[int]
) -> list[tuple[str, dict[str, object]]]:
    """Drop changes for good; return the rows their deletions had kept."""
    if not change_ids:
        return []
    listed, params = in_list("c", change_ids)
    gone = c.rows(
        f"SELECT r.table_name, r.image FROM change_rows r JOIN changes ch ON ch.id = r.change_id "
        f"WHERE ch.owner_id = :owner AND ch.id IN {listed} AND ch.kind = 'trash' "
        "AND ch.undone_at IS NULL AND r.op = 'delete'",
        {**params, "owner": owner},
    )
    c.execute(f"DELETE FROM change_rows WHERE change_id IN {listed}", params)
    c.execute(
        f"DELETE FROM changes WHERE owner_id = :owner AND id IN {listed}",
        {**params, "owner": owner},
    )
    found = [(str(t), json.loads(i)) for t, i in gone]
    # Earlier changes kept these rows as they were before an edit: those go too.
    c.execute_many(
        "DELETE FROM change_rows WHERE table_name = :table AND row_key = :key "
        "AND change_id IN (SELECT id FROM changes WHERE owner_id = :owner)",
        ({"table": t, "key": json.dumps(key_of(t, image)), "owner": owner} for t, image in found),
    )
    if c.is_sqlite:  # the search index keeps deleted words in old segments until merged
        for fts in ("journal_fts", "people_fts"):
            c.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
    # Other changes' labels may name them ("Added Dana Smith"): the names go too.
    c.execute_many(
        "UPDATE changes SET label = REPLACE(label, :name, :gone) WHERE owner_id = :owner",
        ({"name": name, "gone": GONE, "owner": owner} for name in names_in(found)),
    )
    return found


#: What a label says instead of a name deleted for good.
GONE = "(deleted)"


def names_in(rows: Sequence[tuple[str, Mapping[str, object]]]) -> list[str]:
    """The names and roles that deleted rows carried, longest first (so no part is left)."""
    found = {
        str(image[column])
        for _table, image in rows
        for column in ("name", "role")
        if isinstance(image.get(column), str) and len(str(image[column])) >= 2
    }
    return sorted(found, key=len, reverse=True)


def scrub_backups(
    path: Path, change_ids: Sequence[int], rows: Sequence[tuple[str, Mapping[str, object]]]
) -> int:
    """Remove rows that left the trash from the copies kept before upgrades; return how many files.

    A deleted record must not live on in a backup the user doesn't know about.
    Each backup is a SQLite file at an older schema; rows are found by table
    and key, and the change log they were kept in goes too.
    """
    from nextround.storage.sqlite_files import backups

    scrubbed = 0
    for backup in backups(path):
        connection = sqlite3.connect(backup, isolation_level=None)
        try:
            tables = {
                r[0]
                for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            connection.execute("BEGIN")
            for table, image in rows:
                if table not in tables:
                    continue
                key = {k: image[k] for k in TABLES[table].key}
                where = " AND ".join(f"{k} = ?" for k in key)
                connection.execute(f"DELETE FROM {table} WHERE {where}", tuple(key.values()))
            if "change_rows" in tables:
                connection.executemany(
                    "DELETE FROM change_rows WHERE table_name = ? AND row_key = ?",
                    [(t, json.dumps(key_of(t, image))) for t, image in rows],
                )
            if "changes" in tables and change_ids:
                marks = ", ".join("?" for _ in change_ids)
                connection.execute(
                    f"DELETE FROM change_rows WHERE change_id IN ({marks})", tuple(change_ids)
                )
                connection.execute(f"DELETE FROM changes WHERE id IN ({marks})", tuple(change_ids))
            if "changes" in tables:
                connection.executemany(
                    "UPDATE changes SET label = REPLACE(label, ?, ?)",
                    [(name, GONE) for name in names_in(rows)],
                )
            for fts in ("journal_fts", "people_fts"):
                if fts in tables:  # old index segments would still hold the words
                    connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            connection.execute("COMMIT")
            connection.execute("VACUUM")  # deleted pages must not keep the text either
            scrubbed += 1
        except sqlite3.Error:
            connection.close()
            raise
        connection.close()
    return scrubbed
