"""Per-invocation state: the global options, and the context opened on first use.

Free of click, so that the agenda's fast path can use it."""

from __future__ import annotations

import os
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
    #: Whose data the command touches (``--user EMAIL`` or ``NEXTROUND_USER``).
    user: str | None = None
    _ctx: Context | None = field(default=None, repr=False)
    _site: Context | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        from nextround.config import load_settings

        return load_settings(db=self.db, today=self.today)

    @property
    def site(self) -> Context:
        """The context for the site's own commands (``nextround user``): no user's data.

        Opening it upgrades the database (or creates the default one). A
        database the user named (--db, NEXTROUND_DB, the config file) that
        isn't there is a typo until ``init`` says otherwise.
        """
        if self._site is None:
            from nextround.config import default_db
            from nextround.services.context import open_context

            settings = self.settings()
            create = self.create or settings.db_url == default_db()
            self._site = open_context(settings, create=create, pooled=False)
        return self._site

    @property
    def ctx(self) -> Context:
        """The services' context, acting as ``--user`` (the local user when none is named;
        hosted, a user must be named)."""
        if self._ctx is None:
            site = ctx = self.site
            email = self.user or os.environ.get("NEXTROUND_USER", "").strip()
            if email:  # a context of that user's own; the site's stays no user's
                from nextround.services.user_settings import personal
                from nextround.services.users import user_id_for

                ctx = personal(site.fresh(owner=user_id_for(site, email)))
            elif site.settings.hosted:
                from nextround.errors import InvalidInput

                raise InvalidInput(
                    "this nextround is hosted: say whose data with --user EMAIL (or NEXTROUND_USER)"
                )
            self._ctx = ctx
        return self._ctx

    def close(self) -> None:
        if self._site is not None:
            self._site.close()
