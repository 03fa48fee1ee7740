"""Following companies: add, list and remove watches, and run them (the only network calls).

A run reads each watched board (in parallel, politely: :mod:`nextround.watch`),
then writes each board's result in one transaction of its own, so a board that
fails leaves nothing half stored and the run goes on. Postings seen are
remembered (:mod:`nextround.domain.watch`); a rejected application's role
listed again since the rejection is reported as reopened. A board answering
"not found" for a week is reported as gone and left out of later runs unless
asked for (``everything``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from nextround import log
from nextround.domain.applications import Status
from nextround.domain.interests import matches
from nextround.domain.watch import (
    FetchedPosting,
    NewWatch,
    Reopening,
    Watch,
    compare,
    for_company,
    reopenings,
)
from nextround.errors import BoardError, BoardGone, Conflict, InvalidInput, NotFound
from nextround.services import reopened, watch_news
from nextround.services.context import Context
from nextround.services.network import PeopleYouKnow, people_you_know_at
from nextround.storage import applications, companies
from nextround.storage import watch as stored
from nextround.storage.sql import Connection

if TYPE_CHECKING:
    from nextround.watch.boards import Board
    from nextround.watch.fetch import BoardRead
    from nextround.watch.http import Fetcher


@dataclass(frozen=True)
class BoardOutcome:
    """What one watch's run found. ``status``: changed, unchanged, failed, gone or skipped."""

    watch_id: int
    company: str
    board: str
    status: str
    new: int = 0
    closed: int = 0
    returned: int = 0
    open: int = 0
    #: Postings left out: no title or id, or another employer's on a shared board.
    skipped: int = 0
    error: str = ""
    reopened: tuple[Reopening, ...] = ()
    #: New items of the company's news feed, and the feed's problem.
    news: int = 0
    news_error: str = ""
    #: On a new or reopened role: the people the user knows there.
    people_you_know: PeopleYouKnow | None = None
    #: Postings first seen on this run that match the saved interests.
    matching: tuple[FetchedPosting, ...] = ()


@dataclass(frozen=True)
class RunReport:
    boards: tuple[BoardOutcome, ...]
    requests: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)


def add_watch(ctx: Context, new: NewWatch) -> Watch:
    """Follow a company. No network call: the board is only worked out from its address."""
    new = new.checked()
    with ctx.change("Watch") as c:
        company = companies.get(c, ctx.owner, new.company_id)
        if company is None:
            raise NotFound(f"No company with id {new.company_id}.")
        known = stored.of_company(c, ctx.owner, company.id)
        if known is not None:
            raise Conflict(
                f"{company.name} is already watched; `watch rm` it first to change its board"
            )
        board_url = new.board or new.page or _known_board(c, ctx, company.id, company.careers_url)
        if board_url is None and new.feed is None:
            raise InvalidInput(
                f"no job board known for {company.name}: give its careers page with --board URL "
                "(or a news feed with --feed URL)",
                field="board",
            )
        board = _board(board_url, ctx, page=bool(new.page)) if board_url else None
        values = {
            "company_id": company.id,
            "board_url": board_url or "",
            "feed_url": new.feed or "",
        }
        if board is not None:
            values |= {"board_kind": board.kind, "board_name": board.token}
        watch_id = stored.add(c, ctx.owner, values)
        if c.recorder is not None:
            c.recorder.label = f"Watching {company.name}"
        found = stored.get(c, ctx.owner, watch_id)
    assert found is not None
    return found


def _board(url: str, ctx: Context, *, page: bool) -> Board:
    from nextround.watch.boards import detect, page_board

    return page_board(url) if page else detect(url, ctx.settings.watch)


def _known_board(c: Connection, ctx: Context, company_id: int, careers: str | None) -> str | None:
    """The company's careers page if a known board, else an application's job link on one."""
    from nextround.watch.boards import detect

    links = [careers] + [
        a.source_url for a in applications.list_all(c, ctx.owner, company_id=company_id)
    ]
    for link in links:
        if link:
            try:
                detect(link, ctx.settings.watch)
            except InvalidInput:
                continue
            return link
    return None


def list_watches(ctx: Context) -> list[Watch]:
    with ctx.db.read() as c:
        return stored.list_all(c, ctx.owner)


