"""Applications."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import sqlalchemy as sa

from nextround.domain.applications import Application, Status
from nextround.storage.rows import insert_id, update_row
from nextround.storage.schema import applications, companies
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


def _load(
    connection: sa.Connection, owner: int, where: sa.ColumnElement[bool]
) -> list[Application]:
    query = (
        sa.select(applications, companies.c.name.label("company"))
        .join(companies, companies.c.id == applications.c.company_id)
        .where(applications.c.owner_id == owner, where)
        .order_by(applications.c.id)
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
