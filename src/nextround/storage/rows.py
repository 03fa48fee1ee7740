"""SQLAlchemy helpers shared by the storage modules."""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa

from nextround.errors import Conflict


def insert_id(connection: sa.Connection, statement: sa.Insert) -> int:
    result = connection.execute(statement)
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def update_row(
    connection: sa.Connection,
    table: sa.Table,
    owner: int,
    row_id: int,
    values: Mapping[str, object],
    expected_revision: int | None = None,
) -> None:
    """Update one row and count the edit; refuse if it changed since ``expected_revision``.

    The check and the write are one statement, so two edits racing from the
    same revision can't both pass.
    """
    where = [table.c.owner_id == owner, table.c.id == row_id]
    if expected_revision is not None:
        where.append(table.c.revision == expected_revision)
    result = connection.execute(
        table.update()
        .where(*where)
        .values(**values, revision=table.c.revision + 1, updated_at=sa.func.current_timestamp())
    )
    if result.rowcount == 0 and expected_revision is not None:
        raise Conflict(
            "This was changed elsewhere while you were editing it; "
            "reload to see the latest version, then make your change again."
        )
