"""Opening databases: migrations from empty and from the first revision, backups,
and the ways a database can't be opened."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from nextround.errors import StorageError
from nextround.storage import journal
from nextround.storage.database import (
    HEAD,
    LOCAL_OWNER,
    REVISIONS,
    Database,
    open_database,
)
from nextround.storage.migrate import script_revisions
from nextround.storage.sqlite_files import backups
from tests.tables import at_revision, revision_of, table_names


def test_the_shipped_revisions_are_the_ones_the_opener_knows() -> None:
    assert script_revisions() == list(REVISIONS)


def test_upgrade_from_empty_reaches_head_with_the_local_owner(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert revision_of(db) == HEAD
        with db.read() as c:
            names = table_names(c)
            owner = c.scalar("SELECT name FROM users WHERE id = 1")
        assert {"companies", "people", "applications", "tasks", "journal_entries"} <= set(names)
        assert {"changes", "change_rows", "application_events", "record_revisions"} <= set(names)
        assert owner == "local"
    finally:
        db.close()


def _first_revision_data(db: Database) -> None:
    """An application with a journal entry and a person, written as the first schema holds them."""
    with db.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        company_id = c.scalar("SELECT id FROM companies")
        app_id = c.scalar(
            "INSERT INTO applications (owner_id, company_id, role, status, applied_on, rejected_on) "
            "VALUES (1, :c, 'Engineer', 'rejected', '2026-01-02', '2026-01-20') RETURNING id",
            {"c": company_id},
        )
        c.execute(
            "INSERT INTO journal_entries (owner_id, application_id, written_on, body) "
            "VALUES (1, :a, '2026-01-05', 'They asked about queues')",
            {"a": app_id},
        )
        c.execute(
            "INSERT INTO people (owner_id, company_id, name, notes) "
            "VALUES (1, :c, 'Dana', 'Loves sailing')",
            {"c": company_id},
        )


def test_upgrade_from_the_first_revision_keeps_data_and_indexes_it(db_url: str) -> None:
    db = at_revision(db_url, REVISIONS[0])
    _first_revision_data(db)
    db.close()
    reopened = open_database(db_url)
    try:
        assert revision_of(reopened) == HEAD
        with reopened.read() as c:
            assert [e.body for e in journal.search(c, LOCAL_OWNER, "queue")] == [
                "They asked about queues"
            ]
            assert len(journal.search_people_notes(c, LOCAL_OWNER, "sailing")) == 1
            # The statuses already known become the application's history (0005).
            events = c.rows(
                "SELECT to_status, on_date FROM application_events ORDER BY on_date, id"
            )
            assert [(r[0], str(r[1])) for r in events] == [
                ("applied", "2026-01-02"),
                ("rejected", "2026-01-20"),
            ]
    finally:
        reopened.close()
    if reopened.path is not None:
        found = list(
            reopened.path.parent.glob(f"{reopened.path.name}.before-upgrade-{REVISIONS[0]}-*")
        )
        assert found == backups(reopened.path)
        assert len(found) == 1
        copy = sqlite3.connect(found[0])
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (REVISIONS[0],)
        copy.close()


def test_upgrade_to_one_core_keeps_edited_drafts_only_and_names_form_records(
    db_url: str,
) -> None:
    db = at_revision(db_url, "0004_web_and_mail")
    with db.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        for key, edited in (("written", False), ("edited", True)):
            c.execute(
                "INSERT INTO tasks (owner_id, key, kind, title, due, status, company_id, "
                "draft, draft_subject, draft_edited) VALUES (1, :key, 'congrats_email', 'Email', "
                "'2026-11-20', 'open', (SELECT id FROM companies), :draft, 'Subject', :edited)",
                {"key": key, "draft": f"the {key} draft", "edited": edited},
            )
        for token, location in (
            ("a", "/applications/5"),
            ("i", "/applications/5#interview-7"),
            ("p", "/people/3"),
            ("x", "/somewhere/else"),
        ):
            c.execute(
                "INSERT INTO form_submissions (owner_id, token, location) VALUES (1, :t, :l)",
                {"t": token, "l": location},
            )
    db.close()
    reopened = open_database(db_url)
    try:
        with reopened.read() as c:
            drafts = dict(c.rows("SELECT key, draft FROM tasks"))  # type: ignore[arg-type]
            forms = dict(c.rows("SELECT token, location FROM form_submissions"))  # type: ignore[arg-type]
        assert drafts == {"written": None, "edited": "the edited draft"}
        assert forms == {
            "a": "application:5",
            "i": "interview:7",
            "p": "person:3",
            "x": "/somewhere/else",
        }
    finally:
        reopened.close()


def test_a_missing_database_is_created_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "n.db"
    with pytest.raises(StorageError, match=r"there is no database at .*nextround init --db"):
        open_database(str(path), create=False)
    assert not path.exists()
    open_database(str(path)).close()
    assert path.exists()
    # Built beside the target and moved into place: nothing else is left over.
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.startswith("n.db")) == []
    db = open_database(str(path), create=False)
    try:
        assert revision_of(db) == HEAD
    finally:
        db.close()


def test_an_empty_file_left_by_an_interrupted_start_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    path.touch()
    with pytest.raises(StorageError, match="there is no database"):
        open_database(str(path), create=False)
    open_database(str(path)).close()
    assert path.stat().st_size > 0


def test_a_half_built_file_from_a_killed_start_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    leftover = tmp_path / f".n.db.creating-{os.getpid()}"
    leftover.write_bytes(b"half a database")
    db = open_database(str(path))
    try:
        assert revision_of(db) == HEAD
    finally:
        db.close()
    assert not leftover.exists()


def test_unsupported_kinds_of_database_are_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="databases of kind 'mysql' are not supported"):
        open_database("mysql://localhost/nextround")


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
        message = f"{target}: unable to open database file"
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
