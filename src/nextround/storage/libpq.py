"""The light read path on PostgreSQL: libpq through :mod:`ctypes`, without psycopg.

Importing psycopg costs a command a good part of its start-up (its C module,
its type system, asyncio); ``nextround today`` only reads. This module opens
one libpq connection (the system's ``libpq.so.5``, or the copy psycopg's
binary wheel ships) and gives :class:`nextround.storage.sql.Connection` the
few DB-API calls it makes: ``cursor()`` with ``execute``/``fetchall``/
``fetchone``/``rowcount``, ``commit``, ``rollback``, ``close``.

Parameters go as text with their types (as psycopg sends them); results come
back as psycopg gives them (int, bool, float, Decimal, date, datetime, time,
str; JSON parsed), read by column type. Only :meth:`Database.reader
<nextround.storage.database.Database.reader>` and the schema check use it;
writes go through psycopg. Where no libpq can be loaded, :func:`available`
says so and the reader is psycopg's.
"""

from __future__ import annotations

import ctypes
import functools
import re
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from nextround.dbconfig import PoolSettings
from nextround.errors import Conflict, DatabaseUnavailable, StorageError
from nextround.storage.owners import SETTING, Owner, setting

_NAMES = ("libpq.so.5", "libpq.5.dylib", "libpq.dll")
_OK = {1, 2}  # PGRES_COMMAND_OK, PGRES_TUPLES_OK
_SQLSTATE = ord("C")


def _load() -> Any:
    for name in _NAMES:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    for folder in sys.path:  # psycopg[binary]'s own copy, found without importing psycopg
        for path in sorted(Path(folder or ".").glob("psycopg_binary.libs/libpq*.so*")):
            try:
                return ctypes.CDLL(str(path))
            except OSError:
                continue
    return None


@functools.cache
def _library() -> Any:
    """libpq with its functions' signatures declared; None when none can be loaded."""
    lib = _load()
    if lib is None:
        return None
    p, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    for name, args, result in (
        ("PQconnectdbParams", [ctypes.POINTER(s), ctypes.POINTER(s), i], p),
        ("PQstatus", [p], i),
        ("PQerrorMessage", [p], s),
        ("PQfinish", [p], None),
        ("PQreset", [p], None),
        ("PQexec", [p, s], p),
        ("PQexecParams", [p, s, i, ctypes.POINTER(ctypes.c_uint), ctypes.POINTER(s), p, p, i], p),
        ("PQresultStatus", [p], i),
        ("PQresultErrorMessage", [p], s),
        ("PQresultErrorField", [p, i], s),
        ("PQntuples", [p], i),
        ("PQnfields", [p], i),
        ("PQfname", [p, i], s),
        ("PQftype", [p, i], ctypes.c_uint),
        ("PQgetvalue", [p, i, i], s),
        ("PQgetisnull", [p, i, i], i),
        ("PQcmdTuples", [p], s),
        ("PQclear", [p], None),
    ):
        function = getattr(lib, name)
        function.argtypes, function.restype = args, result
    return lib


def available() -> bool:
    """Whether a libpq could be loaded."""
    return _library() is not None


def _json(text: str) -> Any:
    import json

    return json.loads(text)


#: Column type OID -> how its text becomes a Python value (anything else stays text).
_READERS: dict[int, Callable[[str], Any]] = {
    16: lambda v: v == "t",
    20: int,
    21: int,
    23: int,
    26: int,
    700: float,
    701: float,
    1700: Decimal,
    1082: date.fromisoformat,
    1083: time.fromisoformat,
    1114: datetime.fromisoformat,
    1184: datetime.fromisoformat,
    114: _json,
    3802: _json,
    17: lambda v: bytes.fromhex(v[2:]),
}


