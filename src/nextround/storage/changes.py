"""Changes: recorded as they are written, so they can be undone or restored.

While a change is recorded (:func:`recording`), every insert, update and
delete of :mod:`nextround.storage.records` leaves a note here: the key of an
inserted row, or the whole row as it was before an update or a delete. When
the transaction commits, the notes are stored with the change in one go.

Undoing a change applies its notes in reverse: inserted rows are removed,
updated rows get their earlier values back, deleted rows return with their own
ids. Changes are undone newest first, so each undo finds the rows as its
change left them. A deletion (a change of kind ``trash``) can also be restored
out of turn: its deleted rows come back, and the caller re-plans whatever
depends on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from nextround.domain.history import Change, ChangeKind
from nextround.errors import Conflict
from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.records import TABLES
from nextround.storage.sql import Connection, Row, as_datetime

#: Parent rows a row needs (column -> table): checked before a row is restored.
PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "company_socials": (("company_id", "companies"),),
    "people": (("company_id", "companies"),),
    "relationships": (("person_id", "people"),),
    "applications": (("company_id", "companies"),),
    "application_events": (("application_id", "applications"),),
    "interviews": (("application_id", "applications"),),
    "interview_people": (("interview_id", "interviews"), ("person_id", "people")),
    "journal_entries": (("application_id", "applications"), ("interview_id", "interviews")),
    "tasks": (
        ("application_id", "applications"),
        ("company_id", "companies"),
        ("person_id", "people"),
    ),
}

#: The words for a table's rows in messages.
NOUNS = {
    "companies": "company",
    "people": "person",
    "applications": "application",
    "interviews": "interview",
    "journal_entries": "journal entry",
    "tasks": "step",
}


@dataclass
class _Note:
    table: str
    op: str
    key: dict[str, object]
    image: dict[str, object] | None = None


@dataclass
class Recorder:
    """The notes of one change, kept in memory until the transaction commits."""

    owner: int
    label: str
    kind: ChangeKind = ChangeKind.CHANGE
    note: str = ""
    restores_id: int | None = None
    notes: list[_Note] = field(default_factory=list)
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def inserted(self, table: str, key: Mapping[str, object]) -> None:
        self._add(_Note(table, "insert", dict(key)))

    def updated(self, table: str, row: Row) -> None:
        image = _image(row)
        ident = (table, _key_text(table, image))
        if ident in self._seen:  # the earliest image is the one an undo needs
            return
        self._add(_Note(table, "update", key_of(table, image), image))

    def deleted(self, table: str, row: Row) -> None:
        image = _image(row)
        self._add(_Note(table, "delete", key_of(table, image), image))

    def _add(self, note: _Note) -> None:
        self.notes.append(note)
        self._seen.add((note.table, _key_text(note.table, note.key)))

    def mark(self) -> int:
        return len(self.notes)

    def rewind(self, mark: int) -> None:
        """Forget what a rolled-back savepoint wrote."""
        del self.notes[mark:]
        self._seen = {(n.table, _key_text(n.table, n.key)) for n in self.notes}


def _image(row: Row) -> dict[str, object]:
    return {k: _plain(row[k]) for k in row.keys()}  # noqa: SIM118 (a row iterates its values)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def key_of(table: str, image: Mapping[str, object]) -> dict[str, object]:
    return {k: image[k] for k in TABLES[table].key}


def _key_text(table: str, key: Mapping[str, object]) -> str:
    return json.dumps([key[k] for k in TABLES[table].key])


@contextmanager
def recording(
    c: Connection,
    owner: int,
    label: str,
    *,
    kind: ChangeKind = ChangeKind.CHANGE,
    note: str = "",
) -> Iterator[Recorder]:
    """Record the writes of the block as one change (a change inside another joins it)."""
    if c.recorder is not None:
        if kind is ChangeKind.TRASH:
            c.recorder.kind = kind
        yield c.recorder
        return
    recorder = Recorder(owner, label, kind, note)
    c.recorder = recorder
    try:
        yield recorder
    finally:
        c.recorder = None
    save(c, recorder)


def save(c: Connection, recorder: Recorder) -> int | None:
    """Store the change and its notes; nothing when the change wrote nothing."""
    if not recorder.notes:
        return None
    change_id = int(
        c.scalar(
            "INSERT INTO changes (owner_id, label, kind, note, restores_id) "
            "VALUES (:owner, :label, :kind, :note, :restores) RETURNING id",
            {
                "owner": recorder.owner,
                "label": recorder.label[:500],
                "kind": recorder.kind.value,
                "note": recorder.note,
                "restores": recorder.restores_id,
            },
        )
    )
    c.execute_many(
        "INSERT INTO change_rows (change_id, seq, table_name, op, row_key, image) "
        "VALUES (:change, :seq, :table, :op, :key, :image)",
        (
            {
                "change": change_id,
                "seq": seq,
                "table": n.table,
                "op": n.op,
                "key": json.dumps(n.key),
                "image": None if n.image is None else json.dumps(n.image, default=str),
            }
            for seq, n in enumerate(recorder.notes)
        ),
    )
    return change_id


_COLUMNS = "id, label, kind, made_at, undone_at, note, restores_id"


def _change(row: Row) -> Change:
    made = as_datetime(row["made_at"])
    assert made is not None
    return Change(
        id=int(row["id"]),
        label=str(row["label"]),
        kind=ChangeKind(row["kind"]),
        made_at=made,
        undone_at=as_datetime(row["undone_at"]),
        note=str(row["note"] or ""),
        restores_id=row["restores_id"],
    )


def get(c: Connection, owner: int, change_id: int) -> Change | None:
    row = c.row(
        f"SELECT {_COLUMNS} FROM changes WHERE owner_id = :owner AND id = :id",
        {"owner": owner, "id": change_id},
    )
    return None if row is None else _change(row)


def latest(c: Connection, owner: int) -> Change | None:
    """The newest change not undone yet: what ``undo`` takes back next."""
    row = c.row(
        f"SELECT {_COLUMNS} FROM changes WHERE owner_id = :owner AND undone_at IS NULL "
        "ORDER BY id DESC LIMIT 1",
        {"owner": owner},
    )
    return None if row is None else _change(row)


def recent(c: Connection, owner: int, limit: int = 50) -> list[Change]:
    rows = c.rows(
        f"SELECT {_COLUMNS} FROM changes WHERE owner_id = :owner ORDER BY id DESC LIMIT :limit",
        {"owner": owner, "limit": limit},
    )
    return [_change(r) for r in rows]


#: The order of the trash: newest first.
TRASH_ORDER = Order(Column("id", "id", int, descending=True))


def in_trash(c: Connection, owner: int, window: Window = EVERYTHING) -> list[Change]:
    """Deletions not undone or restored, newest first (a limited ``window`` reads one more)."""
    after, tail, more = TRASH_ORDER.clause(window, c.dialect)
    rows = c.rows(
        f"SELECT {_COLUMNS} FROM changes WHERE owner_id = :owner AND kind = 'trash' "
        f"AND undone_at IS NULL AND {after} {tail}",
        {**more, "owner": owner},
    )
    return [_change(r) for r in rows]


def deleted_rows(c: Connection, change_id: int) -> list[tuple[str, dict[str, object]]]:
    """(table, row as it was) of every row a change deleted, in the order deleted."""
    rows = c.rows(
        "SELECT table_name, image FROM change_rows WHERE change_id = :id AND op = 'delete' "
        "ORDER BY seq",
        {"id": change_id},
    )
    return [(str(r[0]), json.loads(r[1])) for r in rows]


def undo(c: Connection, owner: int, change: Change) -> None:
    """Reverse every write of ``change``, newest first; mark it undone."""
    notes = c.rows(
        "SELECT table_name, op, row_key, image FROM change_rows WHERE change_id = :id "
        "ORDER BY seq DESC",
        {"id": change.id},
    )
    for table, op, key_text, image_text in notes:
        key = json.loads(key_text)
        image = None if image_text is None else json.loads(image_text)
        if op == "insert":
            _raw_delete(c, table, owner, key)
        elif op == "update" and image is not None:
            _raw_restore_values(c, table, owner, key, image)
        elif image is not None:
            _raw_insert(c, table, image, restoring=True)
    mark_undone(c, owner, change.id)
    if change.kind is ChangeKind.RESTORE and change.restores_id is not None:
        # The records go back to the trash they came from.
        c.execute(
            "UPDATE changes SET undone_at = NULL WHERE owner_id = :owner AND id = :id",
            {"owner": owner, "id": change.restores_id},
        )


def restore(c: Connection, owner: int, change: Change) -> list[tuple[str, dict[str, object]]]:
    """Bring back what a deletion removed, out of turn; return the rows restored.

    The deleted rows come back, and the rows the deletion changed (a referral,
    a reply, a step it cancelled) get their earlier values back unless a later
    change touched them; the caller re-plans what depends on them.
    """
    found = deleted_rows(c, change.id)
    restoring = {(t, _key_text(t, key_of(t, image))) for t, image in found}
    for table, image in reversed(found):
        _check_parents(c, table, image, restoring)
        _raw_insert(c, table, image, restoring=True)
        if c.recorder is not None:  # so that undoing the restore puts them back in the trash
            c.recorder.inserted(table, key_of(table, image))
    _put_back_updates(c, owner, change)
    mark_undone(c, owner, change.id)
    return found


def _put_back_updates(c: Connection, owner: int, change: Change) -> None:
    """The rows ``change`` updated, as they were before it, where nothing changed them since."""
    notes = c.rows(
        "SELECT table_name, row_key, image FROM change_rows WHERE change_id = :id "
        "AND op = 'update' ORDER BY seq DESC",
        {"id": change.id},
    )
    for table, key_text, image_text in notes:
        later = c.row(
            "SELECT 1 FROM change_rows r JOIN changes ch ON ch.id = r.change_id "
            "WHERE ch.owner_id = :owner AND ch.id > :id AND ch.undone_at IS NULL "
            "AND r.table_name = :table AND r.row_key = :key",
            {"owner": owner, "id": change.id, "table": table, "key": key_text},
        )
        key = json.loads(key_text)
        where, params = _where_key(key)
        now = c.row(
            f"SELECT * FROM {table} WHERE owner_id = :owner AND {where}", {**params, "owner": owner}
        )
        if later is not None or now is None or image_text is None:
            continue
        if c.recorder is not None:  # undoing the restore changes them back
            c.recorder.updated(table, now)
        _raw_restore_values(c, table, owner, key, json.loads(image_text))


def mark_undone(c: Connection, owner: int, change_id: int) -> None:
    c.execute(
        "UPDATE changes SET undone_at = CURRENT_TIMESTAMP WHERE owner_id = :owner AND id = :id",
        {"owner": owner, "id": change_id},
    )


def _check_parents(
    c: Connection, table: str, image: Mapping[str, object], restoring: set[tuple[str, str]]
) -> None:
    for column, parent in PARENTS.get(table, ()):
        parent_id = image.get(column)
        if parent_id is None or (parent, json.dumps([parent_id])) in restoring:
            continue
        if c.row(f"SELECT 1 FROM {parent} WHERE id = :id", {"id": parent_id}) is None:
            raise MissingParent(parent, int(str(parent_id)))


class MissingParent(Conflict):
    """A restored row needs a row that is gone (a person whose company was deleted since)."""

    def __init__(self, table: str, row_id: int) -> None:
        noun = NOUNS.get(table, table)
        super().__init__(f"it belongs to {noun} {row_id}, which has been deleted since")
        self.table = table
        self.row_id = row_id


def _where_key(key: Mapping[str, object]) -> tuple[str, dict[str, object]]:
    return " AND ".join(f"{k} = :k_{k}" for k in key), {f"k_{k}": v for k, v in key.items()}


def _raw_delete(c: Connection, table: str, owner: int, key: Mapping[str, object]) -> None:
    where, params = _where_key(key)
    c.execute(
        f"DELETE FROM {table} WHERE owner_id = :owner AND {where}", {**params, "owner": owner}
    )


def _raw_restore_values(
    c: Connection, table: str, owner: int, key: Mapping[str, object], image: Mapping[str, object]
) -> None:
    spec = TABLES[table]
    skip = {*spec.key, "owner_id", "revision", "updated_at"}
    columns = [k for k in image if k not in skip]
    sets = [f"{k} = :v_{k}" for k in columns]
    if spec.revised:
        # Onward, never back: an edit form opened before the undo is still stale after it.
        sets += ["revision = revision + 1", "updated_at = CURRENT_TIMESTAMP"]
    if not sets:
        return
    where, params = _where_key(key)
    c.execute(
        f"UPDATE {table} SET {', '.join(sets)} WHERE owner_id = :owner AND {where}",
        {**params, **{f"v_{k}": image[k] for k in columns}, "owner": owner},
    )


def _raw_insert(c: Connection, table: str, image: Mapping[str, object], *, restoring: bool) -> None:
    values = dict(image)
    spec = TABLES[table]
    if restoring and spec.revised:
        values["revision"] = int(str(values.get("revision") or 0)) + 1
    where, params = _where_key({k: values[k] for k in spec.key})
    if c.row(f"SELECT 1 FROM {table} WHERE {where}", params) is not None:
        noun = NOUNS.get(table, table.rstrip("s"))
        raise Conflict(f"a {noun} with the same id exists again; it can't be brought back")
    columns = ", ".join(values)
    placeholders = ", ".join(f":{k}" for k in values)
    c.execute(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)
