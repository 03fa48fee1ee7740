"""News feeds read from a loopback server: RSS and Atom, broken dates, HTML that is no feed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.errors import BoardError
from nextround.watch.feeds import news_items
from nextround.watch.fetch import read_feed
from nextround.watch.http import Fetcher, Validators
from nextround.watchconfig import WatchSettings
from tests.watch.boardserver import BoardServer, Reply, serving

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Acme news</title><link>https://acme.example/</link>
<item><title>Acme opens a Berlin office</title><link>https://acme.example/news/berlin</link>
<guid>acme-1</guid><pubDate>Tue, 10 Nov 2026 09:00:00 +0000</pubDate></item>
<item><title>\xef\xbb\xbf Series C &amp;amp; more </title><link>https://acme.example/news/c</link>
<pubDate>the day after tomorrow</pubDate></item>
<item><link>https://acme.example/news/untitled</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Acme blog</title>
<entry><id>tag:acme.example,2026:7</id><title>We are hiring again</title>
<link href="https://acme.example/blog/7"/><updated>2026-11-21T12:00:00Z</updated></entry>
</feed>"""


@pytest.fixture
def server() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


def _read(url: str, validators: Validators | None = None):  # type: ignore[no-untyped-def]
    with Fetcher(WatchSettings(backoff=0.01, timeout=2.0)) as fetcher:
        return read_feed(url, fetcher, validators or Validators())


def test_rss_and_atom(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route(
        "/rss", Reply(200, RSS, {"Content-Type": "application/rss+xml", "ETag": '"r1"'}), Reply(304)
    )
    board.route("/atom", Reply(200, ATOM, {"Content-Type": "application/atom+xml"}))
    read = _read(f"{base}/rss")
    assert [(i.guid, i.title, i.published_on) for i in read.items] == [
        ("acme-1", "Acme opens a Berlin office", date(2026, 11, 10)),
        ("https://acme.example/news/c", "Series C & more", None),  # a broken date is no date
    ]
    assert _read(f"{base}/rss", read.validators).items is None
    (item,) = _read(f"{base}/atom").items
    assert (item.guid, item.url, item.published_on) == (
        "tag:acme.example,2026:7",
        "https://acme.example/blog/7",
        date(2026, 11, 21),
    )


def test_an_html_page_is_no_feed(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route(
        "/news",
        Reply(
            200,
            b"<!doctype html><html><body><h1>News</h1></body></html>",
            {"Content-Type": "application/rss+xml"},
        ),
    )
    with pytest.raises(BoardError, match="not an RSS or Atom feed"):
        _read(f"{base}/news")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_feeds_are_items_or_board_errors(data: st.DataObject) -> None:
    body = bytearray(data.draw(st.sampled_from([RSS, ATOM])))
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(body) - 1))
        body[at : at + data.draw(st.integers(0, 20))] = data.draw(st.binary(max_size=8))
        if not body:
            break
    try:
        items = news_items(bytes(body), "feed")
    except BoardError:
        return
    assert all(i.title and i.guid for i in items)