#: Parameter type -> its type OID and its text, as psycopg types it (the first that matches;
#: bool before int, datetime before date). Anything else goes as text the server types.
_WRITERS: tuple[tuple[type, int, Callable[[Any], str]], ...] = (
    (bool, 16, lambda v: "t" if v else "f"),
    (int, 20, str),
    (float, 701, repr),
    (Decimal, 1700, str),
    (datetime, 1114, lambda v: v.isoformat(sep=" ")),
    (date, 1082, date.isoformat),
    (time, 1083, time.isoformat),
    (bytes, 17, lambda v: "\\x" + v.hex()),
)


def _param(value: object) -> tuple[int, bytes | None]:
    """A parameter as (type OID, text); OID 0: the server infers it."""
    if value is None:
        return 0, None
    for kind, oid, text in _WRITERS:
        if isinstance(value, kind):
            aware = oid == 1114 and getattr(value, "tzinfo", None) is not None
            return (1184 if aware else oid), text(value).encode()
    return 0, str(value).encode()


_PLACEHOLDER = re.compile(r"%\(([A-Za-z_]\w*)\)s|%%")


def positional(sql: str, params: Mapping[str, object]) -> tuple[str, list[object]]:
    """psycopg's ``%(name)s`` placeholders (as :class:`~nextround.storage.sql.Connection`
    writes them for PostgreSQL) as libpq's ``$1, $2...``, with the values in that order."""
    order: dict[str, int] = {}

    def number(found: re.Match[str]) -> str:
        name = found.group(1)
        if name is None:
            return "%"
        if name not in order:
            order[name] = len(order) + 1
        return f"${order[name]}"

    text = _PLACEHOLDER.sub(number, sql)
    return text, [params[name] for name in order]


class LightRow(tuple[Any, ...]):
    """A row readable by position and by column name, as the other drivers' rows."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


class LightError(Exception):
    """A statement the server refused; ``sqlstate`` says why."""

    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


class Cursor:
    """One statement's result, fetched whole."""

    def __init__(self, connection: LightConnection) -> None:
        self._connection = connection
        self._rows: list[LightRow] = []
        self.rowcount = -1

    def execute(self, sql: str, params: Mapping[str, object] | None = None) -> None:
        self._rows, self.rowcount = self._connection.run(sql, params or {})

    def executemany(self, sql: str, params: Any) -> None:
        for one in params:
            self.execute(sql, one)

    def fetchall(self) -> list[LightRow]:
        rows, self._rows = self._rows, []
        return rows

    def fetchone(self) -> LightRow | None:
        return self._rows.pop(0) if self._rows else None

    def close(self) -> None:
        self._rows = []


