"""One search box over companies, people, applications and journal entries."""

from __future__ import annotations

from dataclasses import dataclass

from nextround.domain.applications import Application
from nextround.domain.companies import Company
from nextround.domain.people import Person
from nextround.services.context import Context
from nextround.services.journal import SearchHit
from nextround.storage import applications, companies, journal, people, search

__all__ = ["Results", "SearchHit", "search_all"]


@dataclass(frozen=True)
class Results:
    query: str
    companies: list[Company]
    people: list[Person]
    applications: list[Application]
    journal: list[SearchHit]

    @property
    def count(self) -> int:
        return len(self.companies) + len(self.people) + len(self.applications) + len(self.journal)


def search_all(ctx: Context, query: str) -> Results:
    """Everything matching every word of ``query``; no words, no results (and no error).

    Names and roles match anywhere in a word; journal entries and people's
    notes match whole (stemmed) words through the full-text indexes.
    """
    query = " ".join(query.split())[:200]
    if not search.words(query):
        return Results(query, [], [], [], [])
    owner = ctx.owner
    with ctx.db.read() as c:
        person_ids = search.people_ids(c, owner, query)
        person_ids += journal.search_people_notes(c, owner, query)
        entries = journal.search(c, owner, query)
        app_ids = search.application_ids(c, owner, query)
        apps = applications.get_many(c, owner, [*app_ids, *(e.application_id for e in entries)])
        found_ids = set(app_ids)
        by_id = {a.id: a for a in apps}
        return Results(
            query,
            companies.get_many(c, owner, search.company_ids(c, owner, query)),
            people.get_many(c, owner, dict.fromkeys(person_ids)),
            [a for a in apps if a.id in found_ids],
            [SearchHit(e, by_id[e.application_id]) for e in entries if e.application_id in by_id],
        )
