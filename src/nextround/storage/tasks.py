"""Tasks: the stored plan, written by reconciliation and read by the agenda.

Every update adds one to the task's ``revision`` and moves ``updated_at``:
calendar exports publish them as ``SEQUENCE`` and ``LAST-MODIFIED``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from nextround.domain.playbook import PlannedTask
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.storage.rows import insert_id, update_row
from nextround.storage.schema import applications, companies, people, tasks
from nextround.storage.values import as_date, must_date


def create(
    connection: sa.Connection,
    owner: int,
    step: PlannedTask,
    *,
    application_id: int,
    draft: tuple[str | None, str | None],
    today: date,
) -> int:
    subject, body = draft
    done = step.done
    return insert_id(
        connection,
        tasks.insert().values(
            owner_id=owner,
            key=step.key,
            kind=step.kind.value,
            title=step.title,
            due=step.due,
            status=(TaskStatus.DONE if done else TaskStatus.OPEN).value,
            application_id=application_id,
            company_id=step.company_id,
            person_id=step.person_id,
            url=step.url,
            draft_subject=subject,
            draft=body,
            done_on=today if done else None,
        ),
    )


def refresh(
    connection: sa.Connection,
    owner: int,
    task: Task,
    step: PlannedTask,
    *,
    application_id: int,
    draft: tuple[str | None, str | None] | None,
) -> None:
    """Bring a stored task in line with its planned step (a cancelled one reopens)."""
    values: dict[str, object] = {
        "title": step.title,
        "url": step.url,
        "application_id": application_id,
    }
    if task.status is not TaskStatus.SNOOZED:
        values.update(due=step.due, status=TaskStatus.OPEN.value)
    if draft is not None:
        values.update(draft_subject=draft[0], draft=draft[1])
    update(connection, owner, task.id, **values)


def set_status(
    connection: sa.Connection, owner: int, task_ids: Iterable[int], status: TaskStatus, today: date
) -> None:
    ids = list(task_ids)
    if not ids:
        return
    done_on = today if status in {TaskStatus.DONE, TaskStatus.SKIPPED} else None
    connection.execute(
        tasks.update()
        .where(tasks.c.owner_id == owner, tasks.c.id.in_(ids))
        .values(status=status.value, done_on=done_on, **_changed())
    )


def update(connection: sa.Connection, owner: int, task_id: int, **values: object) -> None:
    connection.execute(
        tasks.update()
        .where(tasks.c.owner_id == owner, tasks.c.id == task_id)
        .values(**values, **_changed())
    )


def update_checked(
    connection: sa.Connection,
    owner: int,
    task_id: int,
    values: Mapping[str, object],
    expected_revision: int | None,
) -> None:
    """:func:`update`, refused with ``Conflict`` if the task changed since ``expected_revision``."""
    update_row(connection, tasks, owner, task_id, values, expected_revision)


def _changed() -> dict[str, sa.ColumnElement[object]]:
    """What every update sets besides its own values."""
    return {"revision": tasks.c.revision + 1, "updated_at": sa.func.current_timestamp()}


@dataclass(frozen=True)
class Revision:
    """How many times a task was changed, and when it last was (as the database stores it)."""

    number: int
    changed_at: datetime


def revisions(connection: sa.Connection, owner: int) -> dict[int, Revision]:
    """The revision of every task of ``owner``, by task id."""
    query = sa.select(tasks.c.id, tasks.c.revision, tasks.c.updated_at).where(
        tasks.c.owner_id == owner
    )
    return {int(i): Revision(int(n), at) for i, n, at in connection.execute(query)}


def get(connection: sa.Connection, owner: int, task_id: int) -> Task | None:
    found = _load(connection, owner, tasks.c.id == task_id)
    return found[0] if found else None


def by_keys(connection: sa.Connection, owner: int, keys: Iterable[str]) -> dict[str, Task]:
    keys = list(keys)
    return {t.key: t for t in _load(connection, owner, tasks.c.key.in_(keys))} if keys else {}


def of_application(connection: sa.Connection, owner: int, application_id: int) -> list[Task]:
    return _load(connection, owner, tasks.c.application_id == application_id)


def of_person(connection: sa.Connection, owner: int, person_id: int) -> list[Task]:
    return _load(connection, owner, tasks.c.person_id == person_id)


def of_company(connection: sa.Connection, owner: int, company_id: int) -> list[Task]:
    return _load(connection, owner, tasks.c.company_id == company_id)


def pending_of_company(connection: sa.Connection, owner: int, company_id: int) -> list[Task]:
    pending = [TaskStatus.OPEN.value, TaskStatus.SNOOZED.value]
    return _load(
        connection, owner, sa.and_(tasks.c.company_id == company_id, tasks.c.status.in_(pending))
    )


def open_of_kind(connection: sa.Connection, owner: int, person_id: int, kind: Kind) -> list[Task]:
    pending = [TaskStatus.OPEN.value, TaskStatus.SNOOZED.value]
    return _load(
        connection,
        owner,
        sa.and_(
            tasks.c.person_id == person_id, tasks.c.kind == kind.value, tasks.c.status.in_(pending)
        ),
    )


def list_all(connection: sa.Connection, owner: int, *, pending_only: bool) -> list[Task]:
    pending = [TaskStatus.OPEN.value, TaskStatus.SNOOZED.value]
    return _load(connection, owner, tasks.c.status.in_(pending) if pending_only else sa.true())


def _load(connection: sa.Connection, owner: int, where: sa.ColumnElement[bool]) -> list[Task]:
    query = (
        sa.select(
            tasks,
            companies.c.name.label("company"),
            people.c.name.label("person"),
            applications.c.company_id.label("app_company_id"),
        )
        .outerjoin(companies, companies.c.id == tasks.c.company_id)
        .outerjoin(people, people.c.id == tasks.c.person_id)
        .outerjoin(applications, applications.c.id == tasks.c.application_id)
        .where(tasks.c.owner_id == owner, where)
        .order_by(tasks.c.due, tasks.c.id)
    )
    return [
        Task(
            id=r["id"],
            key=r["key"],
            kind=Kind(r["kind"]),
            title=r["title"],
            due=must_date(r["due"]),
            status=TaskStatus(r["status"]),
            application_id=r["application_id"],
            company_id=r["company_id"],
            company=r["company"],
            person_id=r["person_id"],
            person=r["person"],
            url=r["url"],
            draft_subject=r["draft_subject"],
            draft=r["draft"],
            draft_edited=bool(r["draft_edited"]),
            done_on=as_date(r["done_on"]),
            revision=r["revision"],
        )
        for r in connection.execute(query).mappings()
    ]


def find(
    connection: sa.Connection,
    owner: int,
    *,
    statuses: Iterable[TaskStatus],
    due_before: date | None = None,
) -> list[Task]:
    """Tasks in any of ``statuses``, due before a day if given; one query whatever their number."""
    where: sa.ColumnElement[bool] = tasks.c.status.in_([s.value for s in statuses])
    if due_before is not None:
        where = sa.and_(where, tasks.c.due < due_before)
    return _load(connection, owner, where)
