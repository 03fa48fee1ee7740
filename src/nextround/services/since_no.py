"""What changed at a company since it said no (``domain.since_no``), read from the watch of
its board and feed: for the check-back drafts and the company briefing."""

from __future__ import annotations

from collections.abc import Iterable

from nextround.domain.applications import Application
from nextround.domain.since_no import SinceNo, since_rejection
from nextround.storage import watch
from nextround.storage.sql import Connection


def of_applications(c: Connection, owner: int, apps: Iterable[Application]) -> dict[int, SinceNo]:
    """Application id -> what changed at its company since its rejection, for the rejected
    applications of watched companies (three reads, however many companies)."""
    rejected = [a for a in apps if a.rejected_on is not None]
    watched = watch.of_companies(c, owner, [a.company_id for a in rejected])
    seen = watch.seen_at(c, owner, [w.id for w in watched.values()])
    found: dict[int, SinceNo] = {}
    for app in rejected:
        if (w := watched.get(app.company_id)) is not None and app.rejected_on is not None:
            postings, news = seen[w.id]
            found[app.id] = since_rejection(
                app.id, app.role, app.requisition_id or "", app.rejected_on, postings, news
            )
    return found
