"""The database's schema: which revision it is at, and upgrading it on its own.

Opening a database upgrades an older schema by itself; ``nextround db
upgrade`` does only that, for deployments where the app's own database role
may not change the schema and an administrator upgrades it beforehand;
``nextround db grant ROLE`` gives such a role the rights it needs to run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nextround.config import Settings
from nextround.errors import InvalidInput, StorageError
from nextround.storage import owners, sqlite_files
from nextround.storage.database import Database, schema_revision, upgrade_schema
from nextround.storage.revision_ids import HEAD


@dataclass(frozen=True)
class SchemaStatus:
    where: str
    revision: str | None
    head: str
    backups: tuple[Path, ...]

    @property
    def current(self) -> bool:
        return self.revision == self.head

    def to_json(self) -> dict[str, object]:
        return {
            "database": self.where,
            "revision": self.revision,
            "head": self.head,
            "current": self.current,
            "backups": [str(p) for p in self.backups],
        }


@dataclass(frozen=True)
class Upgraded:
    where: str
    before: str | None
    after: str
    backup: Path | None

    def to_json(self) -> dict[str, object]:
        return {
            "database": self.where,
            "before": self.before,
            "after": self.after,
            "backup": str(self.backup) if self.backup else None,
        }


def status(settings: Settings) -> SchemaStatus:
    db = _existing(settings)
    try:
        kept = tuple(sqlite_files.backups(db.path)) if db.path is not None else ()
        return SchemaStatus(db.describe(), schema_revision(db), HEAD, kept)
    finally:
        db.close()


def upgrade(settings: Settings) -> Upgraded:
    """Upgrade the schema to this version's (nothing to do when it is current)."""
    db = _existing(settings)
    try:
        before = schema_revision(db)
        backup = upgrade_schema(db, before) if before != HEAD else None
        return Upgraded(db.describe(), before, HEAD, backup)
    finally:
        db.close()


def grant(settings: Settings, role: str, *, apply: bool = False) -> list[str]:
    """The statements that let ``role`` run nextround without changing its schema
    (:func:`nextround.storage.owners.grants`); with ``apply``, run them too, as the
    database's URL's role (the tables' owner, the one that upgrades the schema)."""
    try:
        statements = list(owners.grants(role))
    except ValueError as exc:
        raise InvalidInput(str(exc), field="role") from None
    if not apply:
        return statements
    db = _existing(settings)
    try:
        if db.is_sqlite:
            raise InvalidInput("database roles and grants are PostgreSQL's; SQLite has none")
        with db.transaction() as c:
            for statement in statements:
                c.execute(statement)
    finally:
        db.close()
    return statements


def _existing(settings: Settings) -> Database:
    db = Database(settings.db_url, pool=settings.database, pooled=False)
    if db.path is not None and not sqlite_files.exists(db.path):
        raise StorageError(
            f"there is no database at {db.path}; create one with `nextround init --db {db.path}`"
        )
    return db
