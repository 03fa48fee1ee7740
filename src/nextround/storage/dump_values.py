"""Columns as the database describes them, and their values as plain JSON and back.

An export must read the same from SQLite and PostgreSQL and restore into
either: dates are ``YYYY-MM-DD``, timestamps ``YYYY-MM-DD HH:MM:SS[.ffffff]``,
booleans ``true``/``false``, whatever the driver hands out. Values read from a
file are checked against the column before anything is written, so a file
that was edited or damaged is refused with where and why, never half loaded.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from nextround.errors import InvalidInput
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class Column:
    """What restore needs to know of a column: its kind, and whether it may be left out."""

    name: str
    kind: str  # int, float, bool, date, datetime or text
    required: bool = False
    nullable: bool = True
    max_length: int | None = None
    #: Whole numbers: 32 or 64 bits (PostgreSQL's INTEGER and BIGINT; SQLite is told the same).
    bits: int = 64


def columns(c: Connection, table: str) -> list[Column]:
    """The table's columns, in the database's order (read from the database, not a list)."""
    if c.is_sqlite:
        return [
            Column(
                str(r[1]),
                kind_of(str(r[2])),
                required=bool(r[3]) and r[4] is None and not r[5],
                nullable=not r[3] and not r[5],
                max_length=_length(str(r[2])),
                bits=_bits(str(r[2])),
            )
            for r in c.rows(f"PRAGMA table_info({table})")
        ]
    rows = c.rows(
        "SELECT column_name, data_type, is_nullable, column_default, character_maximum_length "
        "FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = :t ORDER BY ordinal_position",
        {"t": table},
    )
    return [
        Column(
            str(r[0]),
            kind_of(str(r[1])),
            required=r[2] == "NO" and r[3] is None,
            nullable=r[2] == "YES",
            max_length=None if r[4] is None else int(r[4]),
            bits=_bits(str(r[1])),
        )
        for r in rows
    ]


def kind_of(declared: str) -> str:
    """A column's kind from its declared type (SQLite's or PostgreSQL's name for it)."""
    name = declared.upper()
    for words, kind in (
        (("BOOL",), "bool"),
        (("DATETIME", "TIMESTAMP"), "datetime"),
        (("DATE",), "date"),
        (("INT",), "int"),
        (("FLOAT", "REAL", "DOUB", "NUMERIC"), "float"),
    ):
        if any(word in name for word in words):
            return kind
    return "text"


def _bits(declared: str) -> int:
    return 64 if "BIG" in declared.upper() else 32


def _length(declared: str) -> int | None:
    found = re.search(r"\((\d+)\)", declared)
    return int(found[1]) if found else None


def to_plain(column: Column, value: object) -> object:  # noqa: PLR0911 - one case per kind
    """A stored value as the export writes it."""
    if value is None:
        return None
    if column.kind == "bool":
        return bool(value)
    if column.kind == "int":
        return int(str(value))
    if column.kind == "float":
        return float(str(value))
    if column.kind == "date":
        return value.isoformat() if isinstance(value, date) else str(value)
    if column.kind == "datetime":
        return _timestamp_text(value)
    return str(value)


def _timestamp_text(value: object) -> str:
    if isinstance(value, datetime):
        return _naive(value).isoformat(sep=" ")
    try:
        return _naive(datetime.fromisoformat(str(value))).isoformat(sep=" ")
    except ValueError:
        return str(value)


def _naive(moment: datetime) -> datetime:
    """Times are stored in UTC without a zone; one with a zone is turned into that."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_plain(column: Column, value: object, where: str) -> object:
    """A value read from a file, checked against its column, as the database takes it."""
    if value is None:
        if not column.nullable:
            raise _bad(where, "may not be empty (null)")
        return None
    check = _CHECKS.get(column.kind, _text)
    return check(column, value, where)


def _bad(where: str, why: str) -> InvalidInput:
    return InvalidInput(f"{where} {why}")


def _int(column: Column, value: object, where: str) -> object:
    limit = 2 ** (column.bits - 1)
    if type(value) is not int or not -limit <= value < limit:
        raise _bad(where, f"must be a whole number from {-limit} to {limit - 1}")
    return value


def _float(column: Column, value: object, where: str) -> object:
    if type(value) not in (int, float) or not math.isfinite(float(value)):  # type: ignore[arg-type]
        raise _bad(where, "must be a number")
    return float(value)  # type: ignore[arg-type]


def _bool(column: Column, value: object, where: str) -> object:
    if not isinstance(value, bool):
        raise _bad(where, "must be true or false")
    return value


def _date(column: Column, value: object, where: str) -> object:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise _bad(where, "must be a date like 2026-11-25")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad(where, "must be a date like 2026-11-25") from None


def _datetime(column: Column, value: object, where: str) -> object:
    shape = r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}:\d{2})?"
    if not isinstance(value, str) or not re.fullmatch(shape, value):
        raise _bad(where, "must be a time like 2026-11-25 09:30:00")
    try:
        return _naive(datetime.fromisoformat(value))
    except ValueError:
        raise _bad(where, "must be a time like 2026-11-25 09:30:00") from None


def _text(column: Column, value: object, where: str) -> object:
    if not isinstance(value, str):
        raise _bad(where, "must be text")
    if "\x00" in value:
        raise _bad(where, "holds a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(where, "is not valid Unicode text") from None
    if column.max_length is not None and len(value) > column.max_length:
        raise _bad(where, f"is longer than {column.max_length} characters")
    return value


_CHECKS = {
    "int": _int,
    "float": _float,
    "bool": _bool,
    "date": _date,
    "datetime": _datetime,
    "text": _text,
}
