"""Migration 0011: the language of drafts on applications and people, a form of address and
a register; existing rows keep every default, and going back drops only the new columns."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from nextround.storage.database import open_database
from nextround.storage.migrate import upgrade
from nextround.storage.revision_ids import HEAD
from nextround.storage.schema import metadata
from tests.tables import at_revision, downgrade, revision_of

BEFORE = "0010_imported_people"


def test_upgrading_leaves_every_draft_to_the_defaults_and_going_back_drops_the_columns(
    db_url: str,
) -> None:
    old = at_revision(db_url, BEFORE)
    with old.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        c.execute(
            "INSERT INTO people (owner_id, company_id, name) "
            "VALUES (1, (SELECT id FROM companies), 'Anna Weber')"
        )
        c.execute(
            "INSERT INTO applications (owner_id, company_id, role, status) "
            "VALUES (1, (SELECT id FROM companies), 'Backend Engineer', 'applied')"
        )
    old.close()
    db = open_database(db_url)
    try:
        assert revision_of(db) == HEAD
        with db.transaction() as c:
            row = c.rows("SELECT language, address_as, formal FROM people")[0]
            assert tuple(row) == (None, None, None)
            assert c.scalar("SELECT language FROM applications") is None
            c.execute(
                "UPDATE people SET language = 'de', address_as = 'Frau Weber', formal = :f",
                {"f": False},
            )
        downgrade(db_url, BEFORE)
        assert revision_of(db) == BEFORE
        with db.read() as c:
            assert [tuple(r) for r in c.rows("SELECT name FROM people")] == [("Anna Weber",)]
        upgrade(db_url, db.path, db_url)
        with db.read() as c:
            assert tuple(c.rows("SELECT language, address_as, formal FROM people")[0]) == (
                None,
                None,
                None,
            )
    finally:
        db.close()


def test_the_migrated_columns_are_the_ones_the_code_describes(db_url: str) -> None:
    open_database(db_url).close()
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            found = [d for d in compare_metadata(context, metadata) if "_fts" not in repr(d)]
    finally:
        engine.dispose()
    mine = ("language", "address_as", "formal")
    assert [d for d in found if any(f"'{name}'" in repr(d) for name in mine)] == []
