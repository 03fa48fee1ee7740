"""What every use case runs with: the open database, the settings, the owner,
and the changes it made (so a face can offer to undo the last one).

``ctx.db`` is the database bound to ``ctx.owner``: on PostgreSQL each of its
transactions sets that owner first, and row-level security keeps it to that
owner's rows (:mod:`nextround.storage.owners`). ``ctx.all_owners`` is the same
database across every owner, for the few uses listed there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from nextround import log
from nextround.config import Settings
from nextround.domain.history import ChangeKind
from nextround.errors import ConfigError
from nextround.storage import changes, forgetting
from nextround.storage.database import LOCAL_OWNER, Database, open_database, sqlite_path
from nextround.storage.owners import EVERYONE, OwnedDatabase
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class Made:
    """A change a use case made: its id (for undo) and what it says."""

    id: int
    label: str


@dataclass
class Context:
    database: Database
    settings: Settings
    owner: int = LOCAL_OWNER
    #: Changes made through this context, oldest first.
    made: list[Made] = field(default_factory=list)
    _expired: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.database, OwnedDatabase):  # another context's ``db``
            self.database = self.database.database

    @property
    def db(self) -> OwnedDatabase:
        """The database, every transaction bound to :attr:`owner` (read when it begins)."""
        return OwnedDatabase(self.database, self.owner)

    @property
    def all_owners(self) -> OwnedDatabase:
        """The database across every owner: only for the uses :mod:`nextround.storage.owners` lists."""
        return OwnedDatabase(self.database, EVERYONE)

    @property
    def today(self) -> date:
        return self.settings.today

    def close(self) -> None:
        self.db.close()

    def fresh(self, **values: object) -> Context:
        """A copy for one request or one unit of work, with its own list of changes."""
        return replace(self, made=[], **values)  # type: ignore[arg-type]

    @contextmanager
    def change(self, label: str, *, trash: bool = False, note: str = "") -> Iterator[Connection]:
        """A write transaction recorded as one change the user can undo.

        A change opened inside another joins it (a rejection confirmed from
        the mailbox is one change). ``label`` says what it did; the block may
        make it more precise through ``connection.recorder.label``.
        """
        kind = ChangeKind.TRASH if trash else ChangeKind.CHANGE
        with self.db.transaction() as c:
            if c.recorder is not None:
                with changes.recording(c, self.owner, label, kind=kind):
                    yield c
                return
            self._expire(c)
            recorder = changes.Recorder(self.owner, label, kind, note)
            c.recorder = recorder
            try:
                yield c
            finally:
                c.recorder = None
            change_id = changes.save(c, recorder)
        if change_id is not None:
            self.made.append(Made(change_id, recorder.label))
            log.info("change %d: %s", change_id, recorder.label)

    def _expire(self, c: Connection) -> None:
        """Once per context: forget changes past keeping, and scrub their rows from backups."""
        if self._expired:
            return
        self._expired = True
        now = datetime.now(UTC).replace(tzinfo=None)  # as CURRENT_TIMESTAMP stores it
        ids, gone = forgetting.expire(c, self.owner, now)
        if ids and self.db.path is not None:
            forgetting.scrub_backups(self.db.path, ids, gone)


def relabel(c: Connection, label: str) -> None:
    """Say more precisely what the change being recorded does, once the use case knows."""
    if c.recorder is not None:
        c.recorder.label = label


def last_change(ctx: Context) -> int | None:
    """The id of the latest change made through ``ctx``, to offer to undo or restore it."""
    return ctx.made[-1].id if ctx.made else None


def open_context(settings: Settings, *, create: bool = True, pooled: bool = True) -> Context:
    """The context on the settings' database; ``pooled`` for a long-running process
    (on PostgreSQL: a pool of connections), not for a command that runs once."""
    if settings.hosted and sqlite_path(settings.db_url) is not None:
        raise ConfigError(
            "hosted mode ([site] hosted, NEXTROUND_HOSTED) needs PostgreSQL: "
            "set NEXTROUND_DB to a postgresql:// URL"
        )
    db = open_database(settings.db_url, create=create, pool=settings.database, pooled=pooled)
    return Context(db, settings)
