"""One search box over companies, people, applications and journal entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nextround.domain.applications import Application
from nextround.domain.companies import Company
from nextround.domain.people import Person
from nextround.errors import InvalidInput
from nextround.services.context import Context
from nextround.services.journal import SearchHit
from nextround.services.paging import Key, Window, page_of
from nextround.storage import applications, companies, journal, people, search
from nextround.storage.search import LIMIT
from nextround.storage.sql import Connection

__all__ = ["KINDS", "Results", "SearchHit", "search_all", "search_kind"]


#: The kinds of record whose every match a search lists, a page at a time (:func:`search_kind`).
KINDS = ("companies", "people", "applications")


@dataclass(frozen=True)
class Results:
    """What a search found: the first :data:`LIMIT` of each kind (the best 50 journal
    entries); or, for :func:`search_kind`, one page of one kind's every match."""

    query: str
    companies: list[Company]
    people: list[Person]
    applications: list[Application]
    journal: list[SearchHit]
    #: The one kind listed (a page of it), or None for the first matches of every kind.
    kind: str | None = None
    #: Where the kind's next page starts (``Window.after``); None on the last page.
    next_cursor: Key | None = None
    #: How many of each kind the first matches hold at most: a full list has more.
    limit: int = LIMIT

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


def search_kind(ctx: Context, query: str, kind: str, window: Window) -> Results:
    """Every ``kind`` (one of :data:`KINDS`) matching every word of ``query``, the
    ``window`` of them: companies and people by name, applications newest first."""
    if kind not in KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(KINDS)}, not {kind!r}", field="kind")
    query = " ".join(query.split())[:200]
    with ctx.db.read() as c:
        ids = search.window_ids(c, ctx.owner, kind, query, window)
        loaded = _LOADERS[kind](c, ctx.owner, ids)
    page = page_of(loaded, window, search.ORDERS[kind])
    mine = page.items
    return Results(
        query,
        mine if kind == "companies" else [],
        mine if kind == "people" else [],
        mine if kind == "applications" else [],
        [],
        kind=kind,
        next_cursor=page.next_cursor,
    )


_LOADERS: dict[str, Callable[[Connection, int, list[int]], list[Any]]] = {
    "companies": companies.get_many,
    "people": people.get_many,
    "applications": applications.get_many,
}
