"""The agenda's read path: one indexed query in plain SQL that SQLite and PostgreSQL
both accept, run on the light reader so ``nextround today`` needs no ORM."""

from __future__ import annotations

from datetime import date

from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.storage.database import Reader
from nextround.storage.sql import Connection, Row, in_list
from nextround.storage.values import as_date

PENDING_DUE_BY = """
SELECT t.id, t.key, t.kind, t.title, t.due, t.status, t.application_id,
       t.company_id, c.name, t.person_id, p.name, t.url, t.revision
FROM tasks t
LEFT JOIN companies c ON c.id = t.company_id
LEFT JOIN people p ON p.id = t.person_id
WHERE t.owner_id = :owner AND t.status IN ('open', 'snoozed') AND t.due <= :end
ORDER BY t.due, t.id
"""


def pending_due_by(reader: Reader, owner: int, end: date) -> list[Task]:
    """Open and snoozed tasks due on or before ``end`` (overdue ones included)."""
    rows = reader.rows(PENDING_DUE_BY, {"owner": owner, "end": end})
    return [_pending(r, end) for r in rows]


def pending_due_by_owners(c: Connection, owners: list[int], end: date) -> dict[int, list[Task]]:
    """:func:`pending_due_by` of every owner in ``owners`` in one query (run across owners)."""
    listed, params = in_list("o", owners)
    query = PENDING_DUE_BY.replace("SELECT t.id,", "SELECT t.owner_id, t.id,", 1)
    query = query.replace("t.owner_id = :owner", f"t.owner_id IN {listed}", 1)
    found: dict[int, list[Task]] = {o: [] for o in owners}
    for r in c.rows(
        query.replace("ORDER BY t.due", "ORDER BY t.owner_id, t.due", 1), {**params, "end": end}
    ):
        found[int(r[0])].append(_pending(r, end, 1))
    return found


def _pending(r: Row, end: date, first: int = 0) -> Task:
    """The task in row ``r``, its columns from ``first`` on as :data:`PENDING_DUE_BY` has them."""
    v = [r[first + i] for i in range(13)] if first else r
    return Task(
        id=v[0],
        key=v[1],
        kind=Kind(v[2]),
        title=v[3],
        due=as_date(v[4]) or end,
        status=TaskStatus(v[5]),
        application_id=v[6],
        company_id=v[7],
        company=v[8],
        person_id=v[9],
        person=v[10],
        url=v[11],
        revision=v[12],
    )


def has_applications(reader: Reader, owner: int) -> bool:
    rows = reader.rows(
        "SELECT 1 FROM applications WHERE owner_id = :owner LIMIT 1", {"owner": owner}
    )
    return bool(rows)
