"""Interviews and who sat in them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

import sqlalchemy as sa

from nextround.domain.interviews import Format, Interview
from nextround.storage.rows import insert_id
from nextround.storage.schema import interview_people, interviews, journal_entries
from nextround.storage.values import must_date


def add(
    connection: sa.Connection,
    owner: int,
    *,
    application_id: int,
    on: date,
    at: time | None,
    format: Format,
    interviewer_ids: Iterable[int],
) -> int:
    interview_id = insert_id(
        connection,
        interviews.insert().values(
            owner_id=owner,
            application_id=application_id,
            on_date=on,
            at_time=at.strftime("%H:%M") if at else None,
            format=format.value,
        ),
    )
    for person_id in dict.fromkeys(interviewer_ids):
        connection.execute(
            interview_people.insert().values(
                owner_id=owner, interview_id=interview_id, person_id=person_id
            )
        )
    return interview_id


def of_application(connection: sa.Connection, owner: int, application_id: int) -> list[Interview]:
    return _load(connection, owner, interviews.c.application_id == application_id)


def of_applications(
    connection: sa.Connection, owner: int, application_ids: Iterable[int]
) -> dict[int, list[Interview]]:
    """Each application's interviews, in one query: application id -> interviews."""
    ids = list(application_ids)
    found: dict[int, list[Interview]] = {i: [] for i in ids}
    if ids:
        for interview in _load(connection, owner, interviews.c.application_id.in_(ids)):
            found[interview.application_id].append(interview)
    return found


def list_all(connection: sa.Connection, owner: int) -> list[Interview]:
    """Every interview of the owner, in two queries whatever their number."""
    return _load(connection, owner, sa.true())


def _load(connection: sa.Connection, owner: int, where: sa.ColumnElement[bool]) -> list[Interview]:
    rows = (
        connection.execute(
            sa.select(interviews)
            .where(interviews.c.owner_id == owner, where)
            .order_by(interviews.c.on_date, interviews.c.id)
        )
        .mappings()
        .all()
    )
    people: dict[int, list[int]] = {}
    if rows:
        links = connection.execute(
            sa.select(interview_people.c.interview_id, interview_people.c.person_id)
            .where(interview_people.c.interview_id.in_([r["id"] for r in rows]))
            .order_by(interview_people.c.person_id)
        )
        for interview_id, person_id in links:
            people.setdefault(interview_id, []).append(person_id)
    return [
        Interview(
            id=r["id"],
            application_id=r["application_id"],
            on=must_date(r["on_date"]),
            at=time.fromisoformat(r["at_time"]) if r["at_time"] else None,
            format=Format(r["format"]),
            interviewer_ids=tuple(people.get(r["id"], ())),
            notes=r["notes"],
        )
        for r in rows
    ]


def applications_of_person(connection: sa.Connection, owner: int, person_id: int) -> list[int]:
    """Ids of the applications whose interviews this person sat in."""
    query = (
        sa.select(interviews.c.application_id)
        .join(interview_people, interview_people.c.interview_id == interviews.c.id)
        .where(interviews.c.owner_id == owner, interview_people.c.person_id == person_id)
        .distinct()
    )
    return list(connection.execute(query).scalars())


def get(connection: sa.Connection, owner: int, interview_id: int) -> Interview | None:
    found = _load(connection, owner, interviews.c.id == interview_id)
    return found[0] if found else None


def update(
    connection: sa.Connection,
    owner: int,
    interview_id: int,
    *,
    values: dict[str, object],
    interviewer_ids: Iterable[int] | None = None,
) -> None:
    """Change an interview's fields (``on``, ``at``, ``format``) and, if given, who sat in it."""
    columns = {"on": "on_date", "at": "at_time", "format": "format"}
    row: dict[str, object] = {}
    for name, value in values.items():
        row[columns[name]] = _column_value(value)
    if row:
        connection.execute(
            interviews.update()
            .where(interviews.c.owner_id == owner, interviews.c.id == interview_id)
            .values(**row)
        )
    if interviewer_ids is not None:
        connection.execute(
            interview_people.delete().where(interview_people.c.interview_id == interview_id)
        )
        for person_id in dict.fromkeys(interviewer_ids):
            connection.execute(
                interview_people.insert().values(
                    owner_id=owner, interview_id=interview_id, person_id=person_id
                )
            )


def delete(connection: sa.Connection, owner: int, interview_id: int) -> None:
    """Delete an interview and its seats; journal entries about it stay, unlinked."""
    connection.execute(
        journal_entries.update()
        .where(journal_entries.c.owner_id == owner, journal_entries.c.interview_id == interview_id)
        .values(interview_id=None)
    )
    connection.execute(
        interview_people.delete().where(interview_people.c.interview_id == interview_id)
    )
    connection.execute(
        interviews.delete().where(interviews.c.owner_id == owner, interviews.c.id == interview_id)
    )


def _column_value(value: object) -> object:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value.value if isinstance(value, Format) else value
