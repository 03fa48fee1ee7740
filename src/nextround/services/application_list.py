"""The lists of applications a page at a time: the API's (as added) and the pages' list
view (newest first, with how many there are).

(The board is in :mod:`nextround.services.applications`.)
"""

from __future__ import annotations

from dataclasses import dataclass

from nextround.domain.applications import Application, Status
from nextround.services.context import Context
from nextround.services.paging import Page, Window, page_of
from nextround.storage import applications


def page(ctx: Context, window: Window, status: Status | None = None) -> Page[Application]:
    """One page of the applications (with one status, if given), as added."""
    with ctx.db.read() as c:
        found = applications.list_all(c, ctx.owner, status=status, window=window)
    return page_of(found, window, applications.ORDER)


@dataclass(frozen=True)
class Listed:
    """One page of the list view, and how many applications (with the status) there are."""

    page: Page[Application]
    total: int


def newest(ctx: Context, window: Window, only: Status | None = None) -> Listed:
    """One page of the list view: the most recently applied (or added) first."""
    with ctx.db.read() as c:
        counts = applications.counts_by_status(c, ctx.owner)
        found = applications.newest(c, ctx.owner, status=only, window=window)
    total = counts.get(only, 0) if only else sum(counts.values())
    return Listed(page_of(found, window, applications.NEWEST), total)
