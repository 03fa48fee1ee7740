"""The agenda's read path: one indexed query in plain SQL that SQLite and PostgreSQL
both accept, run on the light reader so ``nextround today`` needs no ORM."""

from __future__ import annotations

from datetime import date

from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.storage.database import Reader
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
    return [
        Task(
            id=r[0],
            key=r[1],
            kind=Kind(r[2]),
            title=r[3],
            due=as_date(r[4]) or end,
            status=TaskStatus(r[5]),
            application_id=r[6],
            company_id=r[7],
            company=r[8],
            person_id=r[9],
            person=r[10],
            url=r[11],
            revision=r[12],
        )
        for r in rows
    ]


def has_applications(reader: Reader, owner: int) -> bool:
    rows = reader.rows(
        "SELECT 1 FROM applications WHERE owner_id = :owner LIMIT 1", {"owner": owner}
    )
    return bool(rows)
