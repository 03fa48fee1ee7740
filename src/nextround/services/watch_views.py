"""What the watch has learned, as pages show it: one company's watch section, and
"What's new" at every watched company (reopened roles first, new roles, news).

Reads only; nothing here goes on the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from nextround.domain.applications import Status
from nextround.domain.watch import KnownPosting, Reopening, Watch, reopenings
from nextround.errors import InvalidInput
from nextround.services.companies import get as get_company
from nextround.services.context import Context
from nextround.storage import applications
from nextround.storage import watch as stored
from nextround.storage import watch_changes as seen
from nextround.storage.sql import Connection
from nextround.storage.watch_changes import SeenNews

#: How far back "What's new" looks by default, and at most.
DEFAULT_DAYS = 30
MAX_DAYS = 366
#: The most news items shown on a company's page.
COMPANY_NEWS = 20


@dataclass(frozen=True)
class ReopenedRole:
    """A role the user was turned down for, listed again: the application and its postings."""

    application_id: int
    role: str
    rejected_on: date
    reopening: Reopening


@dataclass(frozen=True)
class CompanyWatch:
    """A company's watch section: the watch (None: not watched), what it saw, what it knows."""

    company_id: int
    company: str
    watch: Watch | None
    gone: bool
    open_postings: tuple[KnownPosting, ...]
    reopened: tuple[ReopenedRole, ...]
    news: tuple[SeenNews, ...]
    #: The board nextround would watch without being told (careers page or a job link).
    known_board: str


def company_watch(ctx: Context, company_id: int) -> CompanyWatch:
    # The same board `watch add` would take without being told one.
    from nextround.services.watch import _known_board as known_board

    with ctx.db.read() as c:
        company = get_company(c, ctx, company_id)
        watch = stored.of_company(c, ctx.owner, company_id)
        if watch is None:
            board = known_board(c, ctx, company_id, company.careers_url) or ""
            return CompanyWatch(company.id, company.name, None, False, (), (), (), board)
        postings = stored.postings(c, ctx.owner, watch.id)
        return CompanyWatch(
            company.id,
            company.name,
            watch,
            watch.gone(ctx.today),
            tuple(seen.open_postings(c, ctx.owner, watch.id)),
            tuple(_reopened(c, ctx, watch, postings)),
            tuple(seen.recent_news(c, ctx.owner, date.min, watch_id=watch.id, limit=COMPANY_NEWS)),
            watch.board_url,
        )


def _reopened(
    c: Connection, ctx: Context, watch: Watch, postings: list[KnownPosting]
) -> list[ReopenedRole]:
    found = []
    for app in applications.list_all(
        c, ctx.owner, company_id=watch.company_id, status=Status.REJECTED
    ):
        if app.rejected_on is None:
            continue
        hit = reopenings(app.id, app.role, app.requisition_id or "", app.rejected_on, postings)
        if hit is not None:
            found.append(ReopenedRole(app.id, app.role, app.rejected_on, hit))
    return found


@dataclass(frozen=True)
class CompanyReopened:
    company_id: int
    company: str
    role: ReopenedRole


@dataclass(frozen=True)
class NewRole:
    company_id: int
    company: str
    posting: KnownPosting

    @property
    def on(self) -> date:
        return self.posting.returned_on or self.posting.first_seen


@dataclass(frozen=True)
class WhatsNew:
    """What changed at watched companies since ``since``: reopened roles (open now, whenever
    they reopened), new roles and news, each newest first."""

    since: date
    days: int
    watched: int
    reopened: tuple[CompanyReopened, ...]
    new_roles: tuple[NewRole, ...]
    news: tuple[SeenNews, ...]

    @property
    def empty(self) -> bool:
        return not (self.reopened or self.new_roles or self.news)


def whats_new(ctx: Context, days: int = DEFAULT_DAYS) -> WhatsNew:
    if isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"days must be from 1 to {MAX_DAYS}, not {days}", field="days")
    since = ctx.today - timedelta(days=days)
    with ctx.db.read() as c:
        watches = stored.list_all(c, ctx.owner)
        reopened: list[CompanyReopened] = []
        for watch in watches:
            postings = stored.postings(c, ctx.owner, watch.id)
            reopened += [
                CompanyReopened(watch.company_id, watch.company, r)
                for r in _reopened(c, ctx, watch, postings)
            ]
        shown = {p.id for r in reopened for p in r.role.reopening.postings}
        new_roles = [
            NewRole(p.company_id, p.company, p.posting)
            for p in seen.new_postings(c, ctx.owner, since)
            if p.posting.id not in shown
        ]
        news = seen.recent_news(c, ctx.owner, since)
    reopened.sort(key=lambda r: (r.role.reopening.since, r.role.application_id), reverse=True)
    return WhatsNew(since, days, len(watches), tuple(reopened), tuple(new_roles), tuple(news))
