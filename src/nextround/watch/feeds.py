"""A company's news feed (RSS or Atom) to :class:`~nextround.domain.watch.NewsItem` records.

feedparser reads the feed from the bytes fetched (never a URL of its own).
An answer that is no feed (an HTML page, say) is a BoardError; an item
without a title or an id is left out; a date the feed gets wrong is no date.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from nextround.domain.watch import NewsItem, clean_text
from nextround.errors import BoardError

#: The most items read from one feed.
MAX_ITEMS = 200


def news_items(body: bytes, what: str) -> tuple[NewsItem, ...]:
    import feedparser  # type: ignore[import-untyped]  # only when a feed is read

    try:
        parsed = feedparser.parse(body)
    except (ValueError, TypeError, LookupError, RecursionError):
        raise BoardError(f"{what} is not an RSS or Atom feed that can be read") from None
    entries = list(parsed.get("entries") or [])
    if not parsed.get("version") and not entries:
        raise BoardError(_not_a_feed(body, what))
    items = (_item(e) for e in entries[:MAX_ITEMS])
    return tuple(item for item in items if item is not None)


def _not_a_feed(body: bytes, what: str) -> str:
    """Why ``body`` is no feed; a web page names the feeds it links to, if any."""
    from nextround.watch.discover import feed_links, looks_like_html

    if not looks_like_html(body):
        return f"{what} is not an RSS or Atom feed"
    try:
        linked = [f.url for f in feed_links(body, what.removeprefix("the feed "), "text/html")]
    except BoardError:
        linked = []
    if linked:
        return f"{what} is a web page, not an RSS or Atom feed; it links to the feed {linked[0]}"
    return (
        f"{what} is a web page, not an RSS or Atom feed; "
        "`nextround watch discover COMPANY --site URL` looks for the feeds a site links to"
    )


def _item(entry: Any) -> NewsItem | None:
    title = _text(entry.get("title"))
    link = _text(entry.get("link"))
    link = link if link.startswith(("https://", "http://")) else ""
    guid = _text(entry.get("id")) or link
    if not title or not guid:
        return None
    return NewsItem(guid[:500], title[:500], link[:2000], _day(entry))


def _text(value: object) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def _day(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        # dict.get, not feedparser's own: that maps one key to the other with a warning.
        value = dict.get(entry, key) if isinstance(entry, dict) else None
        if isinstance(value, time.struct_time) and 1900 <= value.tm_year <= 2200:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None
