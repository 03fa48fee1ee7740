"""People, and the relationship record kept for each of them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import quote

from nextround.domain.imports import Known
from nextround.domain.people import ConnectAnswer, Part, Person, Relationship
from nextround.storage import records, revisions
from nextround.storage.folding import fold
from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.sql import Connection, Row, in_list
from nextround.storage.values import as_date

_SELECT = (
    "SELECT p.*, COALESCE(c.name, p.organisation, '') AS company "
    "FROM people p LEFT JOIN companies c ON c.id = p.company_id "
    "WHERE p.owner_id = :owner"
)


def add(
    c: Connection,
    owner: int,
    values: Mapping[str, object],
    relationship: Mapping[str, object] | None = None,
) -> int:
    """A new person with their relationship record (``relationship``: its first values)."""
    person_id = records.insert(c, "people", owner, values)
    records.insert(c, "relationships", owner, {**(relationship or {}), "person_id": person_id})
    return person_id


def update(
    c: Connection,
    owner: int,
    person_id: int,
    changes: Mapping[str, object],
    *,
    expected_revision: int | None = None,
) -> bool:
    """Change the person; False if there is none. A stale ``expected_revision`` is a Conflict."""
    expect = None if expected_revision is None else {"revision": expected_revision}
    return records.update(c, "people", owner, person_id, changes, expect=expect) is not None


def get(c: Connection, owner: int, person_id: int) -> Person | None:
    found = _load(c, owner, "p.id = :id", {"id": person_id})
    return found[0] if found else None


def get_many(c: Connection, owner: int, ids: Iterable[int]) -> list[Person]:
    """The people with these ids, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    listed, params = in_list("i", wanted)
    found = {p.id: p for p in _load(c, owner, f"p.id IN {listed}", params)}
    return [found[i] for i in wanted if i in found]


def list_all(
    c: Connection,
    owner: int,
    company_id: int | None = None,
    *,
    source: str | None = None,
    window: Window = EVERYTHING,
) -> list[Person]:
    """Everyone, or everyone at one company, or from one source (``linkedin``), by name.

    A limited ``window`` reads one row more (see :mod:`nextround.storage.paging`)."""
    where: list[str] = ["1 = 1"]
    params: dict[str, object] = {}
    if company_id is not None:
        where.append("p.company_id = :company")
        params["company"] = company_id
    if source is not None:
        where.append("p.source = :source")
        params["source"] = source
    return _load(c, owner, " AND ".join(where), params, window)


def ids_at(c: Connection, owner: int, company_ids: Iterable[int]) -> dict[int, list[int]]:
    """The ids of everyone at each of these companies, oldest first, in one query."""
    wanted = list(dict.fromkeys(company_ids))
    found: dict[int, list[int]] = {i: [] for i in wanted}
    if wanted:
        listed, params = in_list("c", wanted)
        for person_id, company_id in c.rows(
            f"SELECT id, company_id FROM people WHERE owner_id = :owner AND company_id IN {listed} "
            "ORDER BY id",
            {**params, "owner": owner},
        ):
            found[company_id].append(person_id)
    return found


def look_alikes(
    c: Connection, owner: int, *, email: str | None, profile: str | None, company_id: int
) -> list[Person]:
    """Who might be the same person: the same email (any case), a LinkedIn URL ending in the
    same profile name, or anyone at the company (the caller compares names)."""
    where = ["p.company_id = :company"]
    params: dict[str, object] = {"company": company_id}
    if email:
        where.append("LOWER(p.email) = :email")
        params["email"] = email.lower()
    if profile:  # as typed, or percent-encoded as LinkedIn writes non-ASCII names
        for i, form in enumerate(dict.fromkeys((profile, quote(profile)))):
            where.append(f"LOWER(p.linkedin_url) LIKE :profile{i} ESCAPE '\\'")
            params[f"profile{i}"] = f"%{_escaped(form.lower())}%"
    return _load(c, owner, " OR ".join(where), params)


