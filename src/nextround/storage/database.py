"""Opening a database: where it lives, its schema version, backups, connections.

Kept light on purpose: a SQLite database already at the current revision is
opened with the standard library alone, so read-only commands such as
``nextround today`` start fast. SQLAlchemy (for writes and PostgreSQL) and
Alembic (for upgrades) are imported only when needed.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from nextround.errors import StorageError

if TYPE_CHECKING:
    import sqlalchemy as sa

#: Every schema revision this version of nextround ships, oldest first.
REVISIONS = (
    "0001_initial",
    "0002_full_text_search",
    "0003_task_revisions",
    "0004_web_and_mail",
)
HEAD = REVISIONS[-1]
#: The owner of every row in single-user local mode.
LOCAL_OWNER = 1


class Reader(Protocol):
    """A read-only connection for the light query path."""

    @property
    def dialect(self) -> str: ...

    def rows(self, sql: str, params: Mapping[str, object]) -> Sequence[Sequence[Any]]: ...


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL or plain path; None for a server URL."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    if "://" in url:
        return None
    return Path(url).expanduser()


class Database:
    """One database, SQLite file or PostgreSQL server, at the current schema revision."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self._engine: sa.Engine | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._readers: list[sqlite3.Connection] = []

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """Where the database is, without any password the URL holds."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    def engine(self) -> sa.Engine:
        if self._engine is None:
            from nextround.storage.engine import create_engine

            self._engine = create_engine(self.url, self.path)
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One transaction: committed when the block ends, rolled back on any error."""
        from nextround.storage.engine import translate_errors

        with translate_errors(self), self.engine().begin() as connection:
            yield connection

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        if self.path is not None:
            yield _SqliteReader(self._sqlite_reader())
        else:
            from nextround.storage.engine import EngineReader

            with self.engine().connect() as server:
                yield EngineReader(server)

    def _sqlite_reader(self) -> sqlite3.Connection:
        """This thread's read connection, opened once and kept until :meth:`close`.

        A long-running server then doesn't pay for a new connection (and a
        cold schema cache) on every request. Outside a transaction each
        SELECT sees everything committed before it.
        """
        connection: sqlite3.Connection | None = getattr(self._local, "reader", None)
        if connection is None:
            assert self.path is not None
            connection = _connect_sqlite(self.path)
            self._local.reader = connection
            with self._lock:
                self._readers.append(connection)
        return connection

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        with self._lock:
            readers, self._readers = self._readers, []
        for connection in readers:
            connection.close()
        self._local = threading.local()


class _SqliteReader:
    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def rows(self, sql: str, params: Mapping[str, object]) -> Sequence[Sequence[Any]]:
        # sqlite3's own date adapter is deprecated: dates travel as ISO text.
        bound = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
        return self._connection.execute(sql, bound).fetchall()


def open_database(url: str) -> Database:
    """Open (creating or upgrading as needed) the database at ``url``."""
    db = Database(url)
    if db.path is None and not url.startswith(
        ("postgresql://", "postgres://", "postgresql+psycopg://")
    ):
        scheme = url.split("://", 1)[0]
        raise StorageError(
            f"databases of kind {scheme!r} are not supported; use a SQLite file path or a postgresql:// URL"
        )
    revision = _sqlite_revision(db.path) if db.path is not None else _server_revision(db)
    if revision == HEAD:
        return db
    if revision is not None and revision not in REVISIONS:
        raise StorageError(
            f"the database {db.describe()} was written by a newer version of nextround "
            f"(schema {revision}); upgrade nextround to open it"
        )
    if revision is not None and db.path is not None:
        backup_sqlite(db.path, revision)
    from nextround.storage.migrate import upgrade

    with _translate(db):
        upgrade(db.engine())
    return db


def _sqlite_revision(path: Path) -> str | None:
    _check_sqlite_location(path)
    connection = _connect_sqlite(path)
    try:
        return _revision_of(connection, path)
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


def _check_sqlite_location(path: Path) -> None:
    if path.is_dir():
        raise StorageError(
            f"database path {path} is a folder; give a file name such as {path / 'nextround.db'}"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"can't create the folder for database {path}: {exc.strerror}") from None
    if not path.exists() and not os.access(path.parent, os.W_OK):
        raise StorageError(
            f"can't create database {path}: the folder is not writable; choose another path with --db"
        )


def _connect_sqlite(path: Path) -> sqlite3.Connection:
    try:
        # Shared with no other thread while open, but closed by whichever
        # thread closes the database.
        connection = sqlite3.connect(path, timeout=5, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StorageError(
            f"can't open database {path}: {exc}; choose another path with --db"
        ) from None
    return connection


def _server_revision(db: Database) -> str | None:
    from nextround.storage.engine import server_revision

    with _translate(db):
        return server_revision(db.engine())


@contextmanager
def _translate(db: Database) -> Iterator[None]:
    from nextround.storage.engine import translate_errors

    with translate_errors(db):
        yield


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy the database (consistently, WAL included) before an upgrade touches it."""
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-upgrade-{revision}-{stamp}")
    source = _connect_sqlite(path)
    try:
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
    except sqlite3.Error as exc:
        raise StorageError(f"can't back up {path} before upgrading it: {exc}") from None
    finally:
        source.close()
    import shutil

    shutil.copymode(path, target)
    return target
