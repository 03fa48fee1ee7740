"""Opening a database: where it lives, its schema version, connections.

Kept light on purpose: SQLite is reached through the standard library and
PostgreSQL through psycopg (:mod:`nextround.storage.sql`), so a command starts
without importing an ORM. SQLAlchemy and Alembic are imported only when a
schema has to be created or upgraded (:mod:`nextround.storage.migrate`).
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from nextround.dbconfig import PoolSettings, split_url
from nextround.errors import StorageError
from nextround.storage import folding
from nextround.storage import sqlite_files as files
from nextround.storage.owners import Owner
from nextround.storage.revision_ids import HEAD, REVISIONS
from nextround.storage.sql import Connection, Listener

#: The owner of every row in single-user local mode.
LOCAL_OWNER = 1
#: How long a writer waits for another one before giving up, in seconds.
BUSY_TIMEOUT = 5

#: The light read path's connection: the same :class:`Connection` as any other.
Reader = Connection

_SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL or plain path; None for a server URL."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    if "://" in url:
        return None
    return Path(url).expanduser()


def server_url(url: str) -> str:
    """A PostgreSQL URL as libpq takes it: ``postgresql://``, without nextround's pool settings."""
    return split_url("postgresql://" + url.split("://", 1)[1], PoolSettings())[0]


class Database:
    """One database, SQLite file or PostgreSQL server, at the current schema revision.

    On PostgreSQL, ``pooled`` (a long-running process) shares a pool of
    connections among threads, sized by ``pool`` and the URL's own settings
    (:mod:`nextround.dbconfig`); otherwise (a command) each thread opens one
    connection and keeps it until :meth:`close`, as on SQLite.
    """

    def __init__(self, url: str, *, pool: PoolSettings | None = None, pooled: bool = True) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self.dialect = "sqlite" if self.path is not None else "postgresql"
        self.pooled = pooled
        self.settings = pool or PoolSettings()
        self._server_url = ""
        if self.path is None:
            plain = "postgresql://" + url.split("://", 1)[-1]
            self._server_url, self.settings = split_url(plain, self.settings)
        #: Called with every statement sent; tests count queries with them.
        self.listeners: list[Listener] = []
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Any] = []
        self._pool: Any = None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """Where the database is, without any password the URL holds."""
        if self.path is not None:
            return str(self.path)
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = f"{parts.username}:***@{parts.hostname or ''}" + (
            f":{parts.port}" if parts.port else ""
        )
        return urlunsplit(parts._replace(netloc=netloc))

    @contextmanager
    def transaction(self, *, owner: Owner | None = None) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back on any error.

        On SQLite it takes the write lock at once (``BEGIN IMMEDIATE``), so two
        writers never both read a row and then both change it. A transaction
        opened inside another on the same thread joins it. On PostgreSQL,
        ``owner`` is whose rows it may touch (:mod:`nextround.storage.owners`).
        """
        with self._connection(write=True, owner=owner) as connection:
            yield connection

    @contextmanager
    def read(self, *, owner: Owner | None = None) -> Iterator[Connection]:
        """A read: one consistent view of the database, nothing written."""
        with self._connection(write=False, owner=owner) as connection:
            yield connection

    @contextmanager
    def reader(self, *, owner: Owner | None = None) -> Iterator[Connection]:
        """The light read path: :meth:`read`, except that a command on PostgreSQL reads
        through libpq directly (:mod:`nextround.storage.libpq`), never importing psycopg."""
        light = None if getattr(self._local, "current", None) else self._light()
        if light is None:
            with self.read(owner=owner) as connection:
                yield connection
            return
        from nextround.storage.libpq import error

        connection = Connection(
            light, self.dialect, self.listeners, lambda e: error(e, self.describe())
        )
        self._local.current = connection
        try:
            light.begin(owner)
            try:
                yield connection
            except BaseException:
                with suppress(Exception):  # lost: the error raised says why
                    light.rollback()
                raise
            light.commit()
        finally:
            self._local.current = None

    def _light(self) -> Any:
        """This thread's libpq connection for :meth:`reader`; None where there is none to have."""
        if self.path is not None or self.pooled:
            return None
        kept = getattr(self._local, "light", None)
        if kept is None:
            from nextround.storage import libpq

            if not libpq.available():
                return None
            kept = libpq.LightConnection(self._server_url, self.settings, self.describe())
            self._local.light = kept
            with self._lock:
                self._opened.append(kept)
        return kept

    @contextmanager
    def _connection(self, *, write: bool, owner: Owner | None) -> Iterator[Connection]:
        current: Connection | None = getattr(self._local, "current", None)
        if current is not None:
            yield current
            return
        with self._raw() as raw:
            connection = Connection(raw, self.dialect, self.listeners, self._translator())
            self._local.current = connection
            try:
                with self._begun(connection, write=write, owner=owner):
                    yield connection
            finally:
                self._local.current = None

    @contextmanager
    def _raw(self) -> Iterator[Any]:
        if self.path is not None or not self.pooled:
            yield self._kept_connection()
            return
        if self._pool is None:
            with self._lock:
                if self._pool is None:
                    self._pool = server_module().pool(
                        self._server_url, self.settings, self.describe()
                    )
        with server_module().lend(self._pool, self.describe()) as raw:
            yield raw

    @contextmanager
    def _begun(self, connection: Connection, *, write: bool, owner: Owner | None) -> Iterator[None]:
        if connection.is_sqlite:
            connection.raw.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            if not connection.is_sqlite:
                server_module().begin(connection.raw, owner)
            yield
        except BaseException as exc:
            with suppress(Exception):  # a lost connection can't roll back; the error says why
                connection.raw.rollback()
            found = self._translator()(exc) if isinstance(exc, Exception) else None
            if found is None:
                raise
            raise found from None
        else:
            try:
                connection.raw.commit()
            except Exception as exc:
                with suppress(Exception):  # nor can a lost one here: the commit's error says why
                    connection.raw.rollback()
                raise self._translator()(exc) or exc from None

    def _translator(self) -> Callable[[BaseException], BaseException | None]:
        if self.path is not None:
            return lambda exc: files.sqlite_error(exc, self.describe(), BUSY_TIMEOUT)
        translate = server_module().server_error
        return lambda exc: translate(exc, self.describe())

    def _kept_connection(self) -> Any:
        """This thread's connection, kept until :meth:`close`: a server on SQLite pays for no
        new connection (and cold schema cache) per request; a PostgreSQL command has no pool."""
        connection = getattr(self._local, "kept", None)
        if connection is None or getattr(connection, "broken", False):  # psycopg's, after the
            # server went away: a new one, so that a long command survives a server restart
            if self.path is not None:
                connection = connect_sqlite(self.path)
            else:
                connection = server_module().connect(
                    self._server_url, self.settings, self.describe()
                )
            self._local.kept = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
            pool, self._pool = self._pool, None
        for connection in opened:
            connection.close()
        if pool is not None:
            pool.close()
        self._local = threading.local()


