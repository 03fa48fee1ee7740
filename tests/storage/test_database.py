"""Opening databases: migrations from empty and from the first revision, backups,
and the ways a database can't be opened."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from nextround.errors import StorageError
from nextround.storage import journal, people
from nextround.storage.database import HEAD, LOCAL_OWNER, REVISIONS, Database, open_database
from nextround.storage.migrate import script_revisions, upgrade


def revision_of(db: Database) -> str:
    with db.engine().connect() as c:
        return str(c.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one())


def test_the_shipped_revisions_are_the_ones_the_opener_knows() -> None:
    assert script_revisions() == list(REVISIONS)


def test_upgrade_from_empty_reaches_head_with_the_local_owner(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert revision_of(db) == HEAD
        with db.engine().connect() as c:
            names = sa.inspect(c).get_table_names()
            owner = c.execute(sa.text("SELECT name FROM users WHERE id = 1")).scalar_one()
        assert {"companies", "people", "applications", "tasks", "journal_entries"} <= set(names)
        assert owner == "local"
    finally:
        db.close()


def test_upgrade_from_the_first_revision_keeps_data_and_indexes_it(db_url: str) -> None:
    db = Database(db_url)
    upgrade(db.engine(), REVISIONS[0])
    with db.engine().begin() as c:
        c.execute(sa.text("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')"))
        company_id = c.execute(sa.text("SELECT id FROM companies")).scalar_one()
        app_id = c.execute(
            sa.text(
                "INSERT INTO applications (owner_id, company_id, role, status) "
                "VALUES (1, :c, 'Engineer', 'rejected') RETURNING id"
            ),
            {"c": company_id},
        ).scalar_one()
        journal.add(
            c,
            LOCAL_OWNER,
            application_id=app_id,
            written_on=date(2026, 1, 5),
            body="They asked about queues",
        )
        people.add(c, LOCAL_OWNER, name="Dana", company_id=company_id, notes="Loves sailing")
    db.close()
    reopened = open_database(db_url)
    try:
        assert revision_of(reopened) == HEAD
        with reopened.transaction() as c:
            assert [e.body for e in journal.search(c, LOCAL_OWNER, "queue")] == [
                "They asked about queues"
            ]
            assert len(journal.search_people_notes(c, LOCAL_OWNER, "sailing")) == 1
    finally:
        reopened.close()
    if db.path is not None:
        backups = list(db.path.parent.glob(f"{db.path.name}.before-upgrade-{REVISIONS[0]}-*"))
        assert len(backups) == 1
        copy = sqlite3.connect(backups[0])
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (REVISIONS[0],)
        copy.close()


def test_sqlite_uses_write_ahead_logging(tmp_path: Path) -> None:
    open_database(str(tmp_path / "n.db")).close()
    connection = sqlite3.connect(tmp_path / "n.db")
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    open_database(str(path)).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.close()
    with pytest.raises(StorageError, match="newer version of nextround"):
        open_database(str(path))
    assert not list(tmp_path.glob("n.db.before-upgrade-*"))


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        pytest.param(
            lambda p: p.write_bytes(b"this is not sqlite at all" * 100),
            "not a nextround database",
            id="garbage",
        ),
        pytest.param(lambda p: p.mkdir(), "is a folder", id="folder"),
        pytest.param(
            lambda p: sqlite3.connect(p).execute("CREATE TABLE notes (x)").connection.commit(),
            "holds tables but is not a nextround database",
            id="other-sqlite",
        ),
    ],
)
def test_files_that_are_not_ours_are_refused(tmp_path: Path, prepare: object, message: str) -> None:
    path = tmp_path / "n.db"
    prepare(path)  # type: ignore[operator]
    with pytest.raises(StorageError, match=message):
        open_database(str(path))


def test_an_unwritable_folder_is_refused(tmp_path: Path) -> None:
    """Root may write to any folder, so as root the folder is /proc, where no file can be made."""
    if os.geteuid() == 0:
        target = Path("/proc") / f"nextround-{os.getpid()}.db"
        message = "can't open database"
    else:  # pragma: no cover - the suite runs as root in CI
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        target = locked / "n.db"
        message = "the folder is not writable"
    with pytest.raises(StorageError, match=message) as caught:
        open_database(str(target))
    assert "\n" not in caught.value.message
    assert not target.exists()


def test_a_path_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_text("x")
    with pytest.raises(StorageError, match="can't create the folder"):
        open_database(str(tmp_path / "plain-file" / "n.db"))


def test_an_unreachable_postgres_server_is_a_one_line_error_without_the_password() -> None:
    with pytest.raises(StorageError) as caught:
        open_database("postgresql://sam:s3cret-pw@127.0.0.1:9/nextround")
    assert "s3cret-pw" not in caught.value.message
    assert "\n" not in caught.value.message
