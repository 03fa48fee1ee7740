"""PostgreSQL: the connection pool, the schema revision, and the driver's errors.

Imported only when the database is a server, so SQLite users never load psycopg.
Connections set their time zone to UTC themselves (``SET TIME ZONE``) rather
than through a startup parameter, which PgBouncer in transaction mode refuses.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import errors as pg
from psycopg.rows import RowMaker
from psycopg_pool import ConnectionPool

from nextround.errors import Conflict, StorageError

#: Seconds to wait for a connection from the pool, and for a server to answer.
CONNECT_TIMEOUT = 10


class PgRow(tuple[Any, ...]):
    """A row readable by position and by column name, as ``sqlite3.Row`` is."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def row_factory(cursor: psycopg.Cursor[Any]) -> RowMaker[PgRow]:
    names = [c.name for c in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}
    kind = type("PgRow", (PgRow,), {"_index": index})

    def make(values: Any) -> PgRow:
        return kind(values)  # type: ignore[no-any-return]

    return make


def _configure(connection: psycopg.Connection[Any]) -> None:
    connection.row_factory = row_factory
    connection.execute("SET TIME ZONE 'UTC'")
    connection.commit()


def pool(url: str, size: int, where: str) -> ConnectionPool[Any]:
    """A pool of connections to ``url``, checked before each use."""
    from nextround.storage.database import server_url

    created: ConnectionPool[Any] = ConnectionPool(
        server_url(url),
        min_size=1,
        max_size=max(1, size),
        kwargs={"connect_timeout": CONNECT_TIMEOUT, "autocommit": False},
        configure=_configure,
        check=ConnectionPool.check_connection,
        timeout=CONNECT_TIMEOUT,
        open=False,
        name="nextround",
    )
    try:
        created.open(wait=True, timeout=CONNECT_TIMEOUT)
    except Exception as exc:
        created.close()
        raise StorageError(f"can't reach the database {where}: {_reason(exc)}") from None
    return created


def revision(url: str, where: str) -> str | None:
    """The schema revision stored on the server, or None for an empty database."""
    from nextround.storage.database import server_url

    try:
        with psycopg.connect(server_url(url), connect_timeout=CONNECT_TIMEOUT) as connection:
            found = connection.execute("SELECT to_regclass('alembic_version')").fetchone()
            if found is None or found[0] is None:
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
    except psycopg.Error as exc:
        raise StorageError(f"can't use the database {where}: {_reason(exc)}") from None


def server_error(exc: BaseException, where: str) -> BaseException | None:
    """A driver error as one of nextround's, never showing a password."""
    if isinstance(exc, pg.IntegrityError):
        return Conflict(f"that would clash with a stored row ({_reason(exc)})")
    if isinstance(exc, pg.ReadOnlySqlTransaction | pg.InsufficientPrivilege):
        return StorageError(f"the database {where} refuses changes: {_reason(exc)}")
    if isinstance(exc, pg.SerializationFailure | pg.DeadlockDetected):
        return Conflict("this was changed by someone else at the same moment; try again")
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return StorageError(f"can't use the database {where}: {_reason(exc)}")
    if isinstance(exc, psycopg.Error):
        return StorageError(f"database error on {where}: {_reason(exc)}")
    return None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
