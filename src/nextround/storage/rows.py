"""SQLAlchemy helpers shared by the storage modules."""

from __future__ import annotations

import sqlalchemy as sa


def names_like(column: sa.ColumnElement[str], text: str) -> sa.ColumnElement[bool]:
    """Case-insensitive "contains" on a name column, with LIKE wildcards escaped."""
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return sa.func.lower(column).like(pattern, escape="\\")


def insert_id(connection: sa.Connection, statement: sa.Insert) -> int:
    result = connection.execute(statement)
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
