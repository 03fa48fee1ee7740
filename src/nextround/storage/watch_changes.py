"""Reads of what the watch has seen, across watches: for a company's watch section and
the "What's new" page. Reads only; every write is in :mod:`nextround.storage.watch`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextround.domain.watch import KnownPosting
from nextround.storage.sql import Connection
from nextround.storage.values import as_date, must_date
from nextround.storage.watch import _posting


@dataclass(frozen=True)
class SeenNews:
    """A news item as stored: its company, and the day it is dated (else first seen)."""

    watch_id: int
    company_id: int
    company: str
    title: str
    url: str
    published_on: date | None
    first_seen: date

    @property
    def on(self) -> date:
        return self.published_on or self.first_seen


@dataclass(frozen=True)
class SeenPosting:
    """A stored posting with its watch's company."""

    watch_id: int
    company_id: int
    company: str
    posting: KnownPosting


def open_postings(c: Connection, owner: int, watch_id: int) -> list[KnownPosting]:
    """The postings open now, the newest first seen first."""
    rows = c.rows(
        "SELECT * FROM watch_postings WHERE owner_id = :owner AND watch_id = :watch"
        " AND closed_on IS NULL ORDER BY COALESCE(returned_on, first_seen) DESC, id DESC",
        {"owner": owner, "watch": watch_id},
    )
    return [_posting(r) for r in rows]


def new_postings(c: Connection, owner: int, since: date) -> list[SeenPosting]:
    """Open postings first seen (not on a watch's first read) or back on or after ``since``."""
    rows = c.rows(
        "SELECT p.*, w.company_id AS w_company_id, co.name AS w_company"
        "  FROM watch_postings p JOIN watches w ON w.id = p.watch_id"
        "  JOIN companies co ON co.id = w.company_id"
        " WHERE p.owner_id = :owner AND p.closed_on IS NULL"
        "   AND ((p.first_seen >= :since AND p.baseline = :no) OR p.returned_on >= :since)"
        " ORDER BY COALESCE(p.returned_on, p.first_seen) DESC, p.id DESC",
        {"owner": owner, "since": since, "no": False},
    )
    return [
        SeenPosting(int(r["watch_id"]), int(r["w_company_id"]), str(r["w_company"]), _posting(r))
        for r in rows
    ]


def recent_news(
    c: Connection, owner: int, since: date, *, watch_id: int | None = None, limit: int = 200
) -> list[SeenNews]:
    """News items dated (else first seen) on or after ``since``, newest first."""
    where = " AND n.watch_id = :watch" if watch_id is not None else ""
    rows = c.rows(
        "SELECT n.*, w.company_id AS w_company_id, co.name AS w_company"
        "  FROM watch_news n JOIN watches w ON w.id = n.watch_id"
        "  JOIN companies co ON co.id = w.company_id"
        " WHERE n.owner_id = :owner AND COALESCE(n.published_on, n.first_seen) >= :since"
        f"{where} ORDER BY COALESCE(n.published_on, n.first_seen) DESC, n.id DESC LIMIT :limit",
        {"owner": owner, "since": since, "watch": watch_id, "limit": limit},
    )
    return [
        SeenNews(
            int(r["watch_id"]),
            int(r["w_company_id"]),
            str(r["w_company"]),
            str(r["title"]),
            str(r["url"]),
            as_date(r["published_on"]),
            must_date(r["first_seen"]),
        )
        for r in rows
    ]