class LightConnection:
    """One libpq connection; transactions are begun by :meth:`begin`."""

    def __init__(self, url: str, settings: PoolSettings, where: str) -> None:
        lib = _library()
        fields = {
            **settings.connect,
            "dbname": url,  # expanded by libpq: the URL's own parameters apply
            "connect_timeout": str(settings.connect_timeout),
            "client_encoding": "UTF8",
        }
        keys = (ctypes.c_char_p * (len(fields) + 1))(*(k.encode() for k in fields), None)
        values = (ctypes.c_char_p * (len(fields) + 1))(*(v.encode() for v in fields.values()), None)
        # dbname first, then the settings: expand_dbname lets later keys override the URL's.
        self._lib = lib
        self._where = where
        self._conn = lib.PQconnectdbParams(keys, values, 1)
        if lib.PQstatus(self._conn) != 0:
            message = (lib.PQerrorMessage(self._conn) or b"").decode(errors="replace").strip()
            self.close()
            reason = message.splitlines()[0] if message else "connection failed"
            raise DatabaseUnavailable(f"can't reach the database {where}: {reason}")

    def run(self, sql: str, params: Mapping[str, object]) -> tuple[list[LightRow], int]:
        text, values = positional(sql, params)
        typed = [_param(v) for v in values]
        count = len(typed)
        types = (ctypes.c_uint * max(count, 1))(*(t for t, _ in typed))
        texts = (ctypes.c_char_p * max(count, 1))(*(v for _, v in typed))
        result = self._lib.PQexecParams(
            self._conn, text.encode(), count, types, texts, None, None, 0
        )
        try:
            return self._rows(result)
        finally:
            self._lib.PQclear(result)

    def _rows(self, result: int | None) -> tuple[list[LightRow], int]:
        lib = self._lib
        if result is None or lib.PQresultStatus(result) not in _OK:
            message = (
                lib.PQresultErrorMessage(result) if result else lib.PQerrorMessage(self._conn)
            ) or b""
            state = (lib.PQresultErrorField(result, _SQLSTATE) if result else None) or b""
            raise LightError(message.decode(errors="replace").strip(), state.decode())
        fields = lib.PQnfields(result)
        names = [lib.PQfname(result, i).decode() for i in range(fields)]
        readers = [_READERS.get(lib.PQftype(result, i), str) for i in range(fields)]
        kind = type("LightRow", (LightRow,), {"_index": {n: i for i, n in enumerate(names)}})
        rows = [
            kind(
                None
                if lib.PQgetisnull(result, r, i)
                else readers[i](lib.PQgetvalue(result, r, i).decode())
                for i in range(fields)
            )
            for r in range(lib.PQntuples(result))
        ]
        changed = lib.PQcmdTuples(result) or b""
        return rows, int(changed) if changed else -1

    def cursor(self) -> Cursor:
        return Cursor(self)

    def simple(self, sql: str) -> None:
        """Statements of nextround's own (begin, commit, rollback), errors translated."""
        result = self._lib.PQexec(self._conn, sql.encode())
        try:
            self._rows(result)
        except LightError as exc:
            raise error(exc, self._where) or exc from None
        finally:
            self._lib.PQclear(result)

    def begin(self, owner: Owner | None = None) -> None:
        """A transaction with UTC, ISO dates and ``owner`` (whose rows it may touch), set
        for its length only (as psycopg's), in one round trip.

        A connection the server dropped (a restart) is made again: before the statement
        when libpq already knows it lost it, else once the first statement finds out
        (nothing was done yet, so it is simply sent again)."""
        begin = "BEGIN; SET LOCAL TIME ZONE 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'"
        if owner is not None:  # checked: only digits or '*' reach the SQL
            begin += f"; SELECT set_config('{SETTING}', '{setting(owner)}', true)"
        self._reset_if_lost()
        try:
            self.simple(begin)
        except DatabaseUnavailable:
            self._reset_if_lost()
            self.simple(begin)

    def _reset_if_lost(self) -> None:
        if self._lib.PQstatus(self._conn) == 0:
            return
        self._lib.PQreset(self._conn)
        if self._lib.PQstatus(self._conn) != 0:
            message = (self._lib.PQerrorMessage(self._conn) or b"").decode(errors="replace")
            reason = message.strip().splitlines()[0] if message.strip() else "connection lost"
            raise DatabaseUnavailable(f"can't reach the database {self._where}: {reason}")

    def commit(self) -> None:
        self.simple("COMMIT")

    def rollback(self) -> None:
        self.simple("ROLLBACK")

    def close(self) -> None:
        if self._conn:
            self._lib.PQfinish(self._conn)
            self._conn = None


def error(exc: BaseException, where: str) -> BaseException | None:
    """A refused statement as one of nextround's errors."""
    if not isinstance(exc, LightError):
        return None
    reason = str(exc).splitlines()[0] if str(exc) else exc.sqlstate or "connection lost"
    if exc.sqlstate.startswith("23"):
        return Conflict(f"that would clash with a stored row ({reason})")
    if not exc.sqlstate or exc.sqlstate[:2] == "08" or exc.sqlstate.startswith("57P"):
        # no SQLSTATE: libpq's own error (the connection was lost), not the server's
        return DatabaseUnavailable(f"can't use the database {where}: {reason}")
    return StorageError(f"database error on {where}: {reason}")
