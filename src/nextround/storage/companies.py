"""Companies and their social accounts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import sqlalchemy as sa

from nextround.domain.companies import Company, SocialAccount
from nextround.storage.rows import insert_id, update_row
from nextround.storage.schema import applications, companies, company_socials, people, tasks
from nextround.storage.values import as_date


def add(
    connection: sa.Connection,
    owner: int,
    *,
    name: str,
    website: str | None = None,
    address: str | None = None,
    careers_url: str | None = None,
    socials: Iterable[str] = (),
) -> int:
    company_id = insert_id(
        connection,
        companies.insert().values(
            owner_id=owner, name=name, website=website, address=address, careers_url=careers_url
        ),
    )
    for url in dict.fromkeys(socials):
        connection.execute(
            company_socials.insert().values(owner_id=owner, company_id=company_id, url=url)
        )
    return company_id


def update(
    connection: sa.Connection,
    owner: int,
    company_id: int,
    values: Mapping[str, object],
    *,
    expected_revision: int | None = None,
) -> None:
    update_row(connection, companies, owner, company_id, values, expected_revision)


def add_social(connection: sa.Connection, owner: int, company_id: int, url: str) -> None:
    exists = connection.execute(
        sa.select(company_socials.c.id).where(
            company_socials.c.company_id == company_id, company_socials.c.url == url
        )
    ).first()
    if exists is None:
        connection.execute(
            company_socials.insert().values(owner_id=owner, company_id=company_id, url=url)
        )


def mark_followed(connection: sa.Connection, owner: int, company_id: int, day: date) -> None:
    connection.execute(
        company_socials.update()
        .where(
            company_socials.c.owner_id == owner,
            company_socials.c.company_id == company_id,
            company_socials.c.followed_on.is_(None),
        )
        .values(followed_on=day)
    )


def set_followed(
    connection: sa.Connection, owner: int, company_id: int, urls: Iterable[str], day: date
) -> None:
    """Accounts in ``urls`` are followed (since ``day`` unless already); the others are not."""
    chosen = list(dict.fromkeys(urls))
    mine = [company_socials.c.owner_id == owner, company_socials.c.company_id == company_id]
    connection.execute(
        company_socials.update()
        .where(*mine, company_socials.c.url.in_(chosen), company_socials.c.followed_on.is_(None))
        .values(followed_on=day)
    )
    connection.execute(
        company_socials.update()
        .where(*mine, company_socials.c.url.not_in(chosen))
        .values(followed_on=None)
    )


def counts(connection: sa.Connection, owner: int) -> dict[int, tuple[int, int]]:
    """(applications, people) per company id, in one query."""
    apps = (
        sa.select(applications.c.company_id, sa.func.count().label("n"))
        .where(applications.c.owner_id == owner)
        .group_by(applications.c.company_id)
        .subquery()
    )
    staff = (
        sa.select(people.c.company_id, sa.func.count().label("n"))
        .where(people.c.owner_id == owner)
        .group_by(people.c.company_id)
        .subquery()
    )
    query = (
        sa.select(companies.c.id, apps.c.n, staff.c.n)
        .outerjoin(apps, apps.c.company_id == companies.c.id)
        .outerjoin(staff, staff.c.company_id == companies.c.id)
        .where(companies.c.owner_id == owner)
    )
    return {int(i): (int(a or 0), int(p or 0)) for i, a, p in connection.execute(query)}


def get(connection: sa.Connection, owner: int, company_id: int) -> Company | None:
    found = _load(connection, owner, companies.c.id == company_id)
    return found[0] if found else None


def get_many(connection: sa.Connection, owner: int, ids: Iterable[int]) -> list[Company]:
    """The companies with these ids, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {c.id: c for c in _load(connection, owner, companies.c.id.in_(wanted))}
    return [found[i] for i in wanted if i in found]


def list_all(connection: sa.Connection, owner: int) -> list[Company]:
    return _load(connection, owner, sa.true())


def all_names(connection: sa.Connection, owner: int) -> list[tuple[int, str]]:
    """(id, name) of every row, for lookups that fold case the way people read names."""
    query = (
        sa.select(companies.c.id, companies.c.name)
        .where(companies.c.owner_id == owner)
        .order_by(companies.c.id)
    )
    return [(int(i), str(n)) for i, n in connection.execute(query)]


def _load(connection: sa.Connection, owner: int, where: sa.ColumnElement[bool]) -> list[Company]:
    query = (
        sa.select(companies).where(companies.c.owner_id == owner, where).order_by(companies.c.name)
    )
    rows = connection.execute(query).mappings().all()
    socials = _socials(connection, [r["id"] for r in rows])
    return [
        Company(
            id=r["id"],
            name=r["name"],
            website=r["website"],
            address=r["address"],
            careers_url=r["careers_url"],
            notes=r["notes"],
            socials=tuple(socials.get(r["id"], ())),
            revision=r["revision"],
        )
        for r in rows
    ]


def _socials(connection: sa.Connection, ids: Sequence[int]) -> dict[int, list[SocialAccount]]:
    found: dict[int, list[SocialAccount]] = {}
    if not ids:
        return found
    rows = connection.execute(
        sa.select(company_socials)
        .where(company_socials.c.company_id.in_(ids))
        .order_by(company_socials.c.id)
    )
    for row in rows.mappings():
        found.setdefault(row["company_id"], []).append(
            SocialAccount(row["url"], as_date(row["followed_on"]))
        )
    return found


def dependents(connection: sa.Connection, owner: int, company_id: int) -> tuple[int, int]:
    """How many applications and people still belong to the company."""
    counts = []
    for table in (applications, people):
        query = sa.select(sa.func.count()).where(
            table.c.owner_id == owner, table.c.company_id == company_id
        )
        counts.append(int(connection.execute(query).scalar_one()))
    return counts[0], counts[1]


def delete(connection: sa.Connection, owner: int, company_id: int) -> None:
    """Delete the company row; its social accounts and its own tasks go with it.

    The caller removes its applications and people first (their foreign keys
    don't cascade, on purpose: deleting a company never silently takes them).
    """
    connection.execute(
        tasks.delete().where(tasks.c.owner_id == owner, tasks.c.company_id == company_id)
    )
    connection.execute(
        company_socials.delete().where(
            company_socials.c.owner_id == owner, company_socials.c.company_id == company_id
        )
    )
    connection.execute(
        companies.delete().where(companies.c.owner_id == owner, companies.c.id == company_id)
    )
