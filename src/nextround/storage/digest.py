"""The digest's reads (what came after a mark, or since a day) and its memory."""

from __future__ import annotations

from datetime import date, datetime

from nextround.domain.digest import Marks, News, Posting
from nextround.domain.tasks import Task
from nextround.storage import records
from nextround.storage import tasks as stored_tasks
from nextround.storage.folding import order
from nextround.storage.sql import Connection, as_datetime, in_list
from nextround.storage.values import as_date

_TABLES = ("watch_postings", "watch_news", "tasks")


def state(
    c: Connection, owner: int, period: str = "daily"
) -> tuple[Marks, tuple[datetime, Marks] | None, datetime | None]:
    """In one query: the highest id of each kind stored now (what a digest made now
    covers); when the last digest was made and what it covered (None: no digest yet);
    and when the last one of ``period`` that was emailed was made (None: never)."""
    tops = ", ".join(
        f"(SELECT COALESCE(MAX(id), 0) FROM {table} WHERE owner_id = :owner)" for table in _TABLES
    )
    row = c.row(
        f"SELECT {tops}, d.made_at, d.posting_mark, d.news_mark, d.task_mark, "
        "(SELECT MAX(made_at) FROM digests WHERE owner_id = :owner AND period = :period "
        "AND emailed = :yes) "
        "FROM (SELECT 1 AS one) x LEFT JOIN (SELECT made_at, posting_mark, news_mark, task_mark "
        "FROM digests WHERE owner_id = :owner ORDER BY made_at DESC, id DESC LIMIT 1) d ON 1 = 1",
        {"owner": owner, "period": period, "yes": True},
    )
    assert row is not None
    upto = Marks(int(row[0]), int(row[1]), int(row[2]))
    made, emailed = as_datetime(row[3]), as_datetime(row[7])
    if made is None:
        return upto, None, emailed
    return upto, (made, Marks(int(row[4]), int(row[5]), int(row[6]))), emailed


def last_emailed(c: Connection, owner: int, period: str) -> datetime | None:
    """When the last digest of ``period`` emailed to ``owner`` was made (None: never)."""
    return as_datetime(
        c.scalar(
            "SELECT MAX(made_at) FROM digests WHERE owner_id = :owner AND period = :period "
            "AND emailed = :yes",
            {"owner": owner, "period": period, "yes": True},
        )
    )


def emailed_since(c: Connection, owners: list[int], period: str, since: datetime) -> set[int]:
    """Those of ``owners`` emailed a digest of ``period`` made at ``since`` or later."""
    listed, params = in_list("o", owners)
    return {
        int(v)
        for v in c.scalars(
            f"SELECT DISTINCT owner_id FROM digests WHERE owner_id IN {listed} "
            "AND period = :period AND emailed = :yes AND made_at >= :since",
            {**params, "period": period, "yes": True, "since": since},
        )
    }


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


# Many owners at once (the scheduled digest of a hosted site; run across owners).

#: Whose digest, in each window below: the owners, their windows and their marks.
Windows = dict[int, tuple["Marks | date", Marks]]


def states(
    c: Connection, owners: list[int]
) -> dict[int, tuple[Marks, tuple[datetime, Marks] | None]]:
    """:func:`marks` and :func:`last` of every owner in ``owners``, in four queries."""
    listed, params = in_list("o", owners)
    tops: dict[str, dict[int, int]] = {}
    for table in _TABLES:
        rows = c.rows(
            f"SELECT owner_id, MAX(id) FROM {table} WHERE owner_id IN {listed} GROUP BY owner_id",
            params,
        )
        tops[table] = {int(r[0]): int(r[1]) for r in rows}
    rows = c.rows(
        "SELECT owner_id, made_at, posting_mark, news_mark, task_mark FROM ("
        "SELECT owner_id, made_at, posting_mark, news_mark, task_mark, ROW_NUMBER() OVER "
        "(PARTITION BY owner_id ORDER BY made_at DESC, id DESC) AS n "
        f"FROM digests WHERE owner_id IN {listed}) d WHERE n = 1",
        params,
    )
    lasts = {}
    for r in rows:
        made = as_datetime(r[1])
        assert made is not None
        lasts[int(r[0])] = (made, Marks(int(r[2]), int(r[3]), int(r[4])))
    return {
        o: (
            Marks(*(tops[t].get(o, 0) for t in _TABLES)),
            lasts.get(o),
        )
        for o in owners
    }


