"""Search by name and words: companies, people and applications by their text fields.

Journal entries and people's notes go through the full-text indexes of
migration 0002 (:mod:`nextround.storage.journal`); names, roles and short
fields have no such index and are matched word by word with ``LIKE``, case
and accents folded alike on both databases (``nr_fold``,
:mod:`nextround.storage.folding`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nextround.storage.folding import fold, order
from nextround.storage.sql import Connection

LIMIT = 25


def words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:8]


def company_ids(c: Connection, owner: int, query: str) -> list[int]:
    columns = ("name", "website", "notes")
    return _ids(c, "companies", owner, columns, words(query), order("name", c.dialect))


def people_ids(c: Connection, owner: int, query: str) -> list[int]:
    columns = ("name", "title", "email", "organisation")
    return _ids(c, "people", owner, columns, words(query), order("name", c.dialect))


def application_ids(c: Connection, owner: int, query: str) -> list[int]:
    columns = ("role", "notes", "requisition_id", "location", "description")
    return _ids(c, "applications", owner, columns, words(query), "id DESC")


def _ids(
    c: Connection,
    table: str,
    owner: int,
    columns: Sequence[str],
    found_words: list[str],
    order: str,
) -> list[int]:
    """Rows where every word appears in one of ``columns`` (case and accents folded)."""
    if not found_words:
        return []
    clauses: list[str] = []
    params: dict[str, object] = {"owner": owner, "limit": LIMIT}
    for i, word in enumerate(found_words):
        params[f"w{i}"] = _pattern(word)
        either = " OR ".join(f"nr_fold({col}) LIKE :w{i} ESCAPE '\\'" for col in columns)
        clauses.append(f"({either})")
    sql = (
        f"SELECT id FROM {table} WHERE owner_id = :owner AND {' AND '.join(clauses)} "
        f"ORDER BY {order} LIMIT :limit"
    )
    return [int(i) for i in c.scalars(sql, params)]


def _pattern(word: str) -> str:
    escaped = fold(word).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