def connect_sqlite(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are begun explicitly."""
    try:
        # Used by one thread at a time, but closed by whichever thread closes the database.
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level=None
        )
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        # Deleted rows are overwritten, not left in free pages: what the user
        # deletes for good must not linger in the file.
        connection.execute("PRAGMA secure_delete = ON")
        folding.register(connection)
    except sqlite3.Error as exc:
        raise StorageError(
            f"can't open database {path}: {exc}; choose another path with --db"
        ) from None
    return connection


def open_database(
    url: str,
    *,
    create: bool = True,
    upgrade: bool = True,
    pool: PoolSettings | None = None,
    pooled: bool = True,
) -> Database:
    """Open the database at ``url``, upgrading its schema if it is older.

    A SQLite file that doesn't exist yet is created only with ``create``;
    otherwise the error says how to create it (a mistyped ``--db`` must not
    quietly start an empty database). Without ``upgrade``, an older schema is
    refused with how to upgrade it (``nextround db upgrade``).
    """
    db = Database(url, pool=pool, pooled=pooled)
    if db.path is None and not url.startswith(_SERVER_SCHEMES):
        scheme = url.split("://", 1)[0]
        raise StorageError(
            f"databases of kind {scheme!r} are not supported; use a SQLite file path or a postgresql:// URL"
        )
    if db.path is not None and not files.exists(db.path):
        if not create:
            raise StorageError(
                f"there is no database at {db.path}; check the path, or create one with "
                f"`nextround init --db {db.path}`"
            )
        files.create(db.path)
        return db
    revision = schema_revision(db)
    if revision == HEAD:
        return db
    if not upgrade:
        raise StorageError(
            f"the database {db.describe()} is at schema {revision or 'none'}, this nextround needs "
            f"{HEAD}; run `nextround db upgrade` (as a user allowed to change the schema)"
        )
    upgrade_schema(db, revision)
    return db


def schema_revision(db: Database) -> str | None:
    """The schema revision the database is at (None: empty), refusing a newer one."""
    revision = _sqlite_revision(db.path) if db.path is not None else _server_revision(db)
    if revision is not None and revision not in REVISIONS:
        raise StorageError(
            f"the database {db.describe()} was written by a newer version of nextround "
            f"(schema {revision}); upgrade nextround to open it"
        )
    return revision


def upgrade_schema(db: Database, revision: str | None) -> Path | None:
    """Bring the schema to :data:`HEAD`; on SQLite, after keeping a copy (returned)."""
    from nextround.storage.migrate import upgrade

    keep = None
    if db.path is not None:
        path = db.path

        def keep(found: str) -> Path:
            return files.backup(path, found)

    return upgrade(db.url, db.path, db.describe(), keep_copy=keep)


def _sqlite_revision(path: Path) -> str | None:
    files.check_location(path)
    connection = connect_sqlite(path)
    try:
        return _revision_of(connection, path)
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise StorageError(
                f"can't open database {path}: its folder {path.parent} is not writable, and "
                "SQLite keeps its journal beside the file; make the folder writable"
            ) from None
        raise files.sqlite_error(exc, str(path), BUSY_TIMEOUT) or exc from None
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"{path} is not a nextround database ({exc}); choose another file with --db"
        ) from None
    finally:
        connection.close()


def _revision_of(connection: sqlite3.Connection, path: Path) -> str | None:
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    if tables:
        raise StorageError(
            f"{path} holds tables but is not a nextround database; choose another file with --db"
        )
    return None


def _server_revision(db: Database) -> str | None:
    with db.reader() as c:
        if c.scalar("SELECT to_regclass('alembic_version')::text") is None:
            return None
        found = c.scalar("SELECT version_num FROM alembic_version")
    return None if found is None else str(found)


def server_module() -> Any:
    """The PostgreSQL adapter, or a clear error when its driver isn't installed (imported
    once: every transaction asks for it several times)."""
    found = sys.modules.get("nextround.storage.server")
    if found is not None:
        return found
    try:
        from nextround.storage import server
    except ImportError:
        raise StorageError(
            "PostgreSQL needs its driver: install it with `pip install 'nextround[postgres]'`"
        ) from None
    return server
