"""PostgreSQL: the connection pool, the schema revision, and the driver's errors.

Imported only when the database is a server, so SQLite users never load psycopg;
the pool (psycopg_pool) is loaded only by a long-running process (the web app),
a command makes one connection. Everything works behind PgBouncer in
transaction mode: no startup parameters (the time zone is set to UTC per
transaction, ``set_config(..., true)``), server-side prepared statements only where
allowed (``[database] prepared_statements``, off behind a PgBouncer that doesn't keep
them), and no session state kept from one transaction to the next.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import errors as pg
from psycopg.rows import RowMaker

from nextround.dbconfig import PoolSettings
from nextround.errors import Conflict, DatabaseUnavailable, StorageError
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
    """The rows of the cursor's current result, by the names of its columns: read from the
    result itself (``cursor.description`` builds a ``Column`` object per column each time,
    a tenth of a Today request's Python time)."""
    result = cursor.pgresult
    if result is None:
        return _row_maker(())
    return _row_maker(tuple([result.fname(i) for i in range(result.nfields)]))


@lru_cache(maxsize=1024)
def _row_maker(raw_names: tuple[bytes | None, ...]) -> RowMaker[PgRow]:
    """The rows of a result with these columns (one class per distinct column list, kept:
    the same few queries run on every request). Names are the server's bytes in the
    connection's encoding; nextround's column names are ASCII, the same in any of them."""
    names = [(name or b"").decode("utf-8", "replace") for name in raw_names]
    index = {name: i for i, name in enumerate(names)}
    kind = type("PgRow", (PgRow,), {"_index": index})

    def make(values: Any) -> PgRow:
        return kind(values)  # type: ignore[no-any-return]

    return make


def _configure(connection: psycopg.Connection[Any]) -> None:
    connection.row_factory = row_factory


def _kwargs(settings: PoolSettings) -> dict[str, Any]:
    """How every connection is made: every transaction begun by :func:`begin` (so
    psycopg sends no ``BEGIN`` of its own: autocommit, outside the transactions that
    :func:`begin` opens), the extra parameters configured, and server-side prepared
    statements (psycopg prepares a statement run :data:`PREPARE_AFTER` times on one
    connection) unless ``prepared_statements`` is off: behind a PgBouncer in transaction
    mode that doesn't keep them, a statement prepared in one transaction may meet another
    server connection in the next."""
    return {
        **settings.connect,
        "connect_timeout": settings.connect_timeout,
        "autocommit": True,
        "prepare_threshold": PREPARE_AFTER if settings.prepared_statements else None,
    }


#: Runs of one statement on a connection before it is prepared (psycopg's default).
PREPARE_AFTER = 5


def begin(connection: psycopg.Connection[Any], owner: Owner | None = None) -> None:
    """Begin a transaction with what nextround assumes set for its length only:
    UTC, and whose rows it may touch (``owner``, :mod:`nextround.storage.owners`).

    ``BEGIN`` and the settings in one round trip (one simple query, as the libpq reader
    sends it: :meth:`nextround.storage.libpq.LightConnection.begin`), transaction-local
    (``set_config(..., true)``), never a session setting or a startup parameter: behind
    PgBouncer in transaction mode, the next transaction may run on another server
    connection. The owner goes in as text that :func:`owners.setting` checked (digits or
    ``*``): a simple query takes no parameters. ``commit()`` and ``rollback()`` end it
    (psycopg sends them whenever the server is in a transaction).
    """
    begin = "BEGIN; SELECT set_config('TimeZone', 'UTC', true)"
    if owner is not None:
        begin += f", set_config('{owners.SETTING}', '{owners.setting(owner)}', true)"
    connection.execute(begin)


#: Seconds the pool keeps retrying one lost connection (backing off: 1 s, 2 s, ...) before
#: it gives up and lets the next request start afresh. psycopg_pool's own 5 minutes would let
#: the gaps grow to minutes: after a restart, nextround would answer again that much later
#: than the database.
RECONNECT_WINDOW = 3.0


def pool(url: str, settings: PoolSettings, where: str) -> ConnectionPool[Any]:
    """A pool of connections to ``url``, checked before use (:func:`_check`; a connection the server
    dropped is replaced), retrying a lost server every few seconds while requests come."""
    from psycopg_pool import ConnectionPool

    created: ConnectionPool[Any] = ConnectionPool(
        url,
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        kwargs=_kwargs(settings),
        configure=_configure,
        check=_check,
        timeout=settings.pool_timeout,
        reconnect_timeout=RECONNECT_WINDOW,
        open=False,
        name="nextround",
    )
    try:
        created.open(wait=settings.pool_min_size > 0, timeout=settings.connect_timeout)
    except Exception as exc:
        created.close()
        raise DatabaseUnavailable(f"can't reach the database {where}: {_reason(exc)}") from None
    return created


@contextmanager
def lend(pool: ConnectionPool[Any], where: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection from ``pool`` for one transaction; a clear error when none is free in time.

    The pool checks each connection before lending it (:func:`_check`: one given back in the
    last second excepted) and replaces one the server dropped (a restart), so requests work
    again as soon as the server is back. While it is away,
    no connection comes within the pool's timeout and the pool is not full of busy ones:
    that is :class:`DatabaseUnavailable`, not "all in use".
    """
    from psycopg_pool import PoolTimeout

    with ExitStack() as stack:
        try:
            raw = stack.enter_context(pool.connection())
        except PoolTimeout:
            if pool.get_stats().get("pool_size", 0) < pool.max_size:
                raise DatabaseUnavailable(
                    f"can't reach the database {where}: no connection within "
                    f"{pool.timeout:g} seconds"
                ) from None
            raise StorageError(
                f"no free connection to the database {where} within {pool.timeout:g} seconds "
                f"(all {pool.max_size} in use); raise pool_max_size or pool_timeout ([database])"
            ) from None
        try:
            yield raw
        finally:
            _BACK[raw] = time.monotonic()


#: A connection given back less than this many seconds ago is lent again unchecked: under
#: load nearly every lending skips the check's round trip, while one that sat idle (and
#: so every connection after a restart, which takes longer) is checked first. One lost
#: in that second fails its request cleanly (:class:`DatabaseUnavailable`) and the pool
#: drops it.
QUIET_CHECK = 1.0
#: When each lent connection was given back (dropped with the connection).
_BACK: weakref.WeakKeyDictionary[psycopg.Connection[Any], float] = weakref.WeakKeyDictionary()


def _check(connection: psycopg.Connection[Any]) -> None:
    """The pool's check before lending: psycopg_pool's round trip, unless the connection
    was given back within :data:`QUIET_CHECK` seconds and psycopg knows of no loss."""
    from psycopg_pool import ConnectionPool

    back = _BACK.get(connection)
    if back is not None and time.monotonic() - back < QUIET_CHECK and not connection.broken:
        return
    ConnectionPool.check_connection(connection)


def connect(url: str, settings: PoolSettings, where: str) -> psycopg.Connection[Any]:
    """One connection, outside any pool: for a command that runs once and ends."""
    try:
        connection = psycopg.connect(url, **_kwargs(settings))
    except psycopg.Error as exc:
        raise DatabaseUnavailable(f"can't reach the database {where}: {_reason(exc)}") from None
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
        kind = DatabaseUnavailable if _gone(exc) else StorageError
        return kind(f"can't use the database {where}: {_reason(exc)}")
    if isinstance(exc, psycopg.Error):
        return StorageError(f"database error on {where}: {_reason(exc)}")
    return None


def _gone(exc: psycopg.Error) -> bool:
    """Whether ``exc`` says the server went away: the connection was lost or closed (no
    SQLSTATE), refused (class 08), or ended by a shutdown or restart (57P01 to 57P05)."""
    state = exc.sqlstate or ""
    return (
        isinstance(exc, psycopg.InterfaceError)
        or not state
        or state[:2] == "08"
        or (state.startswith("57P"))
    )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
