"""SQLAlchemy engines for SQLite and PostgreSQL, and the translation of driver errors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from nextround.errors import Conflict, StorageError

if TYPE_CHECKING:
    from nextround.storage.database import Database


def create_engine(url: str, path: Path | None) -> sa.Engine:
    if path is not None:
        engine = sa.create_engine(f"sqlite:///{path}")
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    # Stored times are read as UTC (calendar LAST-MODIFIED), whatever the server's zone.
    return sa.create_engine(url, pool_pre_ping=True, connect_args={"options": "-c timezone=UTC"})


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def server_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


class EngineReader:
    """The light read path's interface over an SQLAlchemy connection (PostgreSQL)."""

    def __init__(self, connection: sa.Connection) -> None:
        self._connection = connection
        self.dialect = connection.dialect.name

    def rows(self, sql: str, params: Mapping[str, object]) -> Sequence[Sequence[Any]]:
        return list(self._connection.execute(sa.text(sql), dict(params)).all())


@contextmanager
def translate_errors(db: Database) -> Iterator[None]:
    """Driver errors become one-line storage errors that never show a password."""
    try:
        yield
    except sa.exc.IntegrityError as exc:
        raise Conflict(f"that would clash with a stored row ({_first_line(exc.orig)})") from None
    except sa.exc.OperationalError as exc:
        reason = _first_line(exc.orig)
        if "readonly" in reason or "read-only" in reason:
            raise StorageError(
                f"the database {db.describe()} is read-only; check its permissions or choose another with --db"
            ) from None
        raise StorageError(f"can't use the database {db.describe()}: {reason}") from None
    except sa.exc.DBAPIError as exc:
        raise StorageError(f"database error on {db.describe()}: {_first_line(exc.orig)}") from None


def _first_line(error: BaseException | None) -> str:
    text = str(error) if error is not None else "unknown error"
    return text.strip().splitlines()[0] if text.strip() else "unknown error"
