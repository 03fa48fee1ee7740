"""The counts behind the progress page, each one aggregate query."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from nextround.domain.tasks import TaskStatus
from nextround.storage.schema import (
    applications,
    company_socials,
    interviews,
    relationships,
    tasks,
)


def application_groups(
    connection: sa.Connection, owner: int, today: date
) -> list[tuple[str, bool, bool, int]]:
    """(status, has an applied date, had an interview by ``today``, how many)."""
    held = (
        sa.exists()
        .where(interviews.c.application_id == applications.c.id, interviews.c.on_date <= today)
        .correlate(applications)
    )
    each = (
        sa.select(
            applications.c.status.label("status"),
            sa.case((applications.c.applied_on.is_(None), 0), else_=1).label("dated"),
            sa.case((held, 1), else_=0).label("held"),
        )
        .where(applications.c.owner_id == owner)
        .subquery()
    )
    query = sa.select(each.c.status, each.c.dated, each.c.held, sa.func.count()).group_by(
        each.c.status, each.c.dated, each.c.held
    )
    return [(str(s), bool(d), bool(h), int(n)) for s, d, h, n in connection.execute(query)]


def relationship_counts(connection: sa.Connection, owner: int) -> dict[str, int]:
    """How many people got a card, an email, an invitation; said yes; are connected."""
    r = relationships.c
    query = sa.select(
        sa.func.count(r.card_mailed_on).label("cards"),
        sa.func.count(r.congratulated_on).label("congratulated"),
        sa.func.count(r.invited_on).label("invited"),
        sa.func.count(r.connected_on).label("connected"),
        sa.func.count(sa.case((r.answer == "yes", 1))).label("said_yes"),
    ).where(r.owner_id == owner)
    row = connection.execute(query).mappings().one()
    return {k: int(v or 0) for k, v in row.items()}


def done_by_kind(connection: sa.Connection, owner: int) -> dict[str, int]:
    query = (
        sa.select(tasks.c.kind, sa.func.count())
        .where(tasks.c.owner_id == owner, tasks.c.status == TaskStatus.DONE.value)
        .group_by(tasks.c.kind)
    )
    return {str(k): int(n) for k, n in connection.execute(query)}


def accounts_followed(connection: sa.Connection, owner: int) -> int:
    query = sa.select(sa.func.count()).where(
        company_socials.c.owner_id == owner, company_socials.c.followed_on.is_not(None)
    )
    return int(connection.execute(query).scalar_one())
