"""Search by name and words: companies, people and applications by their text fields.

Journal entries and people's notes go through the full-text indexes of
migration 0002 (:mod:`nextround.storage.journal`); names, roles and short
fields have no such index and are matched word by word with ``LIKE``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa

from nextround.storage.schema import applications, companies, people

LIMIT = 25


def words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:8]


def company_ids(connection: sa.Connection, owner: int, query: str) -> list[int]:
    columns = (companies.c.name, companies.c.website, companies.c.notes)
    return _ids(connection, companies, owner, columns, words(query), companies.c.name)


def people_ids(connection: sa.Connection, owner: int, query: str) -> list[int]:
    columns = (people.c.name, people.c.title, people.c.email)
    return _ids(connection, people, owner, columns, words(query), people.c.name)


def application_ids(connection: sa.Connection, owner: int, query: str) -> list[int]:
    columns = (applications.c.role, applications.c.notes, applications.c.requisition_id)
    return _ids(connection, applications, owner, columns, words(query), applications.c.id.desc())


def _ids(
    connection: sa.Connection,
    table: sa.Table,
    owner: int,
    columns: Sequence[sa.Column[str]],
    found_words: list[str],
    order: sa.ColumnElement[object],
) -> list[int]:
    """Rows where every word appears in one of ``columns`` (case folded)."""
    if not found_words:
        return []
    each = [
        sa.or_(*(sa.func.lower(c).like(_pattern(w), escape="\\") for c in columns))
        for w in found_words
    ]
    query = (
        sa.select(table.c.id).where(table.c.owner_id == owner, *each).order_by(order).limit(LIMIT)
    )
    return [int(i) for i in connection.execute(query).scalars()]


def _pattern(word: str) -> str:
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