def watch_of(ctx: Context, company_id: int) -> Watch:
    with ctx.db.read() as c:
        found = stored.of_company(c, ctx.owner, company_id)
        if found is None:
            name = companies.get(c, ctx.owner, company_id)
            raise NotFound(f"{name.name if name else 'That company'} is not watched.")
        return found


def remove_watch(ctx: Context, watch_id: int) -> Watch:
    """Stop following; the watch and the postings it remembers go to the trash."""
    with ctx.change("Stopped watching", trash=True) as c:
        found = stored.get(c, ctx.owner, watch_id)
        if found is None:
            raise NotFound(f"No watch with id {watch_id}.")
        stored.remove(c, ctx.owner, watch_id)
        if c.recorder is not None:
            c.recorder.label = f"Stopped watching {found.company}"
    return found


def run_watches(
    ctx: Context,
    watch_ids: Sequence[int] | None = None,
    *,
    everything: bool = False,
    fetcher: Fetcher | None = None,
) -> RunReport:
    """Read the boards of ``watch_ids`` (None: every watch; gone boards only if ``everything``)."""
    from nextround.watch.http import Fetcher

    started = time.monotonic()
    with ctx.db.read() as c:
        watches = stored.list_all(c, ctx.owner)
    if watch_ids is not None:
        wanted = set(watch_ids)
        watches = [w for w in watches if w.id in wanted]
    skip = [
        w
        for w in watches
        if not w.board_kind or (w.gone(ctx.today) and not everything and watch_ids is None)
    ]
    asked = [w for w in watches if w not in skip]
    own = fetcher is None
    fetcher = fetcher or Fetcher(ctx.settings.watch)
    try:
        with ThreadPoolExecutor(max_workers=max(1, ctx.settings.watch.workers)) as pool:
            reads = list(pool.map(lambda w: _fetch(ctx, w, fetcher), asked))
            with_feed = [w for w in watches if w.feed_url]
            feeds = list(pool.map(lambda w: watch_news.fetch_feed(w, fetcher), with_feed))
    finally:
        if own:
            fetcher.close()
    outcomes = [_skipped(ctx, w) for w in skip]
    outcomes += [_record(ctx, w, read) for w, read in zip(asked, reads, strict=True)]
    news = {
        w.id: watch_news.record_news(ctx, w, read) for w, read in zip(with_feed, feeds, strict=True)
    }
    outcomes = [
        replace(o, news=news[o.watch_id][0], news_error=news[o.watch_id][1])
        if o.watch_id in news
        else o
        for o in outcomes
    ]
    outcomes = _with_people_you_know(ctx, watches, outcomes)
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    log.info("watch run: %d boards, %d requests", len(asked), fetcher.requests)
    return RunReport(
        tuple(outcomes), fetcher.requests, round(time.monotonic() - started, 3), counts
    )


def _with_people_you_know(
    ctx: Context, watches: Sequence[Watch], outcomes: list[BoardOutcome]
) -> list[BoardOutcome]:
    """Who the user knows at each company with a new or reopened role, read once for all."""
    company_of = {w.id: w.company_id for w in watches}
    wanted = {company_of[o.watch_id] for o in outcomes if o.new or o.reopened}
    if not wanted:
        return outcomes
    known = people_you_know_at(ctx, wanted)
    return [
        replace(o, people_you_know=known.get(company_of[o.watch_id]))
        if company_of[o.watch_id] in wanted
        else o
        for o in outcomes
    ]


def _fetch(ctx: Context, watch: Watch, fetcher: Fetcher) -> BoardRead | BoardError:
    from nextround.watch.fetch import read_board
    from nextround.watch.http import Validators

    try:
        board = _board(watch.board_url, ctx, page=watch.board_kind == "jsonld")
        return read_board(board, fetcher, Validators(watch.etag, watch.last_modified))
    except BoardError as exc:
        return exc
    except InvalidInput as exc:
        return BoardError(exc.message)


def _skipped(ctx: Context, watch: Watch) -> BoardOutcome:
    if not watch.board_kind:
        return BoardOutcome(
            watch.id, watch.company, "", "skipped", error="no job board (its feed only)"
        )
    since = watch.gone_since.isoformat() if watch.gone_since else ""
    return BoardOutcome(
        watch.id,
        watch.company,
        watch.board_url,
        "gone",
        error=f"the board has answered 'not found' since {since}; `watch run --all` asks again",
    )


