"""The people who may be at a company, with the days they were in touch, in one query."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from nextround.domain.network import Contact
from nextround.domain.people import Person
from nextround.storage import people
from nextround.storage.paging import Window
from nextround.storage.people import person
from nextround.storage.sql import Connection, Row, in_list
from nextround.storage.values import as_date

#: Each person with their relationship's days, their interviews and the mail they sent.
_SELECT = """
SELECT p.id, p.name, p.company_id, p.organisation, p.email, p.title, p.linkedin_url, p.source,
  r.connected_on, r.card_mailed_on, r.congratulated_on, r.asked_to_connect_on, r.answered_on,
  r.invited_on,
  (SELECT MAX(i.on_date) FROM interview_people ip JOIN interviews i ON i.id = ip.interview_id
    WHERE ip.person_id = p.id AND i.status = 'planned' AND i.on_date <= :today) AS last_interview,
  (SELECT MIN(i.on_date) FROM interview_people ip JOIN interviews i ON i.id = ip.interview_id
    WHERE ip.person_id = p.id AND i.status = 'planned' AND i.on_date > :today) AS next_interview,
  (SELECT MAX(m.received_at) FROM mail_suggestions m
    WHERE m.person_id = p.id AND m.owner_id = :owner) AS last_mail
FROM people p LEFT JOIN relationships r ON r.person_id = p.id
WHERE p.owner_id = :owner AND ({where})
ORDER BY p.id
"""


def organisations(c: Connection, owner: int) -> list[str]:
    """Every organisation named by a person not linked to a company record, once each."""
    return [
        str(o)
        for o in c.scalars(
            "SELECT DISTINCT organisation FROM people WHERE owner_id = :owner "
            "AND company_id IS NULL AND organisation IS NOT NULL AND organisation <> ''",
            {"owner": owner},
        )
    ]


def candidates(
    c: Connection,
    owner: int,
    company_ids: Iterable[int],
    organisations: Iterable[str],
    domains: Iterable[str],
    today: date,
) -> list[Contact]:
    """People linked to these companies, or unlinked ones named for these organisations or
    with an email address at one of these domains (or a subdomain)."""
    linked, params = in_list("c", list(dict.fromkeys(company_ids)))
    named, more = in_list("o", list(dict.fromkeys(organisations)))
    params |= more
    where = [f"p.company_id IN {linked}"]
    unlinked = [f"p.organisation IN {named}"] if more else []
    for i, domain in enumerate(dict.fromkeys(domains)):
        unlinked.append(
            f"LOWER(p.email) LIKE :at{i} ESCAPE '!' OR LOWER(p.email) LIKE :sub{i} ESCAPE '!'"
        )
        params[f"at{i}"] = f"%@{_literal(domain)}"
        params[f"sub{i}"] = f"%.{_literal(domain)}"
    if unlinked:
        where.append(f"(p.company_id IS NULL AND ({' OR '.join(unlinked)}))")
    rows = c.rows(
        _SELECT.format(where=" OR ".join(where)), {**params, "owner": owner, "today": today}
    )
    return [_contact(r) for r in rows]


def _literal(text: str) -> str:
    """Text that LIKE (with ``ESCAPE '!'``) matches as written."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _day(value: object) -> date | None:
    """A date from a date column, or the day of a time (PostgreSQL gives ``datetime``)."""
    if isinstance(value, datetime):
        return value.date()
    return as_date(value)


def _contact(r: Row) -> Contact:
    return Contact(
        id=int(r["id"]),
        name=r["name"],
        company_id=r["company_id"],
        organisation=r["organisation"],
        email=r["email"],
        title=r["title"],
        linkedin_url=r["linkedin_url"],
        source=r["source"] or "manual",
        last_interview=as_date(r["last_interview"]),
        next_interview=as_date(r["next_interview"]),
        connected_on=as_date(r["connected_on"]),
        touches=tuple(
            _day(r[k])
            for k in (
                "card_mailed_on",
                "congratulated_on",
                "asked_to_connect_on",
                "answered_on",
                "invited_on",
                "last_mail",
            )
        ),
    )


def unlinked(c: Connection, owner: int, source: str | None, window: Window) -> list[Person]:
    """People with no company record (imported contacts), from one source or all: the
    ``window`` of them by name (in :data:`people.ORDER`; a limited window reads one row
    more, see :mod:`nextround.storage.paging`). How many: :func:`unlinked_sources`."""
    where = "p.company_id IS NULL"
    params: dict[str, object] = {"owner": owner}
    if source is not None:
        where += " AND p.source = :source"
        params["source"] = source
    select = "SELECT p.*, COALESCE(p.organisation, '') AS company FROM people p WHERE p.owner_id = :owner"
    rows = people.ORDER.rows(c, select, where, params, window)
    return [person(r) for r in rows]


def unlinked_sources(c: Connection, owner: int) -> dict[str, int]:
    """How many people with no company record came from each source."""
    rows = c.rows(
        "SELECT source, COUNT(*) FROM people WHERE owner_id = :owner AND company_id IS NULL "
        "GROUP BY source ORDER BY source",
        {"owner": owner},
    )
    return {str(r[0]): int(r[1]) for r in rows}
