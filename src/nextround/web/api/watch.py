"""``/api/v1/companies/{id}/watch`` and ``/api/v1/whats-new``: following a company's job
board and news, as the company page and the "What's new" page show it.

Only ``POST …/watch/run`` and ``POST …/watch/discover`` (and ``POST …/watch``
with a ``site``) go on the network, and only to the addresses the user gave.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field
from starlette.responses import Response

from nextround.domain.jsonable import to_jsonable
from nextround.domain.watch import NewWatch
from nextround.services import watch, watch_discover, watch_views
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape, out
from nextround.web.ids import CompanyId
from nextround.web.state import Ctx

router = api_router("watch")


class WatchOut(Shape):
    id: int
    company_id: int
    company: str
    board_kind: str = Field(description="greenhouse, lever, …, jsonld; empty for a feed only")
    board_name: str
    board_url: str
    feed_url: str
    etag: str
    last_modified: str
    last_ok_on: date | None = Field(description="the last day the board was read")
    gone_since: date | None = Field(description="answering 'not found' since")
    last_error: str = Field(description="the board's last problem, '' when none")
    open_postings: int
    feed_etag: str
    feed_last_modified: str
    feed_error: str = Field(description="the feed's last problem, '' when none")


class PostingOut(Shape):
    id: int
    external_id: str
    title: str
    norm_title: str
    requisition_id: str
    url: str
    first_seen: date
    last_seen: date
    closed_on: date | None
    returned_on: date | None
    baseline: bool = Field(description="listed on the first read: there before the watching")


class ReopeningOut(Shape):
    application_id: int
    postings: list[PostingOut]
    since: date


class ReopenedRoleOut(Shape):
    application_id: int
    role: str
    rejected_on: date
    reopening: ReopeningOut


class NewsOut(Shape):
    watch_id: int
    company_id: int
    company: str
    title: str
    url: str
    published_on: date | None = Field(description="as the feed dates it; null when unreadable")
    first_seen: date


class CompanyWatchOut(Shape):
    company_id: int
    company: str
    watch: WatchOut | None = Field(description="null when the company is not watched")
    gone: bool
    open_postings: list[PostingOut] = Field(description="open now, the newest first")
    reopened: list[ReopenedRoleOut]
    news: list[NewsOut] = Field(description="the newest first")
    known_board: str = Field(description="the board watched, or the one `watch` would take")


class CompanyReopenedOut(Shape):
    company_id: int
    company: str
    role: ReopenedRoleOut


class NewRoleOut(Shape):
    company_id: int
    company: str
    posting: PostingOut


class WhatsNewOut(Shape):
    since: date
    days: int
    watched: int
    reopened: list[CompanyReopenedOut] = Field(description="roles you were turned down for")
    new_roles: list[NewRoleOut]
    news: list[NewsOut]


class WatchIn(Shape):
    board: str | None = Field(None, description="a careers page or a board API URL")
    feed: str | None = Field(None, description="an RSS or Atom feed")
    page: str | None = Field(None, description="a careers page read for schema.org JobPosting")
    site: str | None = Field(None, description="a website to find the feed on (fetched now)")


class DiscoverIn(Shape):
    site: str | None = Field(None, description="default: the company's website")


class FoundFeedOut(Shape):
    url: str
    title: str
    kind: str = Field(description="rss, atom or json")


class FeedsOut(Shape):
    company_id: int
    company: str
    site: str
    feeds: list[FoundFeedOut]


class RunOut(Shape):
    boards: list[dict[str, Any]] = Field(description="each board's outcome, as `watch run --json`")
    requests: int
    seconds: float
    counts: dict[str, int]


@router.get("/companies/{company_id}/watch")
def company_watch(company_id: CompanyId, ctx: Ctx) -> CompanyWatchOut:
    """The company's watch (or null), its open postings, reopened roles and news."""
    return out(CompanyWatchOut, watch_views.company_watch(ctx, company_id))


@router.post("/companies/{company_id}/watch", status_code=201)
def add_watch(company_id: CompanyId, ctx: Ctx, body: WatchIn | None = None) -> WatchOut:
    """Watch the company (409 if it is already). Nothing is fetched, unless ``site`` is
    given: then that page is read for its feed."""
    sent = body or WatchIn(board=None, feed=None, page=None, site=None)
    new = NewWatch(company_id, sent.board, sent.feed, sent.page)
    if sent.site:
        return out(WatchOut, watch_discover.add_with_site(ctx, new, sent.site).watch)
    return out(WatchOut, watch.add_watch(ctx, new))


@router.delete("/companies/{company_id}/watch", status_code=204, response_class=Response)
def remove_watch(company_id: CompanyId, ctx: Ctx) -> Response:
    """Stop watching (to the trash, with what it remembers)."""
    watch.remove_watch(ctx, watch.watch_of(ctx, company_id).id)
    return Response(status_code=204)


@router.post("/companies/{company_id}/watch/run")
def run_watch(company_id: CompanyId, ctx: Ctx) -> RunOut:
    """Read the company's board and feed now (a board gone for a week too)."""
    report = watch.run_watches(ctx, [watch.watch_of(ctx, company_id).id], everything=True)
    return RunOut.model_validate(to_jsonable(report))


@router.post("/companies/{company_id}/watch/discover")
def discover_feeds(company_id: CompanyId, ctx: Ctx, body: DiscoverIn | None = None) -> FeedsOut:
    """Read the company's website (or ``site``) once for the feeds it links to."""
    site = body.site if body else None
    return out(FeedsOut, watch_discover.discover_feeds(ctx, company_id, site))


class FeedIn(Shape):
    feed: str | None = Field(None, description="the feed's address")
    site: str | None = Field(None, description="else a website to find it on (fetched now)")


@router.post("/companies/{company_id}/watch/feed")
def set_feed(company_id: CompanyId, body: FeedIn, ctx: Ctx) -> WatchOut:
    """A watched company's news feed: ``feed``, else the first its website links to."""
    return out(WatchOut, watch_discover.set_feed(ctx, company_id, body.feed, body.site).watch)


@router.get("/whats-new")
def whats_new(ctx: Ctx, days: int = watch_views.DEFAULT_DAYS) -> WhatsNewOut:
    """What changed at watched companies in the last ``days``: reopened roles (open now),
    new roles, news; each newest first."""
    return out(WhatsNewOut, watch_views.whats_new(ctx, days))
