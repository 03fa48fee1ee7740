"""PostgreSQL: the connection pool, the schema revision, and the driver's errors.

Imported only when the database is a server, so SQLite users never load psycopg;
the pool (psycopg_pool) is loaded only by a long-running process (the web app),
a command makes one connection. Everything works behind PgBouncer in
transaction mode: no startup parameters (the time zone is set to UTC per
transaction, ``SET LOCAL``), no server-side prepared statements, and no
session state kept from one transaction to the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import errors as pg
from psycopg.rows import RowMaker

from nextround.dbconfig import PoolSettings
from nextround.errors import Conflict, StorageError
from nextround.storage import owners
from nextround.storage.owners import Owner

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool


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


def _kwargs(settings: PoolSettings) -> dict[str, Any]:
    """How every connection is made: no server-side prepared statements (a statement
    prepared in one transaction may meet another server connection behind PgBouncer),
    transactions begun by the first statement, and the extra parameters configured."""
    return {
        **settings.connect,
        "connect_timeout": settings.connect_timeout,
        "autocommit": False,
        "prepare_threshold": None,
    }


def begin(connection: psycopg.Connection[Any], owner: Owner | None = None) -> None:
    """Begin a transaction with what nextround assumes set for its length only:
    UTC, and whose rows it may touch (``owner``, :mod:`nextround.storage.owners`).

    Transaction-local (``SET LOCAL``, ``set_config(..., true)``) in one round trip,
    never a session setting or a startup parameter: behind PgBouncer in
    transaction mode, the next transaction may run on another server connection.
    """
    if owner is None:
        connection.execute("SET LOCAL TIME ZONE 'UTC'")
        return
    connection.execute(
        "SELECT set_config('TimeZone', 'UTC', true), set_config(%s, %s, true)",
        (owners.SETTING, owners.setting(owner)),
    )


def pool(url: str, settings: PoolSettings, where: str) -> ConnectionPool[Any]:
    """A pool of connections to ``url``, checked before each use."""
    from psycopg_pool import ConnectionPool

    created: ConnectionPool[Any] = ConnectionPool(
        url,
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        kwargs=_kwargs(settings),
        configure=_configure,
        check=ConnectionPool.check_connection,
        timeout=settings.pool_timeout,
        open=False,
        name="nextround",
    )
    try:
        created.open(wait=settings.pool_min_size > 0, timeout=settings.connect_timeout)
    except Exception as exc:
        created.close()
        raise StorageError(f"can't reach the database {where}: {_reason(exc)}") from None
    return created


@contextmanager
def lend(pool: ConnectionPool[Any], where: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection from ``pool`` for one transaction; a clear error when none is free in time."""
    from psycopg_pool import PoolTimeout

    with ExitStack() as stack:
        try:
            raw = stack.enter_context(pool.connection())
        except PoolTimeout:
            raise StorageError(
                f"no free connection to the database {where} within {pool.timeout:g} seconds "
                f"(all {pool.max_size} in use); raise pool_max_size or pool_timeout ([database])"
            ) from None
        yield raw


def connect(url: str, settings: PoolSettings, where: str) -> psycopg.Connection[Any]:
    """One connection, outside any pool: for a command that runs once and ends."""
    try:
        connection = psycopg.connect(url, **_kwargs(settings))
    except psycopg.Error as exc:
        raise StorageError(f"can't reach the database {where}: {_reason(exc)}") from None
    _configure(connection)
    return connection


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
