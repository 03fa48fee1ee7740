"""Task revisions (migration 0003): added to old databases, bumped by every task update."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nextround.domain.playbook import PlannedTask
from nextround.domain.tasks import Kind, TaskStatus
from nextround.errors import Conflict
from nextround.services.context import Context
from nextround.storage import records, tasks
from nextround.storage.database import LOCAL_OWNER, Database, open_database
from nextround.storage.migrate import upgrade
from nextround.storage.revision_ids import HEAD
from nextround.storage.sql import Connection
from tests.tables import at_revision, columns, downgrade, revision_of

BEFORE = "0002_full_text_search"
PINNED = datetime(2026, 1, 2, 3, 4, 5)


def _columns(db: Database) -> list[str]:
    with db.read() as c:
        return columns(c, "tasks")


def _insert_task_by_hand(db: Database) -> None:
    with db.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        c.execute(
            "INSERT INTO tasks (owner_id, key, kind, title, due, status, company_id) "
            "VALUES (1, 'k1', 'journal', 'Write it down', '2026-11-20', 'open', "
            "(SELECT id FROM companies))"
        )


def test_upgrading_an_older_database_starts_its_tasks_at_revision_zero(db_url: str) -> None:
    old = at_revision(db_url, BEFORE)
    assert "revision" not in _columns(old)
    _insert_task_by_hand(old)
    old.close()
    db = open_database(db_url)
    try:
        assert revision_of(db) == HEAD
        with db.read() as c:
            found = tasks.revisions(c, LOCAL_OWNER)
        assert [r.number for r in found.values()] == [0]
    finally:
        db.close()


def test_the_migrations_downgrade_and_upgrade_again(db_url: str) -> None:
    db = open_database(db_url)
    try:
        _insert_task_by_hand(db)
        downgrade(db_url, BEFORE)
        assert revision_of(db) == BEFORE
        assert "revision" not in _columns(db)
        upgrade(db_url, db.path, db_url)
        assert revision_of(db) == HEAD
        assert "revision" in _columns(db)
        with db.read() as c:
            assert [t.title for t in tasks.list_all(c, LOCAL_OWNER, pending_only=True)] == [
                "Write it down"
            ]
    finally:
        db.close()


def _app(c: Connection) -> tuple[int, int]:
    company_id = records.insert(c, "companies", LOCAL_OWNER, {"name": "Acme"})
    app_id = records.insert(
        c,
        "applications",
        LOCAL_OWNER,
        {"company_id": company_id, "role": "Engineer", "status": "rejected"},
    )
    return company_id, app_id


@pytest.fixture
def task_id(ctx: Context) -> int:
    with ctx.db.transaction() as c:
        company_id, app_id = _app(c)
        step = PlannedTask("journal:a1", Kind.JOURNAL, "Write it down", date(2026, 11, 26), 1)
        new_id = tasks.create(c, LOCAL_OWNER, step, application_id=app_id, today=ctx.today)
        tasks.create(
            c,
            LOCAL_OWNER,
            PlannedTask("other", Kind.CHECK_BACK, "Check back", date(2027, 2, 1), company_id),
            application_id=app_id,
            today=ctx.today,
        )
        c.execute("UPDATE tasks SET updated_at = :when", {"when": PINNED})
    return new_id


def _revision(ctx: Context, task_id: int) -> tasks.Revision:
    with ctx.db.read() as c:
        return tasks.revisions(c, LOCAL_OWNER)[task_id]


def test_a_new_task_is_at_revision_zero(ctx: Context, task_id: int) -> None:
    assert _revision(ctx, task_id) == tasks.Revision(0, PINNED)


def test_every_kind_of_update_adds_one_and_moves_the_change_time(
    ctx: Context, task_id: int
) -> None:
    with ctx.db.transaction() as c:
        assert tasks.change(c, LOCAL_OWNER, task_id, {"title": "Write it all down"})
        task = tasks.get(c, LOCAL_OWNER, task_id)
        assert task is not None
        step = PlannedTask("journal:a1", Kind.JOURNAL, "Write more", date(2026, 11, 27), 1)
        tasks.refresh(c, LOCAL_OWNER, task, step, application_id=1)
        tasks.set_status(c, LOCAL_OWNER, [task_id], TaskStatus.DONE, ctx.today)
        tasks.set_status(c, LOCAL_OWNER, [], TaskStatus.DONE, ctx.today)
    revision = _revision(ctx, task_id)
    assert revision.number == 3
    assert revision.changed_at > PINNED


def test_updates_leave_the_other_tasks_alone(ctx: Context, task_id: int) -> None:
    with ctx.db.transaction() as c:
        tasks.set_status(c, LOCAL_OWNER, [task_id], TaskStatus.SKIPPED, ctx.today)
        others = {i: r for i, r in tasks.revisions(c, LOCAL_OWNER).items() if i != task_id}
    assert list(others.values()) == [tasks.Revision(0, PINNED)]


def test_revisions_belong_to_their_owner(ctx: Context, task_id: int) -> None:
    with ctx.db.read() as c:
        assert tasks.revisions(c, LOCAL_OWNER + 1) == {}
        assert tasks.get(c, LOCAL_OWNER + 1, task_id) is None


def test_a_conditional_change_on_a_stale_revision_changes_nothing(
    ctx: Context, task_id: int
) -> None:
    with ctx.db.transaction() as c:
        tasks.change(c, LOCAL_OWNER, task_id, {"title": "First"}, expected_revision=0)
    with pytest.raises(Conflict, match="stale here"), ctx.db.transaction() as c:
        tasks.change(
            c, LOCAL_OWNER, task_id, {"title": "Second"}, expected_revision=0, stale="stale here"
        )
    with pytest.raises(Conflict), ctx.db.transaction() as c:
        tasks.change(c, LOCAL_OWNER, task_id, {"title": "Third"}, from_statuses=[TaskStatus.DONE])
    with ctx.db.read() as c:
        found = tasks.get(c, LOCAL_OWNER, task_id)
    assert found is not None
    assert (found.title, found.revision) == ("First", 1)
