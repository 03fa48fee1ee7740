"""What changed at a company since it said no (``domain.since_no``), read from the watch of
its board and feed: for the check-back drafts and the company briefing."""

from __future__ import annotations

from collections.abc import Iterable

from nextround.domain.applications import Application
from nextround.domain.since_no import SinceNo, since_rejection
from nextround.domain.watch import KnownPosting, NewsItem
from nextround.storage import watch
from nextround.storage.sql import Connection


def of_applications(c: Connection, owner: int, apps: Iterable[Application]) -> dict[int, SinceNo]:
    """Application id -> what changed at its company since its rejection, for the rejected
    applications of watched companies (two reads per watched company)."""
    found: dict[int, SinceNo] = {}
    rows: dict[int, tuple[list[KnownPosting], list[NewsItem]] | None] = {}
    for app in apps:
        if app.rejected_on is None:
            continue
        if app.company_id not in rows:
            watched = watch.of_company(c, owner, app.company_id)
            rows[app.company_id] = (
                (watch.postings(c, owner, watched.id), watch.news(c, owner, watched.id))
                if watched is not None
                else None
            )
        read = rows[app.company_id]
        if read is not None:
            postings, news = read
            found[app.id] = since_rejection(
                app.id, app.role, app.requisition_id or "", app.rejected_on, postings, news
            )
    return found
