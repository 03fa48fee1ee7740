"""The list of applications a page at a time, in the API's order: as added.

(The pages' list view, newest first, and the board are in
:mod:`nextround.services.applications`.)
"""

from __future__ import annotations

from nextround.domain.applications import Application, Status
from nextround.services.context import Context
from nextround.services.paging import Page, Window, page_of
from nextround.storage import applications


def page(ctx: Context, window: Window, status: Status | None = None) -> Page[Application]:
    """One page of the applications (with one status, if given), as added."""
    with ctx.db.read() as c:
        found = applications.list_all(c, ctx.owner, status=status, window=window)
    return page_of(found, window, applications.ORDER)
