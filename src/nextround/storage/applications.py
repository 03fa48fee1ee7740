"""Applications."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa

from nextround.domain.applications import Application, Status
from nextround.storage.rows import insert_id, update_row
from nextround.storage.schema import (
    applications,
    companies,
    interview_people,
    interviews,
    journal_entries,
    tasks,
)
from nextround.storage.values import as_date


def add(
    connection: sa.Connection,
    owner: int,
    *,
    company_id: int,
    role: str,
    status: Status,
    applied_on: date | None = None,
    source_url: str | None = None,
    requisition_id: str | None = None,
    notes: str = "",
) -> int:
    return insert_id(
        connection,
        applications.insert().values(
            owner_id=owner,
            company_id=company_id,
            role=role,
            status=status.value,
            applied_on=applied_on,
            source_url=source_url,
            requisition_id=requisition_id,
            notes=notes,
        ),
    )


def update(
    connection: sa.Connection,
    owner: int,
    app_id: int,
    values: Mapping[str, object],
    *,
    expected_revision: int | None = None,
) -> None:
    update_row(connection, applications, owner, app_id, values, expected_revision)


def get(connection: sa.Connection, owner: int, app_id: int) -> Application | None:
    found = _load(connection, owner, applications.c.id == app_id)
    return found[0] if found else None


def get_many(connection: sa.Connection, owner: int, ids: Iterable[int]) -> list[Application]:
    """The applications with these ids, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {a.id: a for a in _load(connection, owner, applications.c.id.in_(wanted))}
    return [found[i] for i in wanted if i in found]


def list_all(
    connection: sa.Connection,
    owner: int,
    *,
    company_id: int | None = None,
    status: Status | None = None,
) -> list[Application]:
    where: list[sa.ColumnElement[bool]] = [sa.true()]
    if company_id is not None:
        where.append(applications.c.company_id == company_id)
    if status is not None:
        where.append(applications.c.status == status.value)
    return _load(connection, owner, sa.and_(*where))


def counts_by_status(connection: sa.Connection, owner: int) -> dict[Status, int]:
    query = (
        sa.select(applications.c.status, sa.func.count())
        .where(applications.c.owner_id == owner)
        .group_by(applications.c.status)
    )
    return {Status(s): int(n) for s, n in connection.execute(query)}


def newest(
    connection: sa.Connection,
    owner: int,
    *,
    status: Status | None = None,
    limit: int,
    offset: int = 0,
) -> list[Application]:
    """A page of applications, the most recently applied (or added) first."""
    where = applications.c.status == status.value if status is not None else sa.true()
    recent: tuple[sa.ColumnElement[Any], ...] = (
        applications.c.applied_on.is_(None).desc(),
        applications.c.applied_on.desc(),
        applications.c.id.desc(),
    )
    return _load(connection, owner, where, order=recent, limit=limit, offset=offset)


def _load(
    connection: sa.Connection,
    owner: int,
    where: sa.ColumnElement[bool],
    *,
    order: tuple[sa.ColumnElement[Any], ...] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Application]:
    query = (
        sa.select(applications, companies.c.name.label("company"))
        .join(companies, companies.c.id == applications.c.company_id)
        .where(applications.c.owner_id == owner, where)
        .order_by(*(order or (applications.c.id,)))
        .limit(limit)
        .offset(offset)
    )
    return [
        Application(
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
        )
        for r in connection.execute(query).mappings()
    ]


def delete(connection: sa.Connection, owner: int, app_id: int) -> None:
    """Delete an application with its tasks, journal entries and interviews, explicitly.

    The foreign keys cascade too; deleting each table by hand keeps the
    journal's full-text triggers firing and the order obvious.
    """
    mine = [
        (tasks, tasks.c.application_id),
        (journal_entries, journal_entries.c.application_id),
    ]
    for table, column in mine:
        connection.execute(table.delete().where(table.c.owner_id == owner, column == app_id))
    meetings = sa.select(interviews.c.id).where(
        interviews.c.owner_id == owner, interviews.c.application_id == app_id
    )
    connection.execute(
        interview_people.delete().where(interview_people.c.interview_id.in_(meetings))
    )
    connection.execute(
        interviews.delete().where(
            interviews.c.owner_id == owner, interviews.c.application_id == app_id
        )
    )
    connection.execute(
        applications.delete().where(applications.c.owner_id == owner, applications.c.id == app_id)
    )
