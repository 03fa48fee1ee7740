"""People you already know at a company, from any source: met in interviews, LinkedIn
connections, address books, an old tracker.

A person linked to the company record is there; an imported contact with no
company record is there when the organisation they gave is the company's name
(compared with care: :mod:`nextround.domain.orgnames`) or their email address
is at the company's website's domain. Read in a fixed number of queries,
whatever the number of people or companies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from nextround.domain.companies import Company
from nextround.domain.network import KnownPerson, people_known, summary
from nextround.domain.orgnames import Organisation, email_domain, host_of, name_key
from nextround.domain.people import SOURCES, Person
from nextround.errors import InvalidInput
from nextround.services.companies import get as get_company
from nextround.services.context import Context
from nextround.services.paging import EVERYTHING, Key, Page, Window, page_of
from nextround.storage import companies, network, people
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


@dataclass(frozen=True)
class ContactRow:
    """A person with no company record, and the company they seem to work at, if one is stored."""

    person: Person
    company_id: int | None = None


@dataclass(frozen=True)
class ContactsPage:
    """One page of the people with no company record (imported contacts), by name."""

    rows: tuple[ContactRow, ...]
    total: int
    #: How many there are from each source, for choosing one.
    sources: dict[str, int]
    source: str | None
    #: Where the next page starts (give it back as ``Window.after``); None on the last page.
    next_cursor: Key | None = None

    def page(self) -> Page[ContactRow]:
        """The rows as a :class:`~nextround.services.paging.Page` (for the faces' paging)."""
        return Page(list(self.rows), self.next_cursor)


def contacts(ctx: Context, source: str | None = None, window: Window = EVERYTHING) -> ContactsPage:
    """People with no company record, from ``source`` (e.g. ``linkedin``) or every one, by
    name, the ``window`` of them; each with the stored company their organisation or email
    domain names, if any."""
    if source is not None and source not in SOURCES:
        raise InvalidInput(
            f"no source {source!r}; choose one of {', '.join(SOURCES)}", field="source"
        )
    with ctx.db.read() as c:
        found = network.unlinked(c, ctx.owner, source, window)
        sources = network.unlinked_sources(c, ctx.owner)
        sites = companies.all_sites(c, ctx.owner)
    # Every source's count (hand-added people's under "None"): the total of one, or of all.
    total = sources.get(source, 0) if source is not None else sum(sources.values())
    page = page_of(found, window, people.ORDER)
    at = _company_finder(sites)
    rows = tuple(ContactRow(p, at(p)) for p in page.items)
    return ContactsPage(rows, total, sources, source, page.next_cursor)


def _company_finder(sites: Sequence[tuple[int, str, str | None]]) -> Callable[[Person], int | None]:
    """Which stored company a contact works at: by the organisation's name, else the email's
    domain (or a parent domain of it)."""
    by_key: dict[str, int] = {}
    by_domain: dict[str, int] = {}
    for company_id, name, website in sites:
        by_key.setdefault(name_key(name), company_id)
        if (domain := host_of(website)) is not None:
            by_domain.setdefault(domain, company_id)
    by_key.pop("", None)

    def find(person: Person) -> int | None:
        if person.organisation and (hit := by_key.get(name_key(person.organisation))):
            return hit
        labels = (email_domain(person.email) or "").split(".")
        for i in range(len(labels) - 1):
            if (hit := by_domain.get(".".join(labels[i:]))) is not None:
                return hit
        return None

    return find
