"""Feed discovery: a company's web page read from a loopback server for its RSS/Atom links."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.errors import BoardError
from nextround.watch.discover import discover, feed_links
from nextround.watch.fetch import read_feed
from nextround.watch.http import Fetcher
from nextround.watchconfig import WatchSettings
from tests.watch.boardserver import BoardServer, Reply, serving

PAGE = b"""<!DOCTYPE html>
<html><head><title>Acme</title>
<link rel="stylesheet" href="/app.css">
<link rel="alternate" type="application/rss+xml" title="Acme &amp; friends: news" href="/news/feed.xml">
<LINK REL="Alternate feed" TYPE="application/atom+xml; charset=utf-8" HREF="blog/atom">
<link rel="alternate" type="application/rss+xml" href="https://cdn.acme.example/jobs.rss"/>
<link rel="alternate" type="application/rss+xml" href="/news/feed.xml">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml" href="">
</head><body><a href="/other.rss">Not a link element</a></body></html>"""

HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def server() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


def _fetcher() -> Fetcher:
    return Fetcher(WatchSettings(backoff=0.01, timeout=2.0, attempts=2))


def test_several_feeds_relative_and_absolute_in_page_order(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/about/", Reply(200, PAGE, HTML))
    with _fetcher() as fetcher:
        found = discover(f"{base}/about/", fetcher)
        assert fetcher.requests == 1
    assert [(f.url, f.kind, f.title) for f in found.feeds] == [
        (f"{base}/news/feed.xml", "rss", "Acme & friends: news"),
        (f"{base}/about/blog/atom", "atom", ""),
        ("https://cdn.acme.example/jobs.rss", "rss", ""),
    ]
    assert "text/html" in board.requests[0].headers["Accept"]


def test_a_base_element_moves_relative_links() -> None:
    page = b'<html><head><base href="https://acme.example/en/"><link rel=alternate type=application/atom+xml href=feed></head></html>'
    (feed,) = feed_links(page, "https://acme.example/", "text/html")
    assert feed.url == "https://acme.example/en/feed"


def test_a_broken_base_element_is_ignored() -> None:
    """Found by the generated pages below: urljoin raises on a malformed IPv6 host."""
    page = b'<base href="http://[::1"><link rel=alternate type=application/rss+xml href=/f>'
    (feed,) = feed_links(page, "https://acme.example/about", "text/html")
    assert feed.url == "https://acme.example/f"


def test_a_page_with_no_feed_and_a_page_that_is_itself_a_feed(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/plain", Reply(200, b"<html><body>Hello</body></html>", HTML))
    board.route(
        "/rss",
        Reply(200, b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', HTML),
    )
    with _fetcher() as fetcher:
        assert discover(f"{base}/plain", fetcher).feeds == ()
        (itself,) = discover(f"{base}/rss", fetcher).feeds
    assert (itself.url, itself.kind) == (f"{base}/rss", "rss")


@pytest.mark.parametrize(
    ("body", "content_type", "says"),
    [
        (b'{"jobs": []}', "application/json", r"is not a web page \(application/json\)"),
        (b"\x89PNG\r\n\x1a\n", "image/png", r"is not a web page \(image/png\)"),
        (b"just words", "", r"is not a web page \(no content type\)"),
    ],
)
def test_a_page_that_is_not_html_is_named(
    server, body: bytes, content_type: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/site", Reply(200, body, {"Content-Type": content_type} if content_type else {}))
    with _fetcher() as fetcher, pytest.raises(BoardError, match=says):
        discover(f"{base}/site", fetcher)


def test_a_content_type_that_lies_about_html_is_read_as_html(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/site", Reply(200, PAGE, {"Content-Type": "application/json"}))
    with _fetcher() as fetcher:
        assert len(discover(f"{base}/site", fetcher).feeds) == 3


def test_a_site_that_fails_is_a_board_error(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/down", Reply(503))
    with _fetcher() as fetcher, pytest.raises(BoardError, match="answered 503"):
        discover(f"{base}/down", fetcher)
    with _fetcher() as fetcher, pytest.raises(BoardError, match="not a web address"):
        discover("ftp://acme.example/", fetcher)


def test_a_feed_address_that_is_a_web_page_points_to_its_feed_or_to_discovery(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/news", Reply(200, PAGE, {"Content-Type": "application/rss+xml"}))
    board.route("/blog", Reply(200, b"<!doctype html><p>Blog</p>", HTML))
    with _fetcher() as fetcher:
        with pytest.raises(BoardError, match=rf"web page.*links to the feed {base}/news/feed.xml"):
            read_feed(f"{base}/news", fetcher)
        with pytest.raises(BoardError, match=r"web page.*watch discover COMPANY --site URL"):
            read_feed(f"{base}/blog", fetcher)


_TAGS = st.sampled_from(["link", "LINK", "base", "a", "meta", "html", "head", "script", "p"])
_ATTRS = st.sampled_from(["rel", "type", "href", "title", "REL", "Href", "hreflang"])
_VALUES = st.one_of(
    st.sampled_from(
        [
            "alternate",
            "application/rss+xml",
            "application/atom+xml",
            "/feed",
            "//x.example/f",
            "https://a.example/rss",
            "javascript:x",
            "http://[::1",
            "&amp;&#0;&#x110000;",
        ]
    ),
    st.text(max_size=30),
)
_ELEMENT = st.builds(
    lambda tag, attrs, text: f"<{tag} " + " ".join(f'{k}="{v}"' for k, v in attrs) + f">{text}",
    _TAGS,
    st.lists(st.tuples(_ATTRS, _VALUES), max_size=5),
    st.text(max_size=20),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ELEMENT, max_size=20), st.sampled_from(["text/html", "", "application/json"]))
def test_generated_pages_give_absolute_feed_urls_or_a_board_error(
    elements: list[str], content_type: str
) -> None:
    body = "".join(elements).encode("utf-8", errors="surrogatepass")
    try:
        feeds = feed_links(body, "https://acme.example/about", content_type)
    except BoardError as exc:
        assert "acme.example/about" in exc.message
        return
    assert len(feeds) <= 20
    assert len({f.url for f in feeds}) == len(feeds)
    for feed in feeds:
        assert feed.url.startswith(("https://", "http://")) and len(feed.url) <= 2000
        assert not any(ch.isspace() for ch in feed.url)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["text/html", "", "application/rss+xml"]))
def test_arbitrary_bytes_are_feeds_or_a_board_error(body: bytes, content_type: str) -> None:
    try:
        feeds = feed_links(body, "https://acme.example/", content_type)
    except BoardError as exc:
        assert "acme.example" in exc.message
        return
    assert all(f.url.startswith("https://") for f in feeds)
