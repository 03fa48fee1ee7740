"""Per-invocation state: the global options, and the context opened on first use.

Free of click, so that the agenda's fast path can use it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nextround.config import Settings
    from nextround.services.context import Context


@dataclass
class State:
    db: str | None
    today: str | None
    as_json: bool = False
    debug: bool = False
    #: Create the database when it isn't there (``init``, ``demo``): otherwise only
    #: the default database is created on first use, never one named by --db.
    create: bool = False
    _ctx: Context | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        from nextround.config import load_settings

        return load_settings(db=self.db, today=self.today)

    @property
    def ctx(self) -> Context:
        """The services' context; opening it upgrades the database (or creates the default one).

        A database the user named (--db, NEXTROUND_DB, the config file) that
        isn't there is a typo until ``init`` says otherwise.
        """
        if self._ctx is None:
            from nextround.config import default_db
            from nextround.services.context import open_context

            settings = self.settings()
            create = self.create or settings.db_url == default_db()
            self._ctx = open_context(settings, create=create, pooled=False)
        return self._ctx

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()
