"""Tasks: the stored plan, written by reconciliation and read by the agenda.

Every update adds one to the task's ``revision`` and moves ``updated_at``:
calendar exports publish them as ``SEQUENCE`` and ``LAST-MODIFIED``. A task's
draft is stored only once the user edited it; otherwise it is written from the
current data whenever it is shown.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from nextround.domain.playbook import PlannedTask
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.storage import records
from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.sql import Connection, Row, as_bool, as_datetime, in_list
from nextround.storage.values import as_date, must_date

_SELECT = (
    "SELECT t.*, c.name AS company, p.name AS person FROM tasks t "
    "LEFT JOIN companies c ON c.id = t.company_id "
    "LEFT JOIN people p ON p.id = t.person_id "
    "WHERE t.owner_id = :owner"
)
_PENDING = ("open", "snoozed")
#: The order of every list of tasks: by day due.
ORDER = Order(Column("t.due", "due", date), Column("t.id", "id", int))


def create(
    c: Connection, owner: int, step: PlannedTask, *, application_id: int, today: date
) -> int:
    return records.insert(
        c,
        "tasks",
        owner,
        {
            "key": step.key,
            "kind": step.kind.value,
            "title": step.title,
            "due": step.due,
            "status": (TaskStatus.DONE if step.done else TaskStatus.OPEN).value,
            "application_id": application_id,
            "company_id": step.company_id,
            "person_id": step.person_id,
            "url": step.url,
            "done_on": today if step.done else None,
        },
    )


def refresh(
    c: Connection, owner: int, task: Task, step: PlannedTask, *, application_id: int
) -> None:
    """Bring a stored task in line with its planned step (a cancelled one reopens)."""
    values: dict[str, object] = {
        "title": step.title,
        "url": step.url,
        "application_id": application_id,
        "company_id": step.company_id,
    }
    if task.status is not TaskStatus.SNOOZED:
        values.update(due=step.due, status=TaskStatus.OPEN.value, done_on=None)
    records.update(c, "tasks", owner, task.id, values)


def set_status(
    c: Connection, owner: int, task_ids: Iterable[int], status: TaskStatus, today: date
) -> None:
    """Several tasks at once, as reconciling decides (no condition)."""
    ids = list(task_ids)
    if not ids:
        return
    done_on = today if status in {TaskStatus.DONE, TaskStatus.SKIPPED} else None
    listed, params = in_list("t", ids)
    records.update_where(
        c, "tasks", owner, f"id IN {listed}", params, {"status": status.value, "done_on": done_on}
    )


def change(
    c: Connection,
    owner: int,
    task_id: int,
    changes: Mapping[str, object],
    *,
    from_statuses: Collection[TaskStatus] | None = None,
    expected_revision: int | None = None,
    stale: str | None = None,
) -> bool:
    """Change one task, only if it still is in one of ``from_statuses`` (and at the revision).

    Checked on the row locked for the update: of two clients acting on one
    task at once, one wins, the other gets ``stale`` as a Conflict.
    """
    expect: dict[str, object] = {}
    if from_statuses is not None:
        expect["status"] = frozenset(s.value for s in from_statuses)
    if expected_revision is not None:
        expect["revision"] = expected_revision
    return (
        records.update(c, "tasks", owner, task_id, changes, expect=expect or None, stale=stale)
        is not None
    )


@dataclass(frozen=True)
class Revision:
    """How many times a task was changed, and when it last was (as the database stores it)."""

    number: int
    changed_at: datetime


def revisions(c: Connection, owner: int) -> dict[int, Revision]:
    """The revision of every task of ``owner``, by task id."""
    rows = c.rows(
        "SELECT id, revision, updated_at FROM tasks WHERE owner_id = :owner", {"owner": owner}
    )
    found = {}
    for r in rows:
        changed = as_datetime(r[2])
        assert changed is not None
        found[int(r[0])] = Revision(int(r[1]), changed)
    return found


def get(c: Connection, owner: int, task_id: int) -> Task | None:
    found = _load(c, owner, "t.id = :id", {"id": task_id})
    return found[0] if found else None


def get_many(c: Connection, owner: int, ids: Iterable[int]) -> list[Task]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    listed, params = in_list("i", wanted)
    found = {t.id: t for t in _load(c, owner, f"t.id IN {listed}", params)}
    return [found[i] for i in wanted if i in found]


def by_keys(c: Connection, owner: int, keys: Iterable[str]) -> dict[str, Task]:
    wanted = list(keys)
    if not wanted:
        return {}
    listed, params = in_list("k", wanted)
    return {t.key: t for t in _load(c, owner, f"t.key IN {listed}", params)}


def of_application(c: Connection, owner: int, application_id: int) -> list[Task]:
    return _load(c, owner, "t.application_id = :app", {"app": application_id})


def of_person(c: Connection, owner: int, person_id: int) -> list[Task]:
    return _load(c, owner, "t.person_id = :person", {"person": person_id})


def of_company(c: Connection, owner: int, company_id: int) -> list[Task]:
    return _load(c, owner, "t.company_id = :company", {"company": company_id})


def pending_of_company(c: Connection, owner: int, company_id: int) -> list[Task]:
    return _load(
        c,
        owner,
        "t.company_id = :company AND t.status IN ('open', 'snoozed')",
        {"company": company_id},
    )


def open_of_kind(c: Connection, owner: int, person_id: int, kind: Kind) -> list[Task]:
    return _load(
        c,
        owner,
        "t.person_id = :person AND t.kind = :kind AND t.status IN ('open', 'snoozed')",
        {"person": person_id, "kind": kind.value},
    )


def list_all(c: Connection, owner: int, *, pending_only: bool) -> list[Task]:
    if pending_only:
        return _load(c, owner, "t.status IN ('open', 'snoozed')", {})
    return _load(c, owner, "1 = 1", {})


def find(
    c: Connection,
    owner: int,
    *,
    statuses: Iterable[TaskStatus],
    due_before: date | None = None,
    window: Window = EVERYTHING,
) -> list[Task]:
    """Tasks in any of ``statuses``, due before a day if given; one query whatever their number.

    With a limited ``window``, one row more than the limit (see :mod:`nextround.storage.paging`)."""
    listed, params = in_list("s", [s.value for s in statuses])
    where = f"t.status IN {listed}"
    if due_before is not None:
        where += " AND t.due < :before"
        params["before"] = due_before
    return _load(c, owner, where, params, window)


def _load(
    c: Connection,
    owner: int,
    where: str,
    params: Mapping[str, object],
    window: Window = EVERYTHING,
) -> list[Task]:
    rows = ORDER.rows(c, _SELECT, where, {**params, "owner": owner}, window)
    return [task(r) for r in rows]


def task(r: Row) -> Task:
    edited = as_bool(r["draft_edited"])
    return Task(
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
        draft_subject=r["draft_subject"] if edited else None,
        draft=r["draft"] if edited else None,
        draft_edited=edited,
        done_on=as_date(r["done_on"]),
        revision=r["revision"],
        draft_variant=r["draft_variant"],
    )


def delete_where(c: Connection, owner: int, where: str, params: Mapping[str, object]) -> int:
    return records.delete_where(c, "tasks", owner, where, params)
