"""The schema service behind ``nextround db status|upgrade``: what it reports and does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.errors import StorageError
from nextround.services import schema
from nextround.storage.database import Database, open_database
from nextround.storage.revision_ids import HEAD, REVISIONS
from tests.tables import at_revision, revision_of

TODAY = date(2026, 11, 25)


def settings(path: Path) -> Settings:
    return Settings(db_url=str(path), today=TODAY)


def test_a_current_database_is_reported_current_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    open_database(str(path)).close()
    found = schema.status(settings(path))
    assert (found.revision, found.head, found.current, found.backups) == (HEAD, HEAD, True, ())
    assert found.to_json() == {
        "database": found.where,
        "revision": HEAD,
        "head": HEAD,
        "current": True,
        "backups": [],
    }
    before = path.read_bytes()
    done = schema.upgrade(settings(path))
    assert (done.before, done.after, done.backup) == (HEAD, HEAD, None)
    assert done.to_json()["backup"] is None
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_an_older_database_is_upgraded_once_with_a_copy_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    at_revision(str(path), REVISIONS[0]).close()
    old = schema.status(settings(path))
    assert (old.revision, old.current) == (REVISIONS[0], False)
    assert str(path) in old.where
    done = schema.upgrade(settings(path))
    assert (done.before, done.after) == (REVISIONS[0], HEAD)
    assert done.backup is not None and done.backup.exists()
    assert done.to_json() == {
        "database": done.where,
        "before": REVISIONS[0],
        "after": HEAD,
        "backup": str(done.backup),
    }
    assert revision_of(Database(str(path))) == HEAD
    # The copy is the database as it was, and status lists it.
    assert revision_of(Database(str(done.backup))) == REVISIONS[0]
    now = schema.status(settings(path))
    assert (now.revision, now.current, now.backups) == (HEAD, True, (done.backup,))


def test_a_missing_file_is_not_created_and_the_error_says_how(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    for call in (schema.status, schema.upgrade):
        with pytest.raises(StorageError) as raised:
            call(settings(path))
        assert str(raised.value) == (
            f"there is no database at {path}; create one with `nextround init --db {path}`"
        )
    assert not path.exists()


def test_only_the_latest_three_copies_are_kept_with_their_side_files(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    copies = []
    for _ in range(4):
        path.unlink(missing_ok=True)
        at_revision(str(path), REVISIONS[0]).close()
        copy = schema.upgrade(settings(path)).backup
        assert copy is not None
        revision_of(Database(str(copy)))  # opened, as a curious user might: -wal, -shm
        copies.append(copy)
    kept = schema.status(settings(path)).backups
    assert kept == tuple(copies[1:])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(copies[0].name)]
