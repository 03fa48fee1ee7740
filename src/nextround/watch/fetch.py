"""One board read from end to end: the requests its API needs, then its parser.

Most boards answer with the whole board in one conditional GET (an unchanged
board costs a 304). SmartRecruiters pages by ``offset``/``limit`` and Workday
by POSTed pages of 20; both are read to the end, up to :data:`MAX_POSTINGS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nextround.domain.watch import NewsItem
from nextround.errors import BoardError
from nextround.watch import feeds, jsonld, parsers
from nextround.watch.boards import Board
from nextround.watch.http import Fetcher, Validators
from nextround.watch.parsers import Listing

#: The most postings read from one paged board (the largest run to thousands).
MAX_POSTINGS = 10_000
WORKDAY_PAGE = 20
SMARTRECRUITERS_PAGE = 100


@dataclass(frozen=True)
class BoardRead:
    """What one read found: the listing (None when unchanged since the validators given)."""

    listing: Listing | None
    validators: Validators


_UNCONDITIONAL = Validators()
_ACCEPT = {"personio": "application/xml, text/xml", "jsonld": "text/html"}


def read_board(
    board: Board, fetcher: Fetcher, validators: Validators = _UNCONDITIONAL
) -> BoardRead:
    what = board.describe()
    if board.kind == "workday":
        return BoardRead(_workday(board, fetcher), Validators())
    if board.kind == "smartrecruiters":
        return BoardRead(_smartrecruiters(board, fetcher), Validators())
    accept = _ACCEPT.get(board.kind, "application/json")
    answer = fetcher.get(board.api_url, validators, accept)
    if answer.body is None:
        return BoardRead(None, answer.validators)
    if board.kind == "jsonld":
        return BoardRead(jsonld.job_postings(answer.body, what), answer.validators)
    if board.kind == "personio":
        base = board.api_url.removesuffix("/xml")
        return BoardRead(parsers.personio(answer.body, what, base), answer.validators)
    return BoardRead(parsers.SINGLE[board.kind](answer.body, what), answer.validators)


def _workday(board: Board, fetcher: Fetcher) -> Listing:
    careers = re.sub(r"/wday/cxs/[^/]+/([^/]+)/jobs/?$", r"/\1", board.api_url)
    pages: list[Listing] = []
    total: int | None = None
    offset = 0
    while offset < MAX_POSTINGS:
        body = {"appliedFacets": {}, "limit": WORKDAY_PAGE, "offset": offset, "searchText": ""}
        page = parsers.workday(
            _body(fetcher.post_json(board.api_url, body).body), board.describe(), careers
        )
        # Workday gives the total on the first page only; later pages may say 0.
        total = page.total if total is None else total
        pages.append(page)
        offset += WORKDAY_PAGE
        if (not page.postings and not page.skipped) or total is None or offset >= total:
            break
    return _joined(pages, total)


def _smartrecruiters(board: Board, fetcher: Fetcher) -> Listing:
    pages: list[Listing] = []
    offset = 0
    total: int | None = None
    while offset < MAX_POSTINGS:
        url = f"{board.api_url}?offset={offset}&limit={SMARTRECRUITERS_PAGE}"
        page = parsers.smartrecruiters(_body(fetcher.get(url).body), board.describe(), board.token)
        total = page.total if total is None else total
        pages.append(page)
        offset += SMARTRECRUITERS_PAGE
        if (not page.postings and not page.skipped) or total is None or offset >= total:
            break
    return _joined(pages, total)


def _body(body: bytes | None) -> bytes:
    if body is None:  # an unconditional request answered 304
        raise BoardError(
            "the board answered 'not modified' to a request that asked for no such thing"
        )
    return body


def _joined(pages: list[Listing], total: int | None) -> Listing:
    seen: dict[str, object] = {}
    postings = []
    for page in pages:
        for posting in page.postings:
            if posting.external_id not in seen:
                seen[posting.external_id] = posting
                postings.append(posting)
    return Listing(tuple(postings), sum(p.skipped for p in pages), total)


@dataclass(frozen=True)
class FeedRead:
    """A feed's items (None when unchanged since the validators given)."""

    items: tuple[NewsItem, ...] | None
    validators: Validators


def read_feed(url: str, fetcher: Fetcher, validators: Validators = _UNCONDITIONAL) -> FeedRead:
    accept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
    answer = fetcher.get(url, validators, accept)
    if answer.body is None:
        return FeedRead(None, answer.validators)
    return FeedRead(feeds.news_items(answer.body, f"the feed {url}"), answer.validators)
