"""The one way nextround runs SQL: plain statements with ``:name`` parameters.

SQLite goes through the standard library's :mod:`sqlite3`, PostgreSQL through
psycopg; there is no ORM at run time (SQLAlchemy and Alembic are loaded only
to upgrade a schema). Statements are written in the SQL both databases accept;
the few that differ ask :attr:`Connection.dialect`.

A :class:`Connection` is handed out by :class:`nextround.storage.database.Database`
for one transaction at a time. Rows read by name or by position (``row["id"]``
or ``row[0]``) on both databases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from nextround.storage.changes import Recorder

Params = Mapping[str, object]


class Row(Protocol):
    """A result row: by column name or by position."""

    def __getitem__(self, key: str | int, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> Sequence[str]: ...


class Cursor(Protocol):
    """The part of a DB-API cursor both drivers share."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...

    def executemany(self, sql: Any, params: Any, /) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchone(self) -> Any: ...

    def close(self) -> Any: ...


#: Called with every statement sent (tests count queries with it).
Listener = Callable[[str], None]


class Connection:
    """One open connection, inside a transaction or a read."""

    def __init__(
        self,
        raw: Any,
        dialect: str,
        listeners: Sequence[Listener] = (),
        translate: Callable[[BaseException], BaseException | None] | None = None,
    ) -> None:
        self.raw = raw
        self.dialect = dialect
        self._listeners = listeners
        self._translate = translate
        #: Set while a change is being recorded (see :mod:`nextround.storage.changes`).
        self.recorder: Recorder | None = None
        self._savepoints = 0

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def _run(self, sql: str, params: Params | None) -> Cursor:
        for listener in self._listeners:
            listener(sql)
        cursor: Cursor = self.raw.cursor()
        try:
            if self.is_sqlite:
                cursor.execute(sql, _sqlite_params(params or {}))
            else:
                cursor.execute(_pg_sql(sql), dict(params or {}))
        except Exception as exc:
            cursor.close()
            raise self._translated(exc) from None
        return cursor

    def _translated(self, exc: Exception) -> BaseException:
        found = self._translate(exc) if self._translate is not None else None
        return found if found is not None else exc

    def execute(self, sql: str, params: Params | None = None) -> int:
        """Run a statement; return how many rows it changed."""
        cursor = self._run(sql, params)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def execute_many(self, sql: str, params: Iterable[Params]) -> None:
        batch = list(params)
        if not batch:
            return
        for listener in self._listeners:
            listener(sql)
        cursor: Cursor = self.raw.cursor()
        try:
            if self.is_sqlite:
                cursor.executemany(sql, [_sqlite_params(p) for p in batch])
            else:
                cursor.executemany(_pg_sql(sql), [dict(p) for p in batch])
        except Exception as exc:
            raise self._translated(exc) from None
        finally:
            cursor.close()

    def rows(self, sql: str, params: Params | None = None) -> list[Row]:
        cursor = self._run(sql, params)
        try:
            return cursor.fetchall()
        finally:
            cursor.close()

    def row(self, sql: str, params: Params | None = None) -> Row | None:
        cursor = self._run(sql, params)
        try:
            found: Row | None = cursor.fetchone()
            return found
        finally:
            cursor.close()

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        found = self.row(sql, params)
        return None if found is None else found[0]

    def scalars(self, sql: str, params: Params | None = None) -> list[Any]:
        return [r[0] for r in self.rows(sql, params)]

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: an error inside rolls back only what the block did."""
        self._savepoints += 1
        name = f"sp{self._savepoints}"
        mark = self.recorder.mark() if self.recorder is not None else 0
        self.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self.execute(f"ROLLBACK TO SAVEPOINT {name}")
            self.execute(f"RELEASE SAVEPOINT {name}")
            if self.recorder is not None:
                self.recorder.rewind(mark)
            raise
        else:
            self.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._savepoints -= 1


def in_list(prefix: str, values: Iterable[object]) -> tuple[str, dict[str, object]]:
    """``(:p0, :p1, ...)`` and its parameters, for ``IN`` with a list of values."""
    found = {f"{prefix}{i}": v for i, v in enumerate(values)}
    if not found:
        return "(NULL)", {}
    return "(" + ", ".join(f":{k}" for k in found) + ")", found


def _sqlite_params(params: Params) -> dict[str, object]:
    """Dates and times as ISO text: how SQLite columns hold them (sqlite3's adapters are deprecated)."""
    return {k: _sqlite_value(v) for k, v in params.items()}


def _sqlite_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return value


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=2048)
def _pg_sql(sql: str) -> str:
    """``:name`` placeholders as psycopg's ``%(name)s``; a literal ``%`` doubled (kept per
    statement: the same few run on every request)."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


def as_bool(value: object) -> bool:
    """A boolean column: SQLite gives 0/1, PostgreSQL a bool."""
    return bool(value)


def as_datetime(value: object) -> datetime | None:
    """A timestamp column: PostgreSQL gives a datetime, SQLite ISO text."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
