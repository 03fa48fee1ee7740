"""Journal entries, and full-text search over them and over people's notes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa

from nextround.domain.journal import JournalEntry
from nextround.storage.rows import insert_id
from nextround.storage.schema import journal_entries
from nextround.storage.values import must_date

_SEARCH_LIMIT = 50


def add(
    connection: sa.Connection,
    owner: int,
    *,
    application_id: int,
    written_on: date,
    body: str,
    interview_id: int | None = None,
) -> int:
    return insert_id(
        connection,
        journal_entries.insert().values(
            owner_id=owner,
            application_id=application_id,
            interview_id=interview_id,
            written_on=written_on,
            body=body,
        ),
    )


def of_application(
    connection: sa.Connection, owner: int, application_id: int
) -> list[JournalEntry]:
    return _load(connection, owner, journal_entries.c.application_id == application_id)


def of_applications(
    connection: sa.Connection, owner: int, application_ids: Iterable[int]
) -> dict[int, list[JournalEntry]]:
    """Each application's journal, in one query: application id -> entries."""
    ids = list(application_ids)
    found: dict[int, list[JournalEntry]] = {i: [] for i in ids}
    if ids:
        for entry in _load(connection, owner, journal_entries.c.application_id.in_(ids)):
            found[entry.application_id].append(entry)
    return found


def count_of_application(connection: sa.Connection, owner: int, application_id: int) -> int:
    query = sa.select(sa.func.count()).where(
        journal_entries.c.owner_id == owner, journal_entries.c.application_id == application_id
    )
    return int(connection.execute(query).scalar_one())


def _load(
    connection: sa.Connection,
    owner: int,
    where: sa.ColumnElement[bool],
    order: sa.ColumnElement[object] | None = None,
) -> list[JournalEntry]:
    query = (
        sa.select(journal_entries)
        .where(journal_entries.c.owner_id == owner, where)
        .order_by(
            order if order is not None else journal_entries.c.written_on, journal_entries.c.id
        )
    )
    return [
        JournalEntry(
            id=r["id"],
            application_id=r["application_id"],
            interview_id=r["interview_id"],
            written_on=must_date(r["written_on"]),
            body=r["body"],
        )
        for r in connection.execute(query).mappings()
    ]


def _words(query: str) -> list[str]:
    return re.findall(r"\w+", query)


def search(connection: sa.Connection, owner: int, query: str) -> list[JournalEntry]:
    """Entries matching every word of ``query`` (stemmed), best matches first."""
    words = _words(query)
    if not words:
        return []
    ids = _fts_ids(connection, owner, "journal_fts", "journal_entries", "body", words)
    if not ids:
        return []
    found = {e.id: e for e in _load(connection, owner, journal_entries.c.id.in_(ids))}
    return [found[i] for i in ids if i in found]


def search_people_notes(connection: sa.Connection, owner: int, query: str) -> list[int]:
    """Ids of people whose notes match every word of ``query``."""
    words = _words(query)
    return _fts_ids(connection, owner, "people_fts", "people", "notes", words) if words else []


def _fts_ids(
    connection: sa.Connection, owner: int, fts: str, table: str, column: str, words: list[str]
) -> list[int]:
    # Table and column names are fixed by the callers; only the words are user input, bound.
    if connection.dialect.name == "sqlite":
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        sql = (
            f"SELECT t.id FROM {fts} JOIN {table} t ON t.id = {fts}.rowid "
            f"WHERE {fts} MATCH :match AND t.owner_id = :owner ORDER BY rank LIMIT :limit"
        )
    else:
        match = " ".join(words)
        sql = (
            f"SELECT id FROM {table} WHERE owner_id = :owner AND "
            f"to_tsvector('english', {column}) @@ plainto_tsquery('english', :match) "
            f"ORDER BY ts_rank(to_tsvector('english', {column}), plainto_tsquery('english', :match)) DESC "
            "LIMIT :limit"
        )
    rows = connection.execute(
        sa.text(sql), {"match": match, "owner": owner, "limit": _SEARCH_LIMIT}
    )
    return [int(r[0]) for r in rows]


def get(connection: sa.Connection, owner: int, entry_id: int) -> JournalEntry | None:
    found = _load(connection, owner, journal_entries.c.id == entry_id)
    return found[0] if found else None


def list_all(
    connection: sa.Connection, owner: int, application_id: int | None = None
) -> list[JournalEntry]:
    where = (
        sa.true() if application_id is None else journal_entries.c.application_id == application_id
    )
    return _load(connection, owner, where)


def update(connection: sa.Connection, owner: int, entry_id: int, body: str) -> None:
    connection.execute(
        journal_entries.update()
        .where(journal_entries.c.owner_id == owner, journal_entries.c.id == entry_id)
        .values(body=body, updated_at=sa.func.current_timestamp())
    )


def delete(connection: sa.Connection, owner: int, entry_id: int) -> None:
    connection.execute(
        journal_entries.delete().where(
            journal_entries.c.owner_id == owner, journal_entries.c.id == entry_id
        )
    )