def _record(ctx: Context, watch: Watch, read: BoardRead | BoardError) -> BoardOutcome:
    now = datetime.now(UTC).replace(tzinfo=None)
    if isinstance(read, BoardError):
        return _failed(ctx, watch, read, now)
    with ctx.db.transaction() as c:
        values: dict[str, object] = {
            "checked_at": now,
            "last_ok_on": ctx.today,
            "gone_since": None,
            "last_error": "",
        }
        values |= {"etag": read.validators.etag, "last_modified": read.validators.last_modified}
        if read.listing is None:
            stored.seen_unchanged(c, ctx.owner, watch.id, ctx.today)
            stored.update(c, ctx.owner, watch.id, values)
            return _outcome(c, ctx, watch, "unchanged", 0, 0, 0, 0)
        postings: list[FetchedPosting] = for_company(read.listing.postings, watch.company)
        skipped = read.listing.skipped + len(read.listing.postings) - len(postings)
        comparison = compare(stored.postings(c, ctx.owner, watch.id), postings, ctx.today)
        stored.save_run(
            c, ctx.owner, watch.id, comparison, ctx.today, baseline=watch.last_ok_on is None
        )
        stored.update(c, ctx.owner, watch.id, values)
        outcome = _outcome(
            c,
            ctx,
            watch,
            "changed",
            len(comparison.new),
            len(comparison.closed),
            len(comparison.returned),
            skipped,
        )
    wanted = ctx.settings.interests
    matching = tuple(p for p in comparison.new if matches(wanted, p.title, p.location, p.remote))
    return replace(outcome, matching=matching)


def _failed(ctx: Context, watch: Watch, error: BoardError, now: datetime) -> BoardOutcome:
    values: dict[str, object] = {"checked_at": now, "last_error": error.message[:2000]}
    status = "failed"
    if isinstance(error, BoardGone):
        since = watch.gone_since or ctx.today
        values["gone_since"] = since
        gone = Watch(**{**watch.__dict__, "gone_since": since})
        status = "gone" if gone.gone(ctx.today) else "failed"
    with ctx.db.transaction() as c:
        stored.update(c, ctx.owner, watch.id, values)
    log.warning("watch %d (%s): %s", watch.id, watch.company, error.message)
    return BoardOutcome(watch.id, watch.company, watch.board_url, status, error=error.message)


def _outcome(
    c: Connection,
    ctx: Context,
    watch: Watch,
    status: str,
    new: int,
    closed: int,
    returned: int,
    skipped: int,
) -> BoardOutcome:
    known = stored.postings(c, ctx.owner, watch.id)
    found = []
    for app in applications.list_all(
        c, ctx.owner, company_id=watch.company_id, status=Status.REJECTED
    ):
        if app.rejected_on is not None:
            hit = reopenings(app.id, app.role, app.requisition_id or "", app.rejected_on, known)
            if hit is not None:
                found.append(hit)
    reopened.add_steps(c, ctx, watch, found)
    still_open = sum(1 for p in known if p.closed_on is None)
    return BoardOutcome(
        watch.id,
        watch.company,
        watch.board_url,
        status,
        new,
        closed,
        returned,
        still_open,
        skipped,
        "",
        tuple(found),
    )


@dataclass(frozen=True)
class WatchOffer:
    """After a rejection: the company's watch (new or already there), or why there is none."""

    watch: Watch | None
    note: str


def watch_after_rejection(ctx: Context, company_id: int) -> WatchOffer:
    """Watch the company that said no, if its board is known; nothing is fetched."""
    with ctx.db.read() as c:
        known = stored.of_company(c, ctx.owner, company_id)
    if known is not None:
        return WatchOffer(known, f"{known.company} is already watched.")
    try:
        found = add_watch(ctx, NewWatch(company_id))
    except InvalidInput as exc:
        return WatchOffer(None, f"Not watched: {exc.message}.")
    return WatchOffer(
        found,
        f"Watching {found.company}'s {found.board_kind} board; `nextround watch run` reads it.",
    )
