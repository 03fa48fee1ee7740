"""A company's news feeds, found on its website: ``<link rel="alternate">`` to RSS or Atom.

One page is fetched (only when the user asks: ``watch add --site``, ``watch
discover``) and read with the standard library's HTML parser. Relative hrefs
are resolved against the page's address (or its ``<base href>``); several
feeds are all returned, in page order, without duplicates. A page that is
itself a feed is returned as its own feed; any other answer that is not HTML
is a BoardError naming what came back.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from nextround.domain.watch import clean_text
from nextround.errors import BoardError

if TYPE_CHECKING:
    from nextround.watch.http import Fetcher

#: The feed types a ``<link rel="alternate">`` may announce.
FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
}
#: The most feeds taken from one page.
MAX_FEEDS = 20
_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class FoundFeed:
    """A feed a page links to: its absolute address, its title (may be empty) and kind."""

    url: str
    title: str
    kind: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []
        self.base = ""
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        found = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and not self.base:
            self.base = found.get("href", "").strip()
        if tag != "link" or len(self.links) >= MAX_FEEDS * 5:
            return
        rels = found.get("rel", "").lower().split()
        kind = FEED_TYPES.get(_media_type(found.get("type", "")))
        if "alternate" in rels and kind is not None and found.get("href", "").strip():
            self.links.append((found["href"].strip(), found.get("title", ""), kind))

    handle_startendtag = handle_starttag


def looks_like_feed(body: bytes) -> bool:
    """The answer opens like RSS or Atom (an XML prolog, then ``<rss`` or ``<feed``)."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
        while head.startswith(b"<!--") and b"-->" in head:
            head = head[head.find(b"-->") + 3 :].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def looks_like_html(body: bytes, content_type: str = "") -> bool:
    """An HTML page: no feed, and said so by its content type or opening with markup."""
    if looks_like_feed(body):
        return False
    if _media_type(content_type) in ("text/html", "application/xhtml+xml"):
        return True
    # A content type may lie: markup that is not XML is taken as HTML.
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and not head.startswith(b"<?xml")


def _media_type(content_type: str) -> str:
    return content_type.split(";", maxsplit=1)[0].strip().lower()


def feed_links(body: bytes, page_url: str, content_type: str = "") -> tuple[FoundFeed, ...]:
    """The feeds ``body`` (the page at ``page_url``) links to; BoardError if it is no HTML."""
    if looks_like_feed(body):
        return (FoundFeed(page_url, "", "atom" if b"<feed" in body[:2048].lower() else "rss"),)
    if not looks_like_html(body, content_type):
        said = _media_type(content_type) or "no content type"
        raise BoardError(f"{page_url} is not a web page ({said}); give the feed's address instead")
    links = _Links()
    try:
        links.feed(body.decode("utf-8", errors="replace"))
        links.close()
    except (AssertionError, ValueError):  # html.parser's own complaints
        raise BoardError(f"{page_url} is not an HTML page that can be read") from None
    base = (_absolute(page_url, links.base) if links.base else "") or page_url
    found: list[FoundFeed] = []
    seen: set[str] = set()
    for href, title, kind in links.links:
        url = _absolute(base, href)
        if url and url not in seen and len(found) < MAX_FEEDS:
            seen.add(url)
            found.append(FoundFeed(url, clean_text(title)[:200], kind))
    return tuple(found)


def _absolute(base: str, href: str) -> str:
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 2000:
        return ""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return ""
    return url


@dataclass(frozen=True)
class Discovery:
    """What one page offered: its address (after redirects, as asked) and its feeds."""

    page_url: str
    feeds: tuple[FoundFeed, ...]


def discover(page_url: str, fetcher: Fetcher) -> Discovery:
    """Fetch ``page_url`` once and return the feeds it links to."""
    parts = urlsplit(page_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BoardError(f"{page_url!r} is not a web address starting with https://")
    answer = fetcher.get(page_url, accept=_ACCEPT)
    if answer.body is None:  # an unconditional request answered 304
        raise BoardError(f"{page_url} answered 'not modified' to a plain request")
    return Discovery(page_url, feed_links(answer.body, page_url, answer.content_type))
