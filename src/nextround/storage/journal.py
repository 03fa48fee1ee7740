"""Journal entries, and full-text search over them and over people's notes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from nextround.domain.journal import JournalEntry
from nextround.storage import records, revisions
from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.sql import Connection, in_list
from nextround.storage.values import must_date

_SEARCH_LIMIT = 50


def add(c: Connection, owner: int, values: Mapping[str, object]) -> int:
    return records.insert(c, "journal_entries", owner, values)


def update(
    c: Connection,
    owner: int,
    entry_id: int,
    changes: Mapping[str, object],
    *,
    expected_revision: int | None = None,
) -> bool:
    expect = None if expected_revision is None else {"revision": expected_revision}
    return records.update(c, "journal_entries", owner, entry_id, changes, expect=expect) is not None


def of_application(c: Connection, owner: int, application_id: int) -> list[JournalEntry]:
    return _load(c, owner, "application_id = :app", {"app": application_id})


def of_applications(
    c: Connection, owner: int, application_ids: Iterable[int]
) -> dict[int, list[JournalEntry]]:
    """Each application's journal, in one query: application id -> entries."""
    ids = list(application_ids)
    found: dict[int, list[JournalEntry]] = {i: [] for i in ids}
    if ids:
        listed, params = in_list("a", ids)
        for entry in _load(c, owner, f"application_id IN {listed}", params):
            found[entry.application_id].append(entry)
    return found


def count_of_application(c: Connection, owner: int, application_id: int) -> int:
    return records.count(
        c, "journal_entries", owner, "application_id = :app", {"app": application_id}
    )


#: The order of every list of entries: oldest first.
ORDER = Order(Column("written_on", "written_on", date), Column("id", "id", int))


def _load(
    c: Connection,
    owner: int,
    where: str,
    params: Mapping[str, object],
    window: Window = EVERYTHING,
) -> list[JournalEntry]:
    select = (
        "SELECT id, application_id, interview_id, written_on, body, revision FROM journal_entries "
        "WHERE owner_id = :owner"
    )
    rows = ORDER.rows(c, select, where, {**params, "owner": owner}, window)
    return [
        JournalEntry(
            id=r[0],
            application_id=r[1],
            interview_id=r[2],
            written_on=must_date(r[3]),
            body=r[4],
            revision=r[5],
        )
        for r in rows
    ]


def _words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:16]


def search(c: Connection, owner: int, query: str) -> list[JournalEntry]:
    """Entries matching every word of ``query`` (stemmed), best matches first."""
    words = _words(query)
    if not words:
        return []
    ids = _fts_ids(c, owner, "journal_fts", "journal_entries", "body", words)
    if not ids:
        return []
    listed, params = in_list("i", ids)
    found = {e.id: e for e in _load(c, owner, f"id IN {listed}", params)}
    return [found[i] for i in ids if i in found]


def search_people_notes(c: Connection, owner: int, query: str) -> list[int]:
    """Ids of people whose notes match every word of ``query``."""
    words = _words(query)
    return _fts_ids(c, owner, "people_fts", "people", "notes", words) if words else []


def _fts_ids(
    c: Connection, owner: int, fts: str, table: str, column: str, words: list[str]
) -> list[int]:
    # Table and column names are fixed by the callers; only the words are user input, bound.
    if c.is_sqlite:
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        sql = (
            f"SELECT t.id FROM {fts} JOIN {table} t ON t.id = {fts}.rowid "
            f"WHERE {fts} MATCH :match AND t.owner_id = :owner ORDER BY rank LIMIT :limit"
        )
    else:
        match = " ".join(words)
        # Folded as SQLite's FTS5 tables fold (migration 0015 indexes this expression).
        vector = f"to_tsvector('english', nr_fold({column}))"
        query = "plainto_tsquery('english', nr_fold(:match))"
        sql = (
            f"SELECT id FROM {table} WHERE owner_id = :owner AND {vector} @@ {query} "
            f"ORDER BY ts_rank({vector}, {query}) DESC LIMIT :limit"
        )
    return [
        int(i) for i in c.scalars(sql, {"match": match, "owner": owner, "limit": _SEARCH_LIMIT})
    ]


def get(c: Connection, owner: int, entry_id: int) -> JournalEntry | None:
    found = _load(c, owner, "id = :id", {"id": entry_id})
    return found[0] if found else None


def list_all(
    c: Connection, owner: int, application_id: int | None = None, window: Window = EVERYTHING
) -> list[JournalEntry]:
    """Oldest first; a limited ``window`` reads one row more (see :mod:`nextround.storage.paging`)."""
    if application_id is None:
        return _load(c, owner, "1 = 1", {}, window)
    return _load(c, owner, "application_id = :app", {"app": application_id}, window)


def delete(c: Connection, owner: int, entry_id: int) -> None:
    revisions.delete_of(c, owner, "journal_entry", "SELECT :entry", {"entry": entry_id})
    records.delete(c, "journal_entries", owner, entry_id)
