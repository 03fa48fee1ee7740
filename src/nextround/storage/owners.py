"""Whose rows a transaction may touch: the owner set per transaction for PostgreSQL's
row-level security (migration 0020), and the grants of the app's own database role.

Every table with an ``owner_id`` (and ``change_rows``, through its change) lets a
transaction see and write only the rows of the owner in the transaction-local
setting ``nextround.owner``. The services still filter by owner themselves; this
is the net under them: a query that forgets ``WHERE owner_id`` sees nothing of
anyone else. A transaction that set no owner sees no owner's rows at all.

:data:`EVERYONE` (``'*'``) is the one way to work across owners, for the few
places that must: the schema upgrade (its data steps), the job scheduler's list
of whose work is due, and finding whose an API token or a calendar link is
before anyone is known (``Context.all_owners``). Everything else runs as its
context's owner (``Context.db``).

SQLite has no row-level security: there the owner is only the services' filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from nextround.storage.sql import Connection, Listener

if TYPE_CHECKING:
    from nextround.storage.database import Database

#: The transaction-local setting row-level security reads (``nr_owner()``).
SETTING = "nextround.owner"
#: Every owner's rows: the named way for system work across owners.
EVERYONE = "*"

#: An owner's id, or :data:`EVERYONE`.
Owner = int | str


def setting(owner: Owner) -> str:
    """The setting's text for ``owner``; a ValueError for anything that is neither."""
    if owner == EVERYONE:
        return EVERYONE
    if isinstance(owner, int) and not isinstance(owner, bool) and owner > 0:
        return str(owner)
    raise ValueError(f"not an owner: {owner!r}")


class OwnedDatabase:
    """A :class:`~nextround.storage.database.Database` whose every transaction is one owner's.

    What a :class:`~nextround.services.context.Context` hands out as ``ctx.db``:
    the use cases call ``read()``/``transaction()``/``reader()`` as on the
    database itself, and the owner is set first in each transaction.
    """

    def __init__(self, database: Database, owner: Owner) -> None:
        setting(owner)  # refused at once, not at the first transaction
        self.database = database
        self.owner = owner

    def transaction(self) -> AbstractContextManager[Connection]:
        return self.database.transaction(owner=self.owner)

    def read(self) -> AbstractContextManager[Connection]:
        return self.database.read(owner=self.owner)

    def reader(self) -> AbstractContextManager[Connection]:
        return self.database.reader(owner=self.owner)

    @property
    def path(self) -> Path | None:
        return self.database.path

    @property
    def url(self) -> str:
        return self.database.url

    @property
    def dialect(self) -> str:
        return self.database.dialect

    @property
    def is_sqlite(self) -> bool:
        return self.database.is_sqlite

    @property
    def listeners(self) -> list[Listener]:
        return self.database.listeners

    def describe(self) -> str:
        return self.database.describe()

    def close(self) -> None:
        self.database.close()


def grants(role: str) -> Iterator[str]:
    """The statements that let ``role`` run nextround (not change its schema).

    Run by the role that owns the tables (the one ``nextround db upgrade`` runs
    as), after the upgrade: rows only (SELECT, INSERT, UPDATE, DELETE), the
    sequences behind the ids, and the same on what later upgrades create.
    Row-level security still applies to ``role``, as it does to the owner.
    """
    quoted = quote_role(role)
    yield f"GRANT USAGE ON SCHEMA public TO {quoted};"
    yield f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted};"
    yield f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted};"
    yield f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {quoted};"
    yield (
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE "
        f"ON TABLES TO {quoted};"
    )
    yield (
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE "
        f"ON SEQUENCES TO {quoted};"
    )


_ROLE = re.compile(r"[A-Za-z_][A-Za-z0-9_$-]{0,62}")


def quote_role(role: str) -> str:
    """A role's name as an SQL identifier (quoted); a ValueError for a name nextround won't quote."""
    if not _ROLE.fullmatch(role):
        raise ValueError(
            f"{role!r} is not a role name nextround takes: a letter or _, then up to 62 "
            "letters, digits, _, $ or -"
        )
    return f'"{role}"'


def unprotected(c: Connection) -> list[str]:
    """The tables with an ``owner_id`` that row-level security doesn't keep apart
    (not enabled, or not forced on the tables' owner): none, after migration 0020."""
    return [
        str(name)
        for name in c.scalars(
            "SELECT k.relname FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = k.oid AND a.attname = 'owner_id' "
            "AND NOT a.attisdropped WHERE n.nspname = current_schema() AND k.relkind = 'r' "
            "AND NOT (k.relrowsecurity AND k.relforcerowsecurity) ORDER BY k.relname"
        )
    ]
