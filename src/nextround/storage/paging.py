"""Keyset paging: one page of a list after a given row, in the list's own order.

A list's :class:`Order` names its sort columns (the id last, as tie-breaker)
and the attribute of the loaded item each one comes from. A :class:`Window`
asks for ``limit`` rows after the row whose sort values are ``after``; the
query compares sort values (never ``OFFSET``), so a page costs the same
however deep it is and rows added or deleted meanwhile never shift it.

A nullable column sorts its NULLs first on both databases (a flag column is
sorted before it), so SQLite and PostgreSQL return the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from nextround.errors import InvalidInput

if TYPE_CHECKING:
    from nextround.storage.sql import Connection, Row

#: The sort values of one row, in the order's column order.
Key = tuple[object, ...]

#: What a page's key values may be (what a cursor can carry).
KINDS: tuple[type, ...] = (int, str, date, datetime, time)


@dataclass(frozen=True)
class Window:
    """Which part of a list: ``limit`` rows (all if None) after the row with key ``after``."""

    after: Key | None = None
    limit: int | None = None


#: The whole list.
EVERYTHING = Window()


@dataclass(frozen=True)
class Column:
    """One sort column: its SQL, the item's attribute holding its value, its type.

    ``binary``: compared byte by byte (``COLLATE "C"`` on PostgreSQL, as SQLite
    always does). ``derive``: the column is an expression of the attribute
    (``nr_fold(name)``), computed in Python by this function for the key.
    """

    sql: str
    attr: str
    kind: type
    descending: bool = False
    nullable: bool = False
    binary: bool = False
    derive: Callable[[object], object] | None = None

    def term(self, dialect: str) -> str:
        return f'{self.sql} COLLATE "C"' if self.binary and dialect != "sqlite" else self.sql

    def value(self, item: object) -> object:
        found = getattr(item, self.attr)
        return found if self.derive is None or found is None else self.derive(found)


class Order:
    """A list's order, as SQL and as the key of an item; the last column is unique (the id)."""

    def __init__(self, *columns: Column) -> None:
        self.columns = columns

    def by(self, dialect: str) -> str:
        """The ``ORDER BY`` clause."""
        parts = []
        for col in self.columns:
            if col.nullable:
                parts.append(f"CASE WHEN {col.sql} IS NULL THEN 0 ELSE 1 END")
            parts.append(col.term(dialect) + (" DESC" if col.descending else ""))
        return "ORDER BY " + ", ".join(parts)

    def key_of(self, item: object) -> Key:
        return tuple(col.value(item) for col in self.columns)

    def clause(self, window: Window, dialect: str) -> tuple[str, str, dict[str, object]]:
        """(condition, ``ORDER BY ... LIMIT ...``, parameters) for one window of the list.

        The limit is one more than asked: a full extra row says there is a next page.
        """
        after = window.after
        condition, params = ("1 = 1", {}) if after is None else self._after(after, dialect)
        tail = self.by(dialect)
        if window.limit is not None:
            tail += " LIMIT :page_limit"
            params["page_limit"] = window.limit + 1
        return condition, tail, params

    def rows(
        self,
        c: Connection,
        select: str,
        where: str,
        params: Mapping[str, object],
        window: Window,
    ) -> list[Row]:
        """The rows of ``select`` (which ends in a ``WHERE``) that meet ``where`` in ``window``."""
        after, tail, more = self.clause(window, c.dialect)
        return c.rows(f"{select} AND ({where}) AND {after} {tail}", {**params, **more})

    def _after(self, after: Key, dialect: str) -> tuple[str, dict[str, object]]:
        key = self.check(after)
        params = {f"page_k{i}": v for i, v in enumerate(key) if v is not None}
        terms = [col.term(dialect) for col in self.columns]
        ways: list[str] = []
        for i, col in enumerate(self.columns):
            same = [_equal(terms[j], j, key[j]) for j in range(i)]
            ways.append(" AND ".join([*same, _beyond(terms[i], i, col, key[i])]))
        return "(" + " OR ".join(f"({w})" for w in ways) + ")", params

    def check(self, key: Sequence[object]) -> Key:
        """The key if it fits this order (as many values, each of its column's type)."""
        if len(key) != len(self.columns):
            raise _stale()
        for value, col in zip(key, self.columns, strict=True):
            if value is None and col.nullable:
                continue
            if type(value) is not col.kind:  # bool is an int, a datetime a date: not here
                raise _stale()
        return tuple(key)


def _equal(term: str, i: int, value: object) -> str:
    return f"{term} IS NULL" if value is None else f"{term} = :page_k{i}"


def _beyond(term: str, i: int, col: Column, value: object) -> str:
    """Where a row sorts strictly after ``value`` in this column alone."""
    if value is None:  # NULLs come first: every non-null value is beyond
        return f"{term} IS NOT NULL"
    return f"{term} {'<' if col.descending else '>'} :page_k{i}"


def _stale() -> InvalidInput:
    return InvalidInput(
        "The cursor does not fit this list (altered, or from another list); start again without it",
        field="cursor",
    )
