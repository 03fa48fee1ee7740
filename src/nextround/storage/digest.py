"""The digest's reads (what came after a mark, or since a day) and its memory."""

from __future__ import annotations

from datetime import date, datetime

from nextround.domain.digest import Marks, News, Posting
from nextround.domain.tasks import Task
from nextround.storage import records
from nextround.storage import tasks as stored_tasks
from nextround.storage.folding import order
from nextround.storage.sql import Connection, as_datetime
from nextround.storage.values import as_date


def last(c: Connection, owner: int) -> tuple[datetime, Marks] | None:
    """When the last digest was made, and what it covered."""
    row = c.row(
        "SELECT made_at, posting_mark, news_mark, task_mark FROM digests "
        "WHERE owner_id = :owner ORDER BY made_at DESC, id DESC LIMIT 1",
        {"owner": owner},
    )
    if row is None:
        return None
    made = as_datetime(row[0])
    assert made is not None
    return made, Marks(int(row[1]), int(row[2]), int(row[3]))


def marks(c: Connection, owner: int) -> Marks:
    """The highest id of each kind stored now: what a digest made now covers."""
    params = {"owner": owner}
    return Marks(
        *(
            int(
                c.scalar(
                    f"SELECT COALESCE(MAX(id), 0) FROM {table} WHERE owner_id = :owner", params
                )
            )
            for table in ("watch_postings", "watch_news", "tasks")
        )
    )


def remember(
    c: Connection, owner: int, made_at: datetime, covered: Marks, period: str, *, emailed: bool
) -> int:
    values = {
        "made_at": made_at,
        "posting_mark": covered.posting,
        "news_mark": covered.news,
        "task_mark": covered.task,
        "period": period,
        "emailed": emailed,
    }
    return records.insert(c, "digests", owner, values)


def _window(
    column: str, after: Marks | date, kind: str, upto: Marks
) -> tuple[str, dict[str, object]]:
    """``id`` past the last digest's mark (up to now's), or ``column`` on or after a day."""
    top = getattr(upto, kind)
    if isinstance(after, Marks):
        return "{t}.id > :after AND {t}.id <= :top", {"after": getattr(after, kind), "top": top}
    return f"{{t}}.{column} >= :since AND {{t}}.id <= :top", {"since": after, "top": top}


def open_postings(
    c: Connection, owner: int, after: Marks | date, upto: Marks
) -> list[tuple[Posting, bool | None]]:
    """Postings first stored in the window and still open, with their remote flag."""
    where, params = _window("first_seen", after, "posting", upto)
    rows = c.rows(
        "SELECT p.id, co.name, p.title, p.url, p.location, p.first_seen, p.remote "
        "FROM watch_postings p JOIN watches w ON w.id = p.watch_id "
        "JOIN companies co ON co.id = w.company_id "
        "WHERE p.owner_id = :owner AND p.closed_on IS NULL AND "
        + where.format(t="p")
        + f" ORDER BY {order('co.name', c.dialect)}, p.id",
        {"owner": owner, **params},
    )
    return [
        (
            Posting(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), as_date(r[5])),
            None if r[6] is None else bool(r[6]),
        )
        for r in rows
    ]


def news(c: Connection, owner: int, after: Marks | date, upto: Marks) -> list[News]:
    where, params = _window("first_seen", after, "news", upto)
    rows = c.rows(
        "SELECT n.id, co.name, n.title, n.url, n.published_on "
        "FROM watch_news n JOIN watches w ON w.id = n.watch_id "
        "JOIN companies co ON co.id = w.company_id "
        "WHERE n.owner_id = :owner AND "
        + where.format(t="n")
        + f" ORDER BY {order('co.name', c.dialect)}, n.id",
        {"owner": owner, **params},
    )
    return [News(int(r[0]), str(r[1]), str(r[2]), str(r[3]), as_date(r[4])) for r in rows]


def reopened_steps(c: Connection, owner: int, after: Marks | date, upto: Marks) -> list[Task]:
    """Pending reopened-role steps made in the window (by a day: those due since, as a
    step is due on the day the run made it)."""
    where, params = _window("due", after, "task", upto)
    ids = c.scalars(
        "SELECT t.id FROM tasks t WHERE t.owner_id = :owner AND t.kind = 'reopened_role' "
        "AND t.status IN ('open', 'snoozed') AND " + where.format(t="t") + " ORDER BY t.id",
        {"owner": owner, **params},
    )
    return stored_tasks.get_many(c, owner, [int(i) for i in ids])
