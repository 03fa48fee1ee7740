"""Applications, and the dated history of their statuses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from nextround.domain.applications import Application, Period, Salary, Source, Status, WorkMode
from nextround.domain.history import StatusEvent
from nextround.storage import records, revisions
from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.sql import Connection, Row, in_list
from nextround.storage.values import as_date, must_date

_SELECT = (
    "SELECT a.*, c.name AS company, r.name AS referrer FROM applications a "
    "JOIN companies c ON c.id = a.company_id "
    "LEFT JOIN people r ON r.id = a.referrer_id "
    "WHERE a.owner_id = :owner"
)
#: A board column: cards never placed by hand on top (newest first), then in the order set.
#: The pages' list view, newest first: saved ones (no date) on top, then by the day applied.
NEWEST = Order(
    Column("a.applied_on", "applied_on", date, descending=True, nullable=True),
    Column("a.id", "id", int, descending=True),
)
#: The order of the list of applications (the API's): as added.
ORDER = Order(Column("a.id", "id", int))
_BOARD = (
    "ORDER BY CASE WHEN a.position IS NULL THEN 0 ELSE 1 END, a.position, "
    "CASE WHEN a.applied_on IS NULL THEN 0 ELSE 1 END, a.applied_on DESC, a.id DESC"
)


def add(c: Connection, owner: int, values: Mapping[str, object]) -> int:
    return records.insert(c, "applications", owner, values)


def update(
    c: Connection,
    owner: int,
    app_id: int,
    changes: Mapping[str, object],
    *,
    expect: Mapping[str, object] | None = None,
) -> bool:
    """Change the application; False if there is none. A failed ``expect`` is a Conflict."""
    return records.update(c, "applications", owner, app_id, changes, expect=expect) is not None


def get(c: Connection, owner: int, app_id: int) -> Application | None:
    found = _load(c, owner, "a.id = :id", {"id": app_id})
    return found[0] if found else None


def get_many(c: Connection, owner: int, ids: Iterable[int]) -> list[Application]:
    """The applications with these ids, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    listed, params = in_list("i", wanted)
    found = {a.id: a for a in _load(c, owner, f"a.id IN {listed}", params)}
    return [found[i] for i in wanted if i in found]


def list_all(
    c: Connection,
    owner: int,
    *,
    company_id: int | None = None,
    status: Status | None = None,
    window: Window = EVERYTHING,
) -> list[Application]:
    """As added; a limited ``window`` reads one row more (see :mod:`nextround.storage.paging`)."""
    where: list[str] = ["1 = 1"]
    params: dict[str, object] = {}
    if company_id is not None:
        where.append("a.company_id = :company")
        params["company"] = company_id
    if status is not None:
        where.append("a.status = :status")
        params["status"] = status.value
    return _load(c, owner, " AND ".join(where), params, window)


def of_companies(
    c: Connection, owner: int, company_ids: Iterable[int]
) -> dict[int, list[Application]]:
    """Each company's applications, in one query: company id -> applications, oldest first."""
    wanted = list(dict.fromkeys(company_ids))
    found: dict[int, list[Application]] = {i: [] for i in wanted}
    if wanted:
        listed, params = in_list("c", wanted)
        for app in sorted(_load(c, owner, f"a.company_id IN {listed}", params), key=lambda a: a.id):
            found[app.company_id].append(app)
    return found


def counts_by_status(c: Connection, owner: int) -> dict[Status, int]:
    rows = c.rows(
        "SELECT status, COUNT(*) FROM applications WHERE owner_id = :owner GROUP BY status",
        {"owner": owner},
    )
    return {Status(r[0]): int(r[1]) for r in rows}


def newest(
    c: Connection, owner: int, *, status: Status | None = None, window: Window = EVERYTHING
) -> list[Application]:
    """Applications, the most recently applied (or added) first; a limited ``window`` reads
    one row more (see :mod:`nextround.storage.paging`)."""
    where, params = ("a.status = :status", {"status": status.value}) if status else ("1 = 1", {})
    after, tail, more = NEWEST.clause(window, c.dialect)
    rows = c.rows(f"{_SELECT} AND ({where}) AND {after} {tail}", {**params, **more, "owner": owner})
    return [application(r) for r in rows]


