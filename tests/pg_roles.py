"""A PostgreSQL database run as a deployment should: tables owned by a role that is no
superuser (superusers pass row-level security by), the app connecting as another role
with only the grants ``nextround db grant`` gives.

Test helpers, not a plugin: ``with roles(admin_url, postgres_url) as found: ...``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from nextround.config import Settings
from nextround.services import schema
from nextround.storage.database import open_database
from tests.conftest import TODAY
from tests.pgcluster import drop_database


@dataclass(frozen=True)
class Roles:
    #: The tables' owner: runs the upgrade, and obeys row-level security (FORCE).
    owner_url: str
    #: The app's role: rows and sequences only.
    app_url: str
    owner: str
    app: str


def as_role(url: str, role: str) -> str:
    """``url`` with ``role`` as its user (the test cluster trusts every local role)."""
    parts = urlsplit(url)
    netloc = f"{role}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def as_owner(url: str, owner: str | None) -> psycopg.Connection[Any]:
    """A plain psycopg connection (raw SQL, no service) in a transaction set to ``owner``
    (a user's id, or ``*``), or to no one."""
    c = psycopg.connect(url)
    if owner is not None:
        c.execute("SELECT set_config('nextround.owner', %s, true)", (owner,))
    return c


@contextmanager
def roles(admin_url: str, url: str) -> Iterator[Roles]:
    """The database at ``url`` (new, empty) owned by a new role and upgraded by it, and a
    second role granted what the app needs; the database and both roles dropped after."""
    tag = uuid.uuid4().hex[:12]
    owner, app = f"nr_owner_{tag}", f"nr_app_{tag}"
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url, autocommit=True) as c:  # as the superuser, in the database
        for role in (owner, app):
            c.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        c.execute(
            sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                sql.Identifier(name), sql.Identifier(owner)
            )
        )
        c.execute(sql.SQL("GRANT ALL ON SCHEMA public TO {}").format(sql.Identifier(owner)))
    found = Roles(as_role(url, owner), as_role(url, app), owner, app)
    try:
        open_database(found.owner_url, pooled=False).close()  # the upgrade, as the owner
        schema.grant(Settings(db_url=found.owner_url, today=TODAY), app, apply=True)
        yield found
    finally:
        drop_database(admin_url, url)
        with psycopg.connect(admin_url, autocommit=True) as c:
            for role in (app, owner):
                c.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
