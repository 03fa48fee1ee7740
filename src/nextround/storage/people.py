"""People, and the relationship record kept for each of them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlalchemy as sa

from nextround.domain.people import ConnectAnswer, Person, Relationship
from nextround.storage.rows import insert_id, update_row
from nextround.storage.schema import companies, interview_people, people, relationships, tasks
from nextround.storage.values import as_date


def add(
    connection: sa.Connection, owner: int, *, name: str, company_id: int, **fields: str | None
) -> int:
    person_id = insert_id(
        connection,
        people.insert().values(owner_id=owner, name=name, company_id=company_id, **fields),
    )
    connection.execute(relationships.insert().values(owner_id=owner, person_id=person_id))
    return person_id


def update(
    connection: sa.Connection,
    owner: int,
    person_id: int,
    values: Mapping[str, object],
    *,
    expected_revision: int | None = None,
) -> None:
    update_row(connection, people, owner, person_id, values, expected_revision)


def get(connection: sa.Connection, owner: int, person_id: int) -> Person | None:
    found = _load(connection, owner, people.c.id == person_id)
    return found[0] if found else None


def get_many(connection: sa.Connection, owner: int, ids: Iterable[int]) -> list[Person]:
    ids = list(ids)
    return _load(connection, owner, people.c.id.in_(ids)) if ids else []


def list_all(connection: sa.Connection, owner: int, company_id: int | None = None) -> list[Person]:
    where = sa.true() if company_id is None else people.c.company_id == company_id
    return _load(connection, owner, where)


def all_names(connection: sa.Connection, owner: int) -> list[tuple[int, str]]:
    """(id, name) of every row, for lookups that fold case the way people read names."""
    query = (
        sa.select(people.c.id, people.c.name)
        .where(people.c.owner_id == owner)
        .order_by(people.c.id)
    )
    return [(int(i), str(n)) for i, n in connection.execute(query)]


def _load(connection: sa.Connection, owner: int, where: sa.ColumnElement[bool]) -> list[Person]:
    query = (
        sa.select(people, companies.c.name.label("company"))
        .join(companies, companies.c.id == people.c.company_id)
        .where(people.c.owner_id == owner, where)
        .order_by(people.c.name, people.c.id)
    )
    return [
        Person(
            id=r["id"],
            name=r["name"],
            company_id=r["company_id"],
            company=r["company"],
            title=r["title"],
            email=r["email"],
            linkedin_url=r["linkedin_url"],
            address=r["address"],
            notes=r["notes"],
            revision=r["revision"],
        )
        for r in connection.execute(query).mappings()
    ]


def relationships_of(
    connection: sa.Connection, owner: int, ids: Iterable[int]
) -> dict[int, Relationship]:
    ids = list(ids)
    if not ids:
        return {}
    rows = connection.execute(
        sa.select(relationships).where(
            relationships.c.owner_id == owner, relationships.c.person_id.in_(ids)
        )
    ).mappings()
    return {r["person_id"]: _relationship(r) for r in rows}


def _relationship(r: sa.RowMapping) -> Relationship:
    return Relationship(
        person_id=r["person_id"],
        card_mailed_on=as_date(r["card_mailed_on"]),
        congratulated_on=as_date(r["congratulated_on"]),
        asked_to_connect_on=as_date(r["asked_to_connect_on"]),
        answer=ConnectAnswer(r["answer"]) if r["answer"] else None,
        answered_on=as_date(r["answered_on"]),
        invited_on=as_date(r["invited_on"]),
        connected_on=as_date(r["connected_on"]),
        congrats_message_id=r["congrats_message_id"],
    )


def update_relationship(
    connection: sa.Connection, owner: int, person_id: int, **values: object
) -> None:
    connection.execute(
        relationships.update()
        .where(relationships.c.owner_id == owner, relationships.c.person_id == person_id)
        .values(**values)
    )


def delete(connection: sa.Connection, owner: int, person_id: int) -> None:
    """Delete a person with their relationship record, their tasks and interview seats.

    Explicit deletes rather than trusting cascades, so that the full-text
    trigger on ``people`` fires on SQLite and nothing depends on PRAGMAs.
    """
    connection.execute(
        tasks.delete().where(tasks.c.owner_id == owner, tasks.c.person_id == person_id)
    )
    connection.execute(
        interview_people.delete().where(
            interview_people.c.owner_id == owner, interview_people.c.person_id == person_id
        )
    )
    connection.execute(
        relationships.delete().where(
            relationships.c.owner_id == owner, relationships.c.person_id == person_id
        )
    )
    connection.execute(people.delete().where(people.c.owner_id == owner, people.c.id == person_id))
