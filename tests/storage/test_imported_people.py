"""Migration 0010: people without a company, where they came from, and nothing lost on the way."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from nextround.errors import Conflict
from nextround.storage.database import open_database
from nextround.storage.migrate import upgrade
from nextround.storage.revision_ids import HEAD
from nextround.storage.schema import metadata
from nextround.storage.sql import Connection
from tests.tables import at_revision, downgrade, revision_of, rows_of

BEFORE = "0009_watch_news"


def _person_with_everything(c: Connection) -> None:
    c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
    c.execute(
        "INSERT INTO people (owner_id, company_id, name, email) "
        "VALUES (1, (SELECT id FROM companies), 'Ada Lovelace', 'ada@acme.example')"
    )
    c.execute(
        "INSERT INTO relationships (person_id, owner_id, invited_on) "
        "VALUES ((SELECT id FROM people), 1, '2026-02-01')"
    )
    c.execute(
        "INSERT INTO tasks (owner_id, key, kind, title, due, status, company_id, person_id) "
        "VALUES (1, 'k1', 'invite', 'Invite Ada', '2026-11-20', 'open', "
        "(SELECT id FROM companies), (SELECT id FROM people))"
    )


def test_upgrading_keeps_people_their_links_and_their_tasks(db_url: str) -> None:
    old = at_revision(db_url, BEFORE)
    with old.transaction() as c:
        _person_with_everything(c)
    with old.read() as c:
        before = {t: rows_of(c, t) for t in ("relationships", "tasks")}
    old.close()
    db = open_database(db_url)
    try:
        assert revision_of(db) == HEAD
        with db.transaction() as c:
            assert {t: rows_of(c, t) for t in before} == before
            assert [
                tuple(r) for r in c.rows("SELECT name, source, organisation, phone FROM people")
            ] == [("Ada Lovelace", "manual", None, None)]
            c.execute(
                "INSERT INTO people (owner_id, name, source, organisation) "
                "VALUES (1, 'Grace Hopper', 'linkedin', 'Navy')"
            )
            assert c.scalar("SELECT count(*) FROM people WHERE company_id IS NULL") == 1
    finally:
        db.close()


def test_going_back_is_refused_while_someone_has_no_company_and_works_after(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.transaction() as c:
            _person_with_everything(c)
            c.execute("INSERT INTO people (owner_id, name) VALUES (1, 'Grace Hopper')")
        with pytest.raises(RuntimeError, match="without a company"):
            downgrade(db_url, BEFORE)
        assert revision_of(db) == HEAD
        with db.transaction() as c:
            c.execute("DELETE FROM people WHERE company_id IS NULL")
        downgrade(db_url, BEFORE)
        assert revision_of(db) == BEFORE
        with pytest.raises(Conflict, match="company_id"), db.transaction() as c:
            c.execute("INSERT INTO people (owner_id, name) VALUES (1, 'Nobody')")
        upgrade(db_url, db.path, db_url)
        assert revision_of(db) == HEAD
        with db.read() as c:
            assert [tuple(r) for r in c.rows("SELECT name FROM people")] == [("Ada Lovelace",)]
            assert rows_of(c, "tasks")
    finally:
        db.close()


def test_the_migrated_schema_is_the_one_the_code_describes(db_url: str) -> None:
    db = open_database(db_url)
    db.close()
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            found = [d for d in compare_metadata(context, metadata) if "_fts" not in repr(d)]
    finally:
        engine.dispose()
    assert [d for d in found if "people" in repr(d)] == []
