"""A watched company's news feed, read in a watch run: new items stored once, by id.

Each feed's items are written in one transaction; a feed that fails stores
nothing and says why on the watch (``feed_error``). Conditional requests make
an unchanged feed a 304.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nextround.errors import BoardError
from nextround.services.context import Context
from nextround.storage import watch as stored

if TYPE_CHECKING:
    from nextround.domain.watch import Watch
    from nextround.watch.fetch import FeedRead
    from nextround.watch.http import Fetcher


def fetch_feed(watch: Watch, fetcher: Fetcher) -> FeedRead | BoardError:
    from nextround.watch.fetch import read_feed
    from nextround.watch.http import Validators

    try:
        validators = Validators(watch.feed_etag, watch.feed_last_modified)
        return read_feed(watch.feed_url, fetcher, validators)
    except BoardError as exc:
        return exc


def record_news(ctx: Context, watch: Watch, read: FeedRead | BoardError) -> tuple[int, str]:
    """How many new items were stored, and the feed's problem ("" when none)."""
    if isinstance(read, BoardError):
        with ctx.db.transaction() as c:
            stored.update(c, ctx.owner, watch.id, {"feed_error": read.message[:2000]})
        return 0, read.message
    new = 0
    with ctx.db.transaction() as c:
        values = {
            "feed_error": "",
            "feed_etag": read.validators.etag,
            "feed_last_modified": read.validators.last_modified,
        }
        if read.items is not None:
            known = stored.news_guids(c, ctx.owner, watch.id)
            for item in read.items:
                if item.guid[:500] not in known:
                    known.add(item.guid[:500])
                    stored.add_news(c, ctx.owner, watch.id, item, ctx.today)
                    new += 1
        stored.update(c, ctx.owner, watch.id, values)
    return new, ""