def _joined(
    t: str, column: str, kind: str, windows: Windows
) -> list[tuple[str, dict[str, object]]]:
    """Per :func:`_window`, as joins on a ``VALUES`` list: one for the owners whose window
    starts past a mark, one for those whose window starts on a day (none for no owners)."""
    by_mark = {
        o: (getattr(a, kind), getattr(u, kind))
        for o, (a, u) in windows.items()
        if isinstance(a, Marks)
    }
    by_day = {o: (a, getattr(u, kind)) for o, (a, u) in windows.items() if not isinstance(a, Marks)}
    found = []
    for tag, group, test in (
        ("m", by_mark, f"{t}.id > w.column2"),
        ("d", by_day, f"{t}.{column} >= w.column2"),
    ):
        if not group:
            continue
        params: dict[str, object] = {}
        rows = []
        for i, (o, (start, top)) in enumerate(group.items()):
            rows.append(f"(:{tag}o{i}, :{tag}s{i}, :{tag}t{i})")
            params |= {f"{tag}o{i}": o, f"{tag}s{i}": start, f"{tag}t{i}": top}
        join = (
            f"JOIN (VALUES {', '.join(rows)}) w ON w.column1 = {t}.owner_id "
            f"AND {test} AND {t}.id <= w.column3"
        )
        found.append((join, params))
    return found


def open_postings_of(
    c: Connection, windows: Windows
) -> dict[int, list[tuple[Posting, bool | None]]]:
    """:func:`open_postings` of every owner in ``windows``."""
    found: dict[int, list[tuple[Posting, bool | None]]] = {o: [] for o in windows}
    for join, params in _joined("p", "first_seen", "posting", windows):
        rows = c.rows(
            "SELECT p.owner_id, p.id, co.name, p.title, p.url, p.location, p.first_seen, p.remote "
            f"FROM watch_postings p {join} JOIN watches wa ON wa.id = p.watch_id "
            "JOIN companies co ON co.id = wa.company_id WHERE p.closed_on IS NULL "
            f"ORDER BY p.owner_id, {order('co.name', c.dialect)}, p.id",
            params,
        )
        for r in rows:
            found[int(r[0])].append(
                (
                    Posting(int(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), as_date(r[6])),
                    None if r[7] is None else bool(r[7]),
                )
            )
    return found


def news_of(c: Connection, windows: Windows) -> dict[int, list[News]]:
    """:func:`news` of every owner in ``windows``."""
    found: dict[int, list[News]] = {o: [] for o in windows}
    for join, params in _joined("n", "first_seen", "news", windows):
        rows = c.rows(
            "SELECT n.owner_id, n.id, co.name, n.title, n.url, n.published_on "
            f"FROM watch_news n {join} JOIN watches wa ON wa.id = n.watch_id "
            "JOIN companies co ON co.id = wa.company_id "
            f"ORDER BY n.owner_id, {order('co.name', c.dialect)}, n.id",
            params,
        )
        for r in rows:
            found[int(r[0])].append(News(int(r[1]), str(r[2]), str(r[3]), str(r[4]), as_date(r[5])))
    return found


def reopened_steps_of(c: Connection, windows: Windows) -> dict[int, list[Task]]:
    """:func:`reopened_steps` of every owner in ``windows`` (loaded owner by owner: few have any)."""
    ids: dict[int, list[int]] = {}
    for join, params in _joined("t", "due", "task", windows):
        rows = c.rows(
            f"SELECT t.owner_id, t.id FROM tasks t {join} WHERE t.kind = 'reopened_role' "
            "AND t.status IN ('open', 'snoozed') ORDER BY t.owner_id, t.id",
            params,
        )
        for r in rows:
            ids.setdefault(int(r[0]), []).append(int(r[1]))
    return {o: stored_tasks.get_many(c, o, ids[o]) if o in ids else [] for o in windows}