def _escaped(text: str) -> str:
    """Text matched literally by LIKE."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def all_names(c: Connection, owner: int) -> list[tuple[int, str]]:
    """(id, name) of every person, for lookups that fold case the way people read names."""
    rows = c.rows(
        "SELECT id, name FROM people WHERE owner_id = :owner ORDER BY id", {"owner": owner}
    )
    return [(int(r[0]), str(r[1])) for r in rows]


#: The order of every list of people: by name, folded (see :mod:`nextround.storage.folding`).
ORDER = Order(
    Column("nr_fold(p.name)", "name", str, binary=True, derive=lambda n: fold(str(n))),
    Column("p.name", "name", str, binary=True),
    Column("p.id", "id", int),
)


def _load(
    c: Connection,
    owner: int,
    where: str,
    params: Mapping[str, object],
    window: Window = EVERYTHING,
) -> list[Person]:
    rows = ORDER.rows(c, _SELECT, where, {**params, "owner": owner}, window)
    return [person(r) for r in rows]


def person(r: Row) -> Person:
    return Person(
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
        part=Part(r["part"]) if r["part"] else None,
        language=r["language"] or None,
        address_as=r["address_as"] or None,
        formal=None if r["formal"] is None else bool(r["formal"]),
        organisation=r["organisation"],
        source=r["source"],
        phone=r["phone"],
    )


def relationships_of(c: Connection, owner: int, ids: Iterable[int]) -> dict[int, Relationship]:
    wanted = list(ids)
    if not wanted:
        return {}
    listed, params = in_list("i", wanted)
    rows = c.rows(
        f"SELECT * FROM relationships WHERE owner_id = :owner AND person_id IN {listed}",
        {**params, "owner": owner},
    )
    return {r["person_id"]: _relationship(r) for r in rows}


def relationship(c: Connection, owner: int, person_id: int) -> Relationship:
    return relationships_of(c, owner, [person_id]).get(person_id, Relationship(person_id))


def _relationship(r: Row) -> Relationship:
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
    c: Connection,
    owner: int,
    person_id: int,
    changes: Mapping[str, object],
    *,
    expect: Mapping[str, object] | None = None,
    stale: str | None = None,
) -> None:
    records.update(
        c, "relationships", owner, {"person_id": person_id}, changes, expect=expect, stale=stale
    )


def delete(c: Connection, owner: int, person_id: int) -> None:
    """Delete a person with their relationship record, their steps and interview seats."""
    params = {"person": person_id}
    revisions.delete_of(c, owner, "draft", "SELECT id FROM tasks WHERE person_id = :person", params)
    records.delete_where(c, "tasks", owner, "person_id = :person", params)
    records.delete_where(c, "interview_people", owner, "person_id = :person", params)
    records.update_where(
        c, "mail_suggestions", owner, "person_id = :person", params, {"person_id": None}
    )
    records.update_where(
        c, "applications", owner, "referrer_id = :person", params, {"referrer_id": None}
    )
    records.delete_where(c, "relationships", owner, "person_id = :person", params)
    records.delete(c, "people", owner, person_id)


def seats(c: Connection, owner: int, person_id: int) -> list[int]:
    """Ids of the interviews this person sat in."""
    return [
        int(i)
        for i in c.scalars(
            "SELECT interview_id FROM interview_people WHERE owner_id = :owner AND person_id = :person",
            {"owner": owner, "person": person_id},
        )
    ]


def known(c: Connection, owner: int) -> list[Known]:
    """Everyone as an import matches them: details, relationship days, open invitation step.

    One query, whatever the number of people (an import compares thousands).
    """
    rows = c.rows(
        "SELECT p.id, p.name, COALESCE(co.name, p.organisation, '') AS company, p.company_id, "
        "p.email, p.linkedin_url, p.title, p.organisation, p.phone, p.address, "
        "r.connected_on, r.invited_on, "
        "(SELECT MIN(t.id) FROM tasks t WHERE t.person_id = p.id AND t.owner_id = p.owner_id "
        " AND t.kind = 'linkedin_invite' AND t.status IN ('open', 'snoozed')) AS invite_step "
        "FROM people p LEFT JOIN companies co ON co.id = p.company_id "
        "LEFT JOIN relationships r ON r.person_id = p.id "
        "WHERE p.owner_id = :owner ORDER BY p.id",
        {"owner": owner},
    )
    return [
        Known(
            id=r["id"],
            name=r["name"],
            company=r["company"],
            has_company=r["company_id"] is not None,
            email=r["email"],
            linkedin_url=r["linkedin_url"],
            title=r["title"],
            organisation=r["organisation"],
            phone=r["phone"],
            address=r["address"],
            connected_on=as_date(r["connected_on"]),
            invited_on=as_date(r["invited_on"]),
            invite_step=r["invite_step"],
        )
        for r in rows
    ]
