"""Interviews and who sat in them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, time

from nextround.domain.interviews import Format, Interview, InterviewKind, InterviewStatus
from nextround.storage import records, revisions
from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.sql import Connection, in_list
from nextround.storage.values import must_date


def add(
    c: Connection, owner: int, values: Mapping[str, object], interviewer_ids: Iterable[int]
) -> int:
    interview_id = records.insert(c, "interviews", owner, _columns(values))
    set_interviewers(c, owner, interview_id, interviewer_ids)
    return interview_id


def _columns(values: Mapping[str, object]) -> dict[str, object]:
    """Domain names to column names: ``on`` is ``on_date``, ``at`` is ``at_time`` (HH:MM)."""
    names = {"on": "on_date", "at": "at_time"}
    found: dict[str, object] = {}
    for name, given in values.items():
        value = given
        if isinstance(given, time):
            value = _hhmm(given)
        elif isinstance(given, Format | InterviewStatus | InterviewKind):
            value = given.value
        found[names.get(name, name)] = value
    return found


def update(
    c: Connection,
    owner: int,
    interview_id: int,
    changes: Mapping[str, object],
    *,
    expected_revision: int | None = None,
) -> bool:
    expect = None if expected_revision is None else {"revision": expected_revision}
    return (
        records.update(c, "interviews", owner, interview_id, _columns(changes), expect=expect)
        is not None
    )


def set_interviewers(
    c: Connection, owner: int, interview_id: int, person_ids: Iterable[int]
) -> None:
    """Exactly these people sat in the interview."""
    wanted = list(dict.fromkeys(person_ids))
    listed, params = in_list("p", wanted)
    records.delete_where(
        c,
        "interview_people",
        owner,
        # NOT IN (NULL) matches nothing: with nobody wanted, everyone leaves the interview.
        f"interview_id = :interview{f' AND person_id NOT IN {listed}' if wanted else ''}",
        {**params, "interview": interview_id},
    )
    seated = set(
        c.scalars(
            "SELECT person_id FROM interview_people WHERE owner_id = :owner AND interview_id = :interview",
            {"owner": owner, "interview": interview_id},
        )
    )
    for person_id in wanted:
        if person_id not in seated:
            records.insert(
                c, "interview_people", owner, {"interview_id": interview_id, "person_id": person_id}
            )


def set_topics(
    c: Connection, owner: int, interview_id: int, topics: Mapping[int, tuple[str, ...]]
) -> None:
    """What the user talked about with each of these interviewers (one topic a line)."""
    for person_id, found in topics.items():
        records.update_where(
            c,
            "interview_people",
            owner,
            "interview_id = :interview AND person_id = :person",
            {"interview": interview_id, "person": person_id},
            {"topics": "\n".join(found)},
        )


def of_application(c: Connection, owner: int, application_id: int) -> list[Interview]:
    return _load(c, owner, "application_id = :app", {"app": application_id})


def of_applications(
    c: Connection, owner: int, application_ids: Iterable[int]
) -> dict[int, list[Interview]]:
    """Each application's interviews, in one query: application id -> interviews."""
    ids = list(application_ids)
    found: dict[int, list[Interview]] = {i: [] for i in ids}
    if ids:
        listed, params = in_list("a", ids)
        for interview in _load(c, owner, f"application_id IN {listed}", params):
            found[interview.application_id].append(interview)
    return found


def _hhmm(at: object) -> str:
    """A time as the column holds it (text, HH:MM)."""
    return at.strftime("%H:%M") if isinstance(at, time) else str(at)


#: The order of every list of interviews: by day, then time (none said first).
ORDER = Order(
    Column("on_date", "on", date),
    Column("at_time", "at", str, nullable=True, derive=_hhmm),
    Column("id", "id", int),
)


def list_all(
    c: Connection, owner: int, application_id: int | None = None, window: Window = EVERYTHING
) -> list[Interview]:
    """Every interview of the owner (of one application), in two queries whatever their number.

    A limited ``window`` reads one row more (see :mod:`nextround.storage.paging`)."""
    if application_id is None:
        return _load(c, owner, "1 = 1", {}, window)
    return _load(c, owner, "application_id = :app", {"app": application_id}, window)


def get(c: Connection, owner: int, interview_id: int) -> Interview | None:
    found = _load(c, owner, "id = :id", {"id": interview_id})
    return found[0] if found else None


def _load(
    c: Connection,
    owner: int,
    where: str,
    params: Mapping[str, object],
    window: Window = EVERYTHING,
) -> list[Interview]:
    select = "SELECT * FROM interviews WHERE owner_id = :owner"
    rows = ORDER.rows(c, select, where, {**params, "owner": owner}, window)
    seats: dict[int, list[int]] = {}
    topics: dict[int, dict[int, tuple[str, ...]]] = {}
    if rows:
        listed, ids = in_list("i", [r["id"] for r in rows])
        for interview_id, person_id, said in c.rows(
            "SELECT interview_id, person_id, topics FROM interview_people "
            f"WHERE interview_id IN {listed} ORDER BY person_id",
            ids,
        ):
            seats.setdefault(interview_id, []).append(person_id)
            if said:
                topics.setdefault(interview_id, {})[person_id] = tuple(said.splitlines())
    return [
        Interview(
            id=r["id"],
            application_id=r["application_id"],
            on=must_date(r["on_date"]),
            at=time.fromisoformat(r["at_time"]) if r["at_time"] else None,
            format=Format(r["format"]),
            interviewer_ids=tuple(seats.get(r["id"], ())),
            notes=r["notes"],
            status=InterviewStatus(r["status"]),
            revision=r["revision"],
            topics=topics.get(r["id"], {}),
            kind=InterviewKind(r["kind"]) if r["kind"] else None,
        )
        for r in rows
    ]


def applications_of_person(c: Connection, owner: int, person_id: int) -> list[int]:
    """Ids of the applications whose interviews this person sat in."""
    return [
        int(i)
        for i in c.scalars(
            "SELECT DISTINCT i.application_id FROM interviews i "
            "JOIN interview_people s ON s.interview_id = i.id "
            "WHERE i.owner_id = :owner AND s.person_id = :person",
            {"owner": owner, "person": person_id},
        )
    ]


def delete(c: Connection, owner: int, interview_id: int) -> None:
    """Delete an interview and its seats; journal entries about it stay, unlinked."""
    params = {"interview": interview_id}
    records.update_where(
        c, "journal_entries", owner, "interview_id = :interview", params, {"interview_id": None}
    )
    records.delete_where(c, "interview_people", owner, "interview_id = :interview", params)
    revisions.delete_of(c, owner, "interview", "SELECT :interview", params)
    records.delete(c, "interviews", owner, interview_id)
