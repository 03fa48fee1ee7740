"""The one way rows change: :func:`insert`, :func:`update` and :func:`delete`.

Every write of every storage module goes through here, so that three things
hold everywhere without each module remembering them:

- **Owner**: a row is read and written only by its owner (``owner_id``).
- **Revisions**: an update adds one to the row's ``revision`` and moves its
  ``updated_at``; an update can be made conditional on what the row holds
  (its revision, its status), checked on the row locked for the update, so
  of two clients changing one row at once, one wins and the other is told.
- **Undo**: while a change is being recorded (:mod:`nextround.storage.changes`),
  each write leaves the row as it was before, so the change can be reversed.

Ids of deleted rows are never handed out again (see :func:`insert`), so a row
restored from the trash always gets its own id back.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nextround.errors import Conflict
from nextround.storage.sql import Connection, Row, in_list


@dataclass(frozen=True)
class Table:
    """What the generic writes need to know of a table."""

    name: str
    key: tuple[str, ...] = ("id",)
    #: Has ``revision`` (one more on every update) and ``updated_at``.
    revised: bool = False
    #: Has ``updated_at`` without ``revision``.
    stamped: bool = False
    #: Its changes are recorded for undo and the trash.
    undoable: bool = True

    @property
    def generated_id(self) -> bool:
        return self.key == ("id",)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("companies", revised=True),
        Table("company_socials"),
        Table("people", revised=True),
        Table("relationships", key=("person_id",)),
        Table("applications", revised=True),
        Table("application_events"),
        Table("interviews", revised=True),
        Table("interview_people", key=("interview_id", "person_id")),
        Table("journal_entries", revised=True),
        Table("record_revisions"),
        Table("tasks", revised=True),
        Table("mail_suggestions"),
        Table("form_submissions", undoable=False),
        Table("feed_tokens", undoable=False),
        Table("mail_folders", undoable=False),
        Table("watches"),
        Table("watch_postings"),
        Table("watch_news"),
        Table("digests", undoable=False),
        Table("user_settings", key=("section", "key"), stamped=True, undoable=False),
    )
}

#: What a condition on a column accepts: one value, or any of several.
Expected = Mapping[str, object]


def insert(c: Connection, table: str, owner: int, values: Mapping[str, object]) -> int:
    """Add a row; return its id (or 0 for tables keyed otherwise)."""
    spec = TABLES[table]
    row: dict[str, object] = {"owner_id": owner, **values}
    if spec.generated_id and c.is_sqlite and "id" not in row:
        row["id"] = _next_id(c, table)
    columns = ", ".join(row)
    placeholders = ", ".join(f":{k}" for k in row)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    if spec.generated_id:
        new_id = int(c.scalar(sql + " RETURNING id", row))
        key: dict[str, object] = {"id": new_id}
    else:
        c.execute(sql, row)
        new_id, key = 0, {k: row[k] for k in spec.key}
    if spec.undoable and c.recorder is not None:
        c.recorder.inserted(table, key)
    return new_id


def _next_id(c: Connection, table: str) -> int:
    """The next id on SQLite: above every id the table holds or ever held.

    SQLite reuses the highest id after it is deleted; a row waiting in the
    trash must find its id free when it is restored, so the highest id ever
    given is kept in ``id_sequence`` (PostgreSQL's sequences do this already).
    """
    current = c.scalar(
        "SELECT MAX(n) FROM (SELECT MAX(id) AS n FROM " + table + " UNION ALL "
        "SELECT last_id AS n FROM id_sequence WHERE table_name = :t) AS ids",
        {"t": table},
    )
    new_id = int(current or 0) + 1
    if (
        c.execute(
            "UPDATE id_sequence SET last_id = :n WHERE table_name = :t", {"n": new_id, "t": table}
        )
        == 0
    ):
        c.execute(
            "INSERT INTO id_sequence (table_name, last_id) VALUES (:t, :n)",
            {"t": table, "n": new_id},
        )
    return new_id


def _keep_ids(c: Connection, table: str, highest: int) -> None:
    """Remember ``highest`` as given before its row goes (SQLite would hand it out again).

    Rows written before ``id_sequence`` existed (an upgraded database) have no entry yet.
    """
    params = {"t": table, "n": highest}
    if not c.execute(
        "UPDATE id_sequence SET last_id = MAX(last_id, :n) WHERE table_name = :t", params
    ):
        c.execute("INSERT INTO id_sequence (table_name, last_id) VALUES (:t, :n)", params)


def update(
    c: Connection,
    table: str,
    owner: int,
    key: int | Mapping[str, object],
    changes: Mapping[str, object],
    *,
    expect: Expected | None = None,
    stale: str | None = None,
) -> Row | None:
    """Change one row; return it as it was before, or None if there is no such row.

    ``expect`` maps columns to the value (or any of the values) the row must
    hold; otherwise nothing changes and :class:`Conflict` is raised with
    ``stale`` as its message.
    """
    where, params = _key(table, owner, key)
    before: Row | None = _locked(c, table, where, params)
    if before is None:
        return None
    if expect and not _matches(before, expect):
        raise Conflict(stale or _STALE)
    _write(c, table, [before], changes)
    return before


_STALE = (
    "This was changed elsewhere while you were working on it; "
    "reload to see the latest version, then make your change again."
)


def update_where(
    c: Connection,
    table: str,
    owner: int,
    where: str,
    params: Mapping[str, object],
    changes: Mapping[str, object],
) -> int:
    """Change every row of ``owner`` matching ``where``; return how many changed."""
    found = _locked(
        c, table, f"owner_id = :owner AND ({where})", {**params, "owner": owner}, many=True
    )
    _write(c, table, found, changes)
    return len(found)


def delete(c: Connection, table: str, owner: int, key: int | Mapping[str, object]) -> Row | None:
    """Remove one row; return it as it was, or None if there is no such row."""
    where, params = _key(table, owner, key)
    found: Row | None = _locked(c, table, where, params)
    if found is not None:
        _remove(c, table, [found])
    return found


def delete_where(
    c: Connection, table: str, owner: int, where: str, params: Mapping[str, object]
) -> int:
    """Remove every row of ``owner`` matching ``where``; return how many."""
    found = _locked(
        c, table, f"owner_id = :owner AND ({where})", {**params, "owner": owner}, many=True
    )
    _remove(c, table, found)
    return len(found)


def _key(table: str, owner: int, key: int | Mapping[str, object]) -> tuple[str, dict[str, object]]:
    values = {"id": key} if isinstance(key, int) else dict(key)
    where = " AND ".join(f"{k} = :k_{k}" for k in values)
    return f"owner_id = :owner AND {where}", {
        "owner": owner,
        **{f"k_{k}": v for k, v in values.items()},
    }


def _locked(
    c: Connection, table: str, where: str, params: Mapping[str, object], *, many: bool = False
) -> Any:
    """The rows about to change, locked until the transaction ends (SQLite's writer holds them all)."""
    lock = "" if c.is_sqlite else " FOR UPDATE"
    rows = c.rows(f"SELECT * FROM {table} WHERE {where}{lock}", params)
    if many:
        return rows
    return rows[0] if rows else None


def _matches(row: Row, expect: Expected) -> bool:
    for column, wanted in expect.items():
        value = row[column]
        if isinstance(wanted, frozenset | set | tuple | list):
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return True


#: Rows changed by one statement at most (SQLite caps a statement's parameters).
_CHUNK = 500


def _write(c: Connection, table: str, rows: Sequence[Row], changes: Mapping[str, object]) -> None:
    for start in range(0, len(rows), _CHUNK):
        _write_chunk(c, table, rows[start : start + _CHUNK], changes)


def _write_chunk(
    c: Connection, table: str, rows: Sequence[Row], changes: Mapping[str, object]
) -> None:
    if not rows:
        return
    spec = TABLES[table]
    sets = [f"{k} = :v_{k}" for k in changes]
    if spec.revised:
        sets += ["revision = revision + 1", "updated_at = CURRENT_TIMESTAMP"]
    elif spec.stamped:
        sets.append("updated_at = CURRENT_TIMESTAMP")
    if not sets:
        return
    values = {f"v_{k}": v for k, v in changes.items()}
    keys, key_params = _keys_of(spec, rows)
    c.execute(f"UPDATE {table} SET {', '.join(sets)} WHERE {keys}", {**values, **key_params})
    if spec.undoable and c.recorder is not None:
        for row in rows:
            c.recorder.updated(table, row)


def _remove(c: Connection, table: str, rows: Sequence[Row]) -> None:
    for start in range(0, len(rows), _CHUNK):
        _remove_chunk(c, table, rows[start : start + _CHUNK])


def _remove_chunk(c: Connection, table: str, rows: Sequence[Row]) -> None:
    if not rows:
        return
    spec = TABLES[table]
    keys, params = _keys_of(spec, rows)
    if spec.generated_id and c.is_sqlite:
        _keep_ids(c, table, max(int(r["id"]) for r in rows))
    c.execute(f"DELETE FROM {table} WHERE {keys}", params)
    if spec.undoable and c.recorder is not None:
        for row in rows:
            c.recorder.deleted(table, row)


def _keys_of(spec: Table, rows: Sequence[Row]) -> tuple[str, dict[str, object]]:
    """A WHERE clause picking exactly ``rows`` by their keys."""
    if len(spec.key) == 1:
        column = spec.key[0]
        listed, params = in_list("key", [r[column] for r in rows])
        return f"{column} IN {listed}", params
    clauses, params = [], {}
    for i, row in enumerate(rows):
        clauses.append("(" + " AND ".join(f"{k} = :key{i}_{k}" for k in spec.key) + ")")
        params.update({f"key{i}_{k}": row[k] for k in spec.key})
    return " OR ".join(clauses), params


def exists(c: Connection, table: str, owner: int, key: int) -> bool:
    return (
        c.row(
            f"SELECT 1 FROM {table} WHERE owner_id = :owner AND id = :id",
            {"owner": owner, "id": key},
        )
        is not None
    )


def count(
    c: Connection,
    table: str,
    owner: int,
    where: str = "1 = 1",
    params: Mapping[str, object] | None = None,
) -> int:
    return int(
        c.scalar(
            f"SELECT COUNT(*) FROM {table} WHERE owner_id = :owner AND ({where})",
            {**(params or {}), "owner": owner},
        )
    )


def values_in(
    column: str, values: Collection[object], prefix: str = "v"
) -> tuple[str, dict[str, object]]:
    """``column IN (...)`` with its parameters."""
    listed, params = in_list(prefix, values)
    return f"{column} IN {listed}", params
