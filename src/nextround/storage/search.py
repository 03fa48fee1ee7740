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

from nextround.storage import companies, people
from nextround.storage.folding import fold, order
from nextround.storage.paging import Column, Order, Window
from nextround.storage.sql import Connection

LIMIT = 25


def words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:8]


#: What each kind of record is searched in: its table, the table's name in its list's
#: order, the columns.
FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "companies": ("companies", "companies", ("name", "website", "notes")),
    "people": ("people", "p", ("name", "title", "email", "organisation")),
    "applications": (
        "applications",
        "a",
        ("role", "notes", "requisition_id", "location", "description"),
    ),
}
#: The order of each kind's whole list of matches (the id last); see :func:`window_ids`.
ORDERS = {
    "companies": companies.ORDER,
    "people": people.ORDER,
    "applications": Order(Column("a.id", "id", int, descending=True)),
}


def company_ids(c: Connection, owner: int, query: str) -> list[int]:
    columns = ("name", "website", "notes")
    return _ids(c, "companies", owner, columns, words(query), order("name", c.dialect))


def people_ids(c: Connection, owner: int, query: str) -> list[int]:
    columns = ("name", "title", "email", "organisation")
    return _ids(c, "people", owner, columns, words(query), order("name", c.dialect))


def application_ids(c: Connection, owner: int, query: str) -> list[int]:
    columns = ("role", "notes", "requisition_id", "location", "description")
    return _ids(c, "applications", owner, columns, words(query), "id DESC")


def window_ids(c: Connection, owner: int, kind: str, query: str, window: Window) -> list[int]:
    """Ids of the ``kind`` (a key of :data:`FIELDS`) matching every word of ``query``, the
    ``window`` of them in :data:`ORDERS`'s order (a limited window reads one row more)."""
    found_words = words(query)
    if not found_words:
        return []
    table, alias, columns = FIELDS[kind]
    where, params = _matching([f"{alias}.{col}" for col in columns], found_words)
    named = table if alias == table else f"{table} {alias}"
    select = f"SELECT {alias}.id FROM {named} WHERE {alias}.owner_id = :owner"
    rows = ORDERS[kind].rows(c, select, where, {**params, "owner": owner}, window)
    return [int(r[0]) for r in rows]


def _matching(columns: Sequence[str], found_words: list[str]) -> tuple[str, dict[str, object]]:
    """Every word in one of ``columns`` (case and accents folded): the condition, its values."""
    clauses: list[str] = []
    params: dict[str, object] = {}
    for i, word in enumerate(found_words):
        params[f"w{i}"] = _pattern(word)
        either = " OR ".join(f"nr_fold({col}) LIKE :w{i} ESCAPE '\\'" for col in columns)
        clauses.append(f"({either})")
    return " AND ".join(clauses), params


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
    where, params = _matching(columns, found_words)
    sql = (
        f"SELECT id FROM {table} WHERE owner_id = :owner AND {where} ORDER BY {order} LIMIT :limit"
    )
    return [int(i) for i in c.scalars(sql, {**params, "owner": owner, "limit": LIMIT})]


def _pattern(word: str) -> str:
    escaped = fold(word).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
