"""Schema upgrades: the Alembic machinery (heavy imports, loaded only when an upgrade is due).

Every upgrade runs in one transaction, so a process killed in the middle
leaves the schema as it was: on PostgreSQL DDL is transactional, and on
SQLite the driver is told to let SQLite's own transactions cover the DDL
too. Processes starting together are serialised: an advisory lock on
PostgreSQL, the write lock (``BEGIN IMMEDIATE``) on SQLite; whoever comes
second finds the schema already current and does nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from nextround.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"
#: The key of the PostgreSQL advisory lock held while a schema is upgraded.
UPGRADE_LOCK = 0x6E657874  # "next"


def alembic_config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def engine_for(url: str, path: Path | None) -> sa.Engine:
    """An engine whose transactions cover DDL too (SQLite's driver leaves DDL out by default)."""
    if path is None:
        from nextround.storage.database import server_url

        return sa.create_engine(
            "postgresql+psycopg://" + server_url(url).split("://", 1)[1], poolclass=sa.NullPool
        )
    engine = sa.create_engine(f"sqlite:///{path}", poolclass=sa.NullPool)

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we say when transactions begin
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA busy_timeout = 30000")

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade(
    url: str,
    path: Path | None,
    where: str,
    revision: str = "head",
    *,
    keep_copy: Callable[[str], Path] | None = None,
) -> Path | None:
    """Bring the schema at ``url`` to ``revision`` in one transaction.

    Under the upgrade's lock, the stored revision is read again: a process that
    waited for another finds the schema current and does nothing. On SQLite,
    ``keep_copy(revision)`` then copies the database before
    anything changes (another connection reads it: a writer's lock doesn't stop
    readers); its path is returned and named by any failure, which leaves the
    schema as it was.
    """
    engine = engine_for(url, path)
    copy: Path | None = None
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK}
                )
                # Data steps work on every owner's rows (row-level security, 0020).
                connection.execute(sa.text("SELECT set_config('nextround.owner', '*', true)"))
            found = _stored_revision(connection)
            if keep_copy is not None and found is not None and found != _head():
                copy = keep_copy(found)
            command.upgrade(alembic_config(connection), revision)
        if path is not None:
            _wal(path)
    except (sa.exc.DBAPIError, OSError) as exc:
        raise StorageError(_failed(exc, where, copy)) from None
    finally:
        engine.dispose()
    return copy


def _stored_revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    return None if found is None else str(found)


def _head() -> str:
    from nextround.storage.revision_ids import HEAD

    return HEAD


def _failed(exc: Exception, where: str, backup: Path | None) -> str:
    if isinstance(exc, sa.exc.DBAPIError):
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "unknown error"
    else:
        reason = getattr(exc, "strerror", None) or str(exc)
    if "permission denied" in reason.lower() or "must be owner" in reason.lower():
        reason += " (run `nextround db upgrade` as a user allowed to change the schema)"
    kept = (
        f"; it was left as it was, and a copy taken before is {backup}"
        if backup
        else ("; it was left as it was")
    )
    return f"can't upgrade the database {where}: {reason}{kept}"


def _wal(path: Path) -> None:
    """Readers never wait for the writer (a setting kept in the file itself)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()


def script_revisions() -> list[str]:
    """Every revision the shipped migrations know, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
