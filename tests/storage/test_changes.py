"""Recorded changes at the storage level: undo, restore, expiry, forgetting, backups scrubbed.

Every write of :mod:`nextround.storage.records` made while a change is recorded
leaves a note; these tests write rows directly and check what undoing,
restoring and forgetting do to them, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nextround.domain.history import TRASH_DAYS, UNDO_KEPT, Change, ChangeKind
from nextround.errors import Conflict
from nextround.storage import changes, forgetting, records, sqlite_files
from nextround.storage.changes import MissingParent
from nextround.storage.database import LOCAL_OWNER, Database, open_database
from nextround.storage.sql import Connection
from tests.tables import fingerprint, rows_of

OWNER = LOCAL_OWNER
NOW = datetime(2026, 11, 25, 12, 0, 0)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    opened = open_database(db_url)
    yield opened
    opened.close()


def company(c: Connection, name: str, **values: object) -> int:
    return records.insert(c, "companies", OWNER, {"name": name, **values})


def latest(db: Database) -> Change:
    with db.read() as c:
        found = changes.latest(c, OWNER)
    assert found is not None
    return found


def undo_latest(db: Database) -> Change:
    change = latest(db)
    with db.transaction() as c:
        changes.undo(c, OWNER, change)
    return change


def names(db: Database) -> list[str]:
    with db.read() as c:
        return sorted(str(n) for n in c.scalars("SELECT name FROM companies"))


def change_count(db: Database) -> int:
    with db.read() as c:
        return int(c.scalar("SELECT COUNT(*) FROM changes"))


def test_writes_in_a_change_are_stored_with_it_and_undone_newest_first(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "first"):
        acme = company(c, "Acme")
    before = fingerprint(db)
    with db.transaction() as c, changes.recording(c, OWNER, "second") as recorder:
        globex = company(c, "Globex")
        records.update(c, "companies", OWNER, acme, {"name": "Acme Robotics", "notes": "one"})
        records.update(c, "companies", OWNER, acme, {"notes": "two"})
        records.delete(c, "companies", OWNER, globex)
        company(c, "Initech")
    assert [n.op for n in recorder.notes] == ["insert", "update", "delete", "insert"]
    assert names(db) == ["Acme Robotics", "Initech"]
    undone = undo_latest(db)
    assert (undone.label, undone.kind) == ("second", ChangeKind.CHANGE)
    assert fingerprint(db) == before
    assert names(db) == ["Acme"]
    with db.read() as c:
        found = changes.get(c, OWNER, undone.id)
    assert found is not None and found.undone
    undo_latest(db)
    assert names(db) == []
    with db.read() as c:
        assert changes.latest(c, OWNER) is None


def test_a_change_that_writes_nothing_is_not_stored(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "nothing"):
        assert records.update(c, "companies", OWNER, 999, {"name": "x"}) is None
        assert records.delete(c, "companies", OWNER, 999) is None
    assert change_count(db) == 0


def test_a_change_inside_another_joins_it_and_a_deletion_makes_it_trash(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "outer"):
        acme = company(c, "Acme")
        with changes.recording(c, OWNER, "inner", kind=ChangeKind.TRASH):
            records.delete(c, "companies", OWNER, acme)
    [only] = _all_changes(db)
    assert (only.label, only.kind) == ("outer", ChangeKind.TRASH)


def _all_changes(db: Database) -> list[Change]:
    with db.read() as c:
        return changes.recent(c, OWNER, 1000)


def test_a_rolled_back_savepoint_leaves_no_note(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "partly") as recorder:
        company(c, "Kept")
        with pytest.raises(RuntimeError), c.savepoint():
            company(c, "Rolled back")
            raise RuntimeError
        assert len(recorder.notes) == 1
    assert names(db) == ["Kept"]
    undo_latest(db)
    assert names(db) == []


def test_an_undone_update_moves_the_revision_on_not_back(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "add"):
        acme = company(c, "Acme")
    with db.transaction() as c, changes.recording(c, OWNER, "edit"):
        records.update(c, "companies", OWNER, acme, {"name": "Acme Robotics"})
    undo_latest(db)
    with db.read() as c:
        row = c.row("SELECT name, revision FROM companies WHERE id = :id", {"id": acme})
    assert row is not None
    assert (row["name"], row["revision"]) == ("Acme", 2)
    # An edit begun on revision 1 (before the undo) is stale.
    with pytest.raises(Conflict), db.transaction() as c:
        records.update(c, "companies", OWNER, acme, {"name": "Stale"}, expect={"revision": 1})
    assert names(db) == ["Acme"]


def test_a_deletion_restored_out_of_turn_brings_its_rows_back_with_their_ids(
    db: Database,
) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "add"):
        acme = company(c, "Acme", notes="keep me")
        records.insert(
            c, "company_socials", OWNER, {"company_id": acme, "url": "https://acme.example/x"}
        )
    before = fingerprint(db)
    with db.transaction() as c, changes.recording(c, OWNER, "gone", kind=ChangeKind.TRASH):
        records.delete_where(c, "company_socials", OWNER, "company_id = :c", {"c": acme})
        records.delete(c, "companies", OWNER, acme)
    trashed = latest(db)
    with db.transaction() as c, changes.recording(c, OWNER, "later"):
        company(c, "Globex")
    with db.read() as c:
        assert [t.id for t in changes.in_trash(c, OWNER)] == [trashed.id]
    with db.transaction() as c, changes.recording(c, OWNER, "restore", kind=ChangeKind.RESTORE):
        back = changes.restore(c, OWNER, trashed)
    assert [t for t, _ in back] == ["company_socials", "companies"]
    after = fingerprint(db)
    assert after["company_socials"] == before["company_socials"]
    assert [r for r in after["companies"] if "Acme" in r] == before["companies"]
    with db.read() as c:
        assert changes.in_trash(c, OWNER) == []
    with pytest.raises(Conflict, match="exists again"), db.transaction() as c:
        changes.restore(c, OWNER, trashed)  # its rows are there already


def test_undoing_a_restore_puts_the_rows_back_in_the_trash(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "add"):
        acme = company(c, "Acme")
    with db.transaction() as c, changes.recording(c, OWNER, "gone", kind=ChangeKind.TRASH):
        records.delete(c, "companies", OWNER, acme)
    trashed = latest(db)
    with (
        db.transaction() as c,
        changes.recording(c, OWNER, "restore", kind=ChangeKind.RESTORE) as recorder,
    ):
        recorder.restores_id = trashed.id
        changes.restore(c, OWNER, trashed)
    assert names(db) == ["Acme"]
    undo_latest(db)
    assert names(db) == []
    with db.read() as c:
        assert [t.id for t in changes.in_trash(c, OWNER)] == [trashed.id]


def test_a_row_whose_parent_is_gone_is_not_restored(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "add"):
        acme = company(c, "Acme")
        person = records.insert(c, "people", OWNER, {"name": "Dana", "company_id": acme})
    with db.transaction() as c, changes.recording(c, OWNER, "person", kind=ChangeKind.TRASH):
        records.delete(c, "people", OWNER, person)
    person_gone = latest(db)
    with db.transaction() as c, changes.recording(c, OWNER, "company", kind=ChangeKind.TRASH):
        records.delete(c, "companies", OWNER, acme)
    with pytest.raises(MissingParent) as missing, db.transaction() as c:
        changes.restore(c, OWNER, person_gone)
    assert (missing.value.table, missing.value.row_id) == ("companies", acme)
    assert f"company {acme}, which has been deleted since" in missing.value.message
    with db.read() as c:
        assert c.scalar("SELECT COUNT(*) FROM people") == 0
        assert len(changes.in_trash(c, OWNER)) == 2


def test_deleted_ids_are_never_given_again(db: Database) -> None:
    with db.transaction() as c:
        first = company(c, "First")
        newest = company(c, "Newest")
    with db.transaction() as c, changes.recording(c, OWNER, "gone", kind=ChangeKind.TRASH):
        records.delete(c, "companies", OWNER, newest)
    trashed = latest(db)
    with db.transaction() as c:
        later = company(c, "Later")
    assert later > newest > first
    with db.transaction() as c:
        changes.restore(c, OWNER, trashed)
        assert c.scalar("SELECT id FROM companies WHERE name = 'Newest'") == newest


def test_an_upgraded_database_never_gives_a_deleted_id_again(tmp_path: Path) -> None:
    """Rows written before ``id_sequence`` existed: deleting the newest must not free its id."""
    from tests.tables import at_revision

    url = str(tmp_path / "n.db")
    old = at_revision(url, "0004_web_and_mail")
    with old.transaction() as c:
        for name in ("A", "B", "C"):
            c.execute("INSERT INTO companies (owner_id, name) VALUES (1, :n)", {"n": name})
    old.close()
    db = open_database(url)
    try:
        with db.transaction() as c, changes.recording(c, OWNER, "gone", kind=ChangeKind.TRASH):
            records.delete(c, "companies", OWNER, 3)
        trashed = latest(db)
        with db.transaction() as c:
            assert company(c, "D") == 4
            changes.restore(c, OWNER, trashed)
        assert names(db) == ["A", "B", "C", "D"]
    finally:
        db.close()


def test_many_rows_are_changed_and_undone_in_chunks(db: Database) -> None:
    with db.transaction() as c:
        for i in range(1200):
            company(c, f"Company {i:04}")
    before = fingerprint(db)
    with db.transaction() as c, changes.recording(c, OWNER, "all"):
        assert records.update_where(c, "companies", OWNER, "1 = 1", {}, {"notes": "x"}) == 1200
        assert records.delete_where(c, "companies", OWNER, "name NOT LIKE :p", {"p": "%7"}) == 1080
    undo_latest(db)
    assert fingerprint(db) == before


def test_a_conditional_update_refuses_a_stale_row_and_changes_nothing(db: Database) -> None:
    with db.transaction() as c:
        acme = company(c, "Acme")
    with db.transaction() as c:
        records.update(c, "companies", OWNER, acme, {"notes": "theirs"}, expect={"revision": 0})
    before = fingerprint(db)
    with pytest.raises(Conflict, match="changed elsewhere"), db.transaction() as c:
        records.update(c, "companies", OWNER, acme, {"notes": "mine"}, expect={"revision": 0})
    with pytest.raises(Conflict, match="not yours"), db.transaction() as c:
        records.update(
            c,
            "companies",
            OWNER,
            acme,
            {"notes": "mine"},
            expect={"revision": frozenset({5, 6}), "name": "Acme"},
            stale="not yours",
        )
    assert fingerprint(db) == before
    with db.transaction() as c:
        was = records.update(
            c, "companies", OWNER, acme, {"notes": "mine"}, expect={"revision": (0, 1)}
        )
    assert was is not None and was["notes"] == "theirs"


def test_rows_belong_to_their_owner(db: Database) -> None:
    with db.transaction() as c:
        acme = company(c, "Acme")
        assert records.update(c, "companies", OWNER + 1, acme, {"notes": "x"}) is None
        assert records.delete(c, "companies", OWNER + 1, acme) is None
        assert records.update_where(c, "companies", OWNER + 1, "1 = 1", {}, {"notes": "x"}) == 0
        assert not records.exists(c, "companies", OWNER + 1, acme)
        assert records.exists(c, "companies", OWNER, acme)
    assert names(db) == ["Acme"]


def _made_at(db: Database, change_id: int, when: datetime) -> None:
    with db.transaction() as c:
        c.execute(
            "UPDATE changes SET made_at = :when WHERE id = :id", {"when": when, "id": change_id}
        )


def test_the_trash_is_emptied_after_thirty_days(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "add"):
        old, fresh = company(c, "Old"), company(c, "Fresh")
    ids = {}
    for row_id in (old, fresh):
        with db.transaction() as c, changes.recording(c, OWNER, "gone", kind=ChangeKind.TRASH):
            records.delete(c, "companies", OWNER, row_id)
        ids[row_id] = latest(db).id
    _made_at(db, ids[old], NOW - timedelta(days=TRASH_DAYS, seconds=1))
    _made_at(db, ids[fresh], NOW - timedelta(days=TRASH_DAYS - 1))
    with db.transaction() as c:
        forgotten, rows = forgetting.expire(c, OWNER, NOW)
    assert forgotten == [ids[old]]
    assert [(t, image["name"]) for t, image in rows] == [("companies", "Old")]
    with db.read() as c:
        assert [t.id for t in changes.in_trash(c, OWNER)] == [ids[fresh]]
        assert (
            c.scalar("SELECT COUNT(*) FROM change_rows WHERE change_id = :id", {"id": ids[old]})
            == 0
        )


def test_the_latest_hundred_changes_stay_undoable_whatever_their_age(db: Database) -> None:
    for i in range(UNDO_KEPT + 5):
        with db.transaction() as c, changes.recording(c, OWNER, f"change {i}"):
            company(c, f"Company {i}")
    with db.transaction() as c:
        c.execute("UPDATE changes SET made_at = :when", {"when": NOW - timedelta(days=365)})
        forgotten, rows = forgetting.expire(c, OWNER, NOW)
    assert len(forgotten) == 5
    assert rows == []  # no deletion among them: nothing left the trash
    kept = _all_changes(db)
    assert len(kept) == UNDO_KEPT
    assert kept[-1].label == "change 5"
    # Recent changes are kept however many there are.
    with db.transaction() as c:
        assert forgetting.expire(c, OWNER, NOW - timedelta(days=300)) == ([], [])


def test_forgetting_a_deletion_forgets_the_earlier_versions_of_its_rows(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "add"):
        acme = company(c, "Acme", notes="the first secret")
    with db.transaction() as c, changes.recording(c, OWNER, "edit"):
        records.update(c, "companies", OWNER, acme, {"notes": "the second secret"})
    with db.transaction() as c, changes.recording(c, OWNER, "gone", kind=ChangeKind.TRASH):
        records.delete(c, "companies", OWNER, acme)
    trashed = latest(db)
    with db.transaction() as c:
        forgetting.forget(c, OWNER, [trashed.id])
    with db.read() as c:
        kept = " ".join(rows_of(c, "change_rows") + rows_of(c, "changes"))
    assert "secret" not in kept
    assert "Acme" not in kept
    undo_latest(db)  # the edit: its row is gone for good, nothing comes back
    assert names(db) == []


def test_forgotten_rows_are_scrubbed_from_the_backups(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    db = open_database(str(path))
    try:
        with db.transaction() as c, changes.recording(c, OWNER, "add"):
            secret = company(c, "Zebediah Quux Holdings", notes="unlisted")
            company(c, "Stays Corp")
        with db.transaction() as c, changes.recording(c, OWNER, "edit"):
            records.update(c, "companies", OWNER, secret, {"website": "https://zq.example"})
        backup = sqlite_files.backup(path, "test")
        assert b"Zebediah Quux" in backup.read_bytes()
        with db.transaction() as c, changes.recording(c, OWNER, "gone", kind=ChangeKind.TRASH):
            records.delete(c, "companies", OWNER, secret)
        trashed = latest(db)
        with db.transaction() as c:
            rows = forgetting.forget(c, OWNER, [trashed.id])
        assert forgetting.scrub_backups(path, [trashed.id], rows) == 1
    finally:
        db.close()
    data = backup.read_bytes()
    assert b"Zebediah Quux" not in data
    assert b"zq.example" not in data
    assert b"Stays Corp" in data
    assert not Path(f"{backup}-wal").exists()
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT name FROM companies").fetchall() == [("Stays Corp",)]
    finally:
        copy.close()


def test_a_restore_puts_back_what_the_deletion_changed_unless_changed_since(db: Database) -> None:
    with db.transaction() as c, changes.recording(c, OWNER, "add"):
        acme = company(c, "Acme", notes="keep")
        globex = company(c, "Globex", notes="keep")
        initech = company(c, "Initech", notes="keep")
    with db.transaction() as c, changes.recording(c, OWNER, "gone", kind=ChangeKind.TRASH):
        records.update(c, "companies", OWNER, globex, {"notes": "changed by the deletion"})
        records.update(c, "companies", OWNER, initech, {"notes": "changed by the deletion"})
        records.delete(c, "companies", OWNER, acme)
    trashed = latest(db)
    with db.transaction() as c, changes.recording(c, OWNER, "later"):
        records.update(c, "companies", OWNER, initech, {"notes": "changed later"})
    with db.transaction() as c, changes.recording(c, OWNER, "restore", kind=ChangeKind.RESTORE):
        changes.restore(c, OWNER, trashed)

    def notes() -> dict[str, str]:
        with db.read() as c:
            return {r[0]: r[1] for r in c.rows("SELECT name, notes FROM companies")}

    assert notes() == {"Acme": "keep", "Globex": "keep", "Initech": "changed later"}
    undo_latest(db)  # the restore
    assert notes() == {"Globex": "changed by the deletion", "Initech": "changed later"}
