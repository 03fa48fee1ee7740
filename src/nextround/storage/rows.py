"""SQLAlchemy helpers shared by the storage modules."""

from __future__ import annotations

import sqlalchemy as sa


def insert_id(connection: sa.Connection, statement: sa.Insert) -> int:
    result = connection.execute(statement)
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