def column(
    c: Connection, owner: int, status: Status, *, limit: int | None = None
) -> list[Application]:
    """A status column as the board shows it; every card of it without ``limit``."""
    page = "LIMIT :limit" if limit is not None else ""
    rows = c.rows(
        f"{_SELECT} AND a.status = :status {_BOARD} {page}",
        {"owner": owner, "status": status.value, "limit": limit},
    )
    return [application(r) for r in rows]


def place(c: Connection, owner: int, order: list[int]) -> None:
    """Number the cards of a column in this order (only the ones whose place changes)."""
    listed, params = in_list("i", order)
    rows = c.rows(
        f"SELECT id, position FROM applications WHERE owner_id = :owner AND id IN {listed}",
        {**params, "owner": owner},
    )
    held = {int(r[0]): r[1] for r in rows}
    for number, app_id in enumerate(order, start=1):
        if app_id in held and held[app_id] != number:
            records.update(c, "applications", owner, app_id, {"position": number})


def _load(
    c: Connection,
    owner: int,
    where: str,
    params: Mapping[str, object],
    window: Window = EVERYTHING,
) -> list[Application]:
    rows = ORDER.rows(c, _SELECT, where, {**params, "owner": owner}, window)
    return [application(r) for r in rows]


def application(r: Row) -> Application:
    low, high = r["salary_min"], r["salary_max"]
    salary = None
    if low is not None or high is not None:
        period = r["salary_period"]
        salary = Salary(low, high, r["salary_currency"], Period(period) if period else None)
    return Application(
        id=r["id"],
        company_id=r["company_id"],
        company=r["company"],
        role=r["role"],
        status=Status(r["status"]),
        applied_on=as_date(r["applied_on"]),
        rejected_on=as_date(r["rejected_on"]),
        source_url=r["source_url"],
        requisition_id=r["requisition_id"],
        notes=r["notes"],
        revision=r["revision"],
        location=r["location"],
        work_mode=WorkMode(r["work_mode"]) if r["work_mode"] else None,
        salary=salary,
        description=r["description"] or "",
        source=Source(r["source"]) if r["source"] else None,
        referrer_id=r["referrer_id"],
        referrer=r["referrer"],
        language=r["language"] or None,
    )


def add_event(
    c: Connection, owner: int, app_id: int, on: date, to_status: Status, from_status: Status | None
) -> None:
    """Record a move along the pipeline."""
    records.insert(
        c,
        "application_events",
        owner,
        {
            "application_id": app_id,
            "on_date": on,
            "to_status": to_status.value,
            "from_status": from_status.value if from_status else None,
        },
    )


def events(c: Connection, owner: int, app_id: int) -> list[StatusEvent]:
    """The application's moves, oldest first."""
    rows = c.rows(
        "SELECT id, application_id, on_date, to_status, from_status FROM application_events "
        "WHERE owner_id = :owner AND application_id = :app ORDER BY on_date, id",
        {"owner": owner, "app": app_id},
    )
    return [StatusEvent(r[0], r[1], must_date(r[2]), r[3], r[4]) for r in rows]


def delete(c: Connection, owner: int, app_id: int) -> None:
    """Delete an application with everything that hangs on it, explicitly.

    Each table by hand, so that every row is kept for the trash and the
    journal's full-text triggers fire.
    """
    params = {"app": app_id}
    for kind, table in (
        ("draft", "tasks"),
        ("journal_entry", "journal_entries"),
        ("interview", "interviews"),
    ):
        revisions.delete_of(
            c, owner, kind, f"SELECT id FROM {table} WHERE application_id = :app", params
        )
    for table in ("tasks", "journal_entries", "application_events"):
        records.delete_where(c, table, owner, "application_id = :app", params)
    records.update_where(
        c, "mail_suggestions", owner, "application_id = :app", params, {"application_id": None}
    )
    records.delete_where(
        c,
        "interview_people",
        owner,
        "interview_id IN (SELECT id FROM interviews WHERE application_id = :app)",
        params,
    )
    records.delete_where(c, "interviews", owner, "application_id = :app", params)
    records.delete(c, "applications", owner, app_id)
