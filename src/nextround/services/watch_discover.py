"""Finding a company's news feeds on its website, and watching it with one of them.

Only when asked (``watch discover``, ``watch add --site``, the company page's
"Find feeds" button): one page is fetched through the watch adapter, and
nothing is stored by looking.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from nextround.domain.companies import Company
from nextround.domain.watch import NewWatch, Watch
from nextround.errors import BoardError, InvalidInput
from nextround.services import watch as watches
from nextround.services.companies import get as get_company
from nextround.services.context import Context, relabel
from nextround.storage import watch as stored

if TYPE_CHECKING:
    from nextround.watch.discover import FoundFeed
    from nextround.watch.http import Fetcher


@dataclass(frozen=True)
class FeedsFound:
    """The feeds a company's website links to (none is a valid answer)."""

    company_id: int
    company: str
    site: str
    feeds: tuple[FoundFeed, ...]


def _company(ctx: Context, company_id: int) -> Company:
    with ctx.db.read() as c:
        return get_company(c, ctx, company_id)


def discover_feeds(
    ctx: Context, company_id: int, site: str | None = None, *, fetcher: Fetcher | None = None
) -> FeedsFound:
    """Fetch ``site`` (default: the company's website) once and list the feeds it links to.

    A site that can't be read is InvalidInput on ``site`` saying why.
    """
    from nextround.watch.discover import discover
    from nextround.watch.http import Fetcher

    company = _company(ctx, company_id)
    url = (site or "").strip() or (company.website or "")
    if not url:
        raise InvalidInput(
            f"no website known for {company.name}: give one with --site URL "
            "(or add it to the company)",
            field="site",
        )
    if "://" not in url:
        url = f"https://{url}"
    own = fetcher is None
    fetcher = fetcher or Fetcher(ctx.settings.watch)
    try:
        found = discover(url, fetcher)
    except BoardError as exc:
        raise InvalidInput(f"could not look for feeds: {exc.message}", field="site") from None
    finally:
        if own:
            fetcher.close()
    return FeedsFound(company.id, company.name, found.page_url, found.feeds)


@dataclass(frozen=True)
class Watched:
    """A new watch, and the feeds its site offered (the first is the one watched)."""

    watch: Watch
    feeds: tuple[FoundFeed, ...] = ()


def add_with_site(
    ctx: Context, new: NewWatch, site: str, *, fetcher: Fetcher | None = None
) -> Watched:
    """Watch a company, its feed found on ``site`` unless ``new`` names one already.

    The site is read before anything is written: a site with no feed (and no
    board given or known) is refused and nothing is stored.
    """
    found = discover_feeds(ctx, new.company_id, site, fetcher=fetcher)
    if new.feed is None and found.feeds:
        new = replace(new, feed=found.feeds[0].url)
    try:
        return Watched(watches.add_watch(ctx, new), found.feeds)
    except InvalidInput as exc:
        if found.feeds or exc.fields.keys() != {"board"}:
            raise
        raise InvalidInput(
            f"{found.site} links to no RSS or Atom feed, and no job board is known for "
            f"{found.company}: give a feed with --feed URL or a board with --board URL",
            field="site",
        ) from None


def set_feed(
    ctx: Context,
    company_id: int,
    feed: str | None = None,
    site: str | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> Watched:
    """Give a watched company its news feed: ``feed``, else the first one its website
    (``site``, default the company's) links to, read now. Nothing is stored until the feed
    is known; the feed's last answer is forgotten, so the next run reads it whole."""
    watched = watches.watch_of(ctx, company_id)
    offered: tuple[FoundFeed, ...] = ()
    if not (feed or "").strip():
        found = discover_feeds(ctx, company_id, site, fetcher=fetcher)
        if not found.feeds:
            raise InvalidInput(
                f"{found.site} links to no RSS or Atom feed: give the feed's address instead",
                field="site",
            )
        feed, offered = found.feeds[0].url, found.feeds
    checked = NewWatch(company_id, feed=feed).checked().feed
    values = {"feed_url": checked, "feed_etag": "", "feed_last_modified": "", "feed_error": ""}
    with ctx.change("Watch") as c:
        stored.update(c, ctx.owner, watched.id, values)
        relabel(c, f"Following {watched.company}'s news")
        now = stored.get(c, ctx.owner, watched.id)
    assert now is not None
    return Watched(now, offered)
