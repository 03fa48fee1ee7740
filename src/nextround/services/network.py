"""People you already know at a company, from any source: met in interviews, LinkedIn
connections, address books, an old tracker.

A person linked to the company record is there; an imported contact with no
company record is there when the organisation they gave is the company's name
(compared with care: :mod:`nextround.domain.orgnames`) or their email address
is at the company's website's domain. Read in a fixed number of queries,
whatever the number of people or companies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nextround.domain.companies import Company
from nextround.domain.network import KnownPerson, people_known, summary
from nextround.domain.orgnames import Organisation, name_key
from nextround.services.companies import get as get_company
from nextround.services.context import Context
from nextround.storage import companies, network
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class PeopleYouKnow:
    """The people the user knows at one company, the most recently in touch first."""

    company_id: int
    company: str
    people: tuple[KnownPerson, ...]

    @property
    def summary(self) -> str:
        """ "You know 2 people at Acme: …", or "" when no one."""
        return summary(self.company, self.people)

    def to_json(self) -> dict[str, object]:
        from nextround.domain.jsonable import to_jsonable

        return {
            "company_id": self.company_id,
            "company": self.company,
            "people": to_jsonable(self.people),
            "summary": self.summary,
        }


def people_you_know(ctx: Context, company_id: int) -> PeopleYouKnow:
    """Who the user knows at the company, how, and when they were last in touch."""
    with ctx.db.read() as c:
        company = get_company(c, ctx, company_id)
        return known_at(c, ctx, [company])[company.id]


def people_you_know_at(ctx: Context, company_ids: Iterable[int]) -> dict[int, PeopleYouKnow]:
    """The people known at each of these companies (unknown ids left out), in one read."""
    with ctx.db.read() as c:
        return known_at(c, ctx, companies.get_many(c, ctx.owner, company_ids))


def known_at(c: Connection, ctx: Context, found: Sequence[Company]) -> dict[int, PeopleYouKnow]:
    """The people known at each of these companies, in two queries for all of them."""
    orgs = {co.id: Organisation.of(co.name, co.website) for co in found}
    keys = {o.key for o in orgs.values() if o.key}
    named = [n for n in network.organisations(c, ctx.owner) if name_key(n) in keys]
    domains = [o.domain for o in orgs.values() if o.domain]
    contacts = network.candidates(c, ctx.owner, list(orgs), named, domains, ctx.today)
    return {
        co.id: PeopleYouKnow(co.id, co.name, people_known(contacts, co.id, orgs[co.id], ctx.today))
        for co in found
    }
