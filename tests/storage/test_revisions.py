"""Task revisions (migration 0003): added to old databases, bumped by every task update."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa
from alembic import command

from nextround.domain.playbook import PlannedTask
from nextround.domain.tasks import Kind, TaskStatus
from nextround.services.context import Context
from nextround.storage import tasks
from nextround.storage.database import HEAD, LOCAL_OWNER, Database, open_database
from nextround.storage.migrate import alembic_config, upgrade
from nextround.storage.schema import tasks as tasks_table

BEFORE = "0002_full_text_search"
PINNED = datetime(2026, 1, 2, 3, 4, 5)


def _columns(db: Database) -> set[str]:
    with db.engine().connect() as c:
        return {col["name"] for col in sa.inspect(c).get_columns("tasks")}


def _insert_task_by_hand(db: Database) -> None:
    with db.engine().begin() as c:
        c.execute(sa.text("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')"))
        c.execute(
            sa.text(
                "INSERT INTO tasks (owner_id, key, kind, title, due, status, company_id) "
                "VALUES (1, 'k1', 'journal', 'Write it down', '2026-11-20', 'open', "
                "(SELECT id FROM companies))"
            )
        )


def test_upgrading_an_older_database_starts_its_tasks_at_revision_zero(db_url: str) -> None:
    old = Database(db_url)
    upgrade(old.engine(), BEFORE)
    assert "revision" not in _columns(old)
    _insert_task_by_hand(old)
    old.close()
    db = open_database(db_url)
    try:
        with db.transaction() as c:
            found = tasks.revisions(c, LOCAL_OWNER)
        assert [r.number for r in found.values()] == [0]
    finally:
        db.close()


def test_the_migration_downgrades_and_upgrades_again(db_url: str) -> None:
    db = open_database(db_url)
    try:
        _insert_task_by_hand(db)
        with db.engine().begin() as c:
            command.downgrade(alembic_config(c), BEFORE)
        assert "revision" not in _columns(db)
        upgrade(db.engine(), HEAD)
        assert "revision" in _columns(db)
        with db.transaction() as c:
            assert [t.title for t in tasks.list_all(c, LOCAL_OWNER, pending_only=True)] == [
                "Write it down"
            ]
    finally:
        db.close()


@pytest.fixture
def task_id(ctx: Context) -> int:
    with ctx.db.transaction() as c:
        c.execute(sa.text("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')"))
        company_id = c.execute(sa.text("SELECT id FROM companies")).scalar_one()
        app_id = c.execute(
            sa.text(
                "INSERT INTO applications (owner_id, company_id, role, status) "
                "VALUES (1, :c, 'Engineer', 'rejected') RETURNING id"
            ),
            {"c": company_id},
        ).scalar_one()
        step = PlannedTask("journal:a1", Kind.JOURNAL, "Write it down", date(2026, 11, 26), 1)
        new_id = tasks.create(
            c, LOCAL_OWNER, step, application_id=app_id, draft=(None, None), today=ctx.today
        )
        tasks.create(
            c,
            LOCAL_OWNER,
            PlannedTask("other", Kind.CHECK_BACK, "Check back", date(2027, 2, 1), company_id),
            application_id=app_id,
            draft=(None, None),
            today=ctx.today,
        )
        c.execute(tasks_table.update().values(updated_at=PINNED))
    return new_id


def _revision(ctx: Context, task_id: int) -> tasks.Revision:
    with ctx.db.transaction() as c:
        return tasks.revisions(c, LOCAL_OWNER)[task_id]


def test_a_new_task_is_at_revision_zero(ctx: Context, task_id: int) -> None:
    assert _revision(ctx, task_id) == tasks.Revision(0, PINNED)


def test_every_kind_of_update_adds_one_and_moves_the_change_time(
    ctx: Context, task_id: int
) -> None:
    with ctx.db.transaction() as c:
        tasks.update(c, LOCAL_OWNER, task_id, title="Write it all down")
        task = tasks.get(c, LOCAL_OWNER, task_id)
        assert task is not None
        step = PlannedTask("journal:a1", Kind.JOURNAL, "Write more", date(2026, 11, 27), 1)
        tasks.refresh(c, LOCAL_OWNER, task, step, application_id=1, draft=None)
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
    with ctx.db.transaction() as c:
        assert tasks.revisions(c, LOCAL_OWNER + 1) == {}
