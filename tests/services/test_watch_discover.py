"""Finding a company's feed on its website and watching it, on a real database and loopback."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from nextround.domain.companies import CompanyChanges
from nextround.domain.watch import NewWatch
from nextround.errors import InvalidInput, NotFound
from nextround.services import companies, watch_discover
from nextround.services import watch as service
from nextround.services.context import Context
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.services.scenario import interviewed
from tests.watch.boardserver import BoardServer, Reply, serving
from tests.watch.test_discover import HTML, PAGE
from tests.watch.test_feeds import RSS


@pytest.fixture
def board(ctx: Context) -> Iterator[tuple[BoardServer, str, Context]]:
    with serving() as (server, base):
        s = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        yield server, base, ctx.fresh(settings=dataclasses.replace(ctx.settings, watch=s))


def test_discovery_reads_the_company_website_once_and_stores_nothing(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    scenario = interviewed(ctx)
    company = companies.show_company(ctx, scenario.company_id).company
    companies.edit_company(ctx, company.id, CompanyChanges(website=f"{base}/"))
    server.route("/", Reply(200, PAGE, HTML))
    found = watch_discover.discover_feeds(ctx, scenario.company_id)
    assert [f.url for f in found.feeds][:2] == [f"{base}/news/feed.xml", f"{base}/blog/atom"]
    assert len(server.requests) == 1
    assert service.list_watches(ctx) == []


def test_no_website_and_an_unreadable_site_are_one_clear_line(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    scenario = interviewed(ctx)
    company = companies.show_company(ctx, scenario.company_id).company
    companies.edit_company(ctx, company.id, CompanyChanges(website=None))
    with pytest.raises(
        InvalidInput, match="no website known for Acme Robotics: give one with --site"
    ):
        watch_discover.discover_feeds(ctx, scenario.company_id)
    assert server.requests == []
    server.route("/api", Reply.json({"ok": True}))
    with pytest.raises(InvalidInput, match=r"could not look for feeds: .* is not a web page") as e:
        watch_discover.discover_feeds(ctx, scenario.company_id, f"{base}/api")
    assert e.value.fields.keys() == {"site"}


def test_add_with_a_site_watches_its_first_feed_and_a_run_reads_it(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    scenario = interviewed(ctx)
    server.route("/", Reply(200, PAGE, HTML))
    server.route("/news/feed.xml", Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    added = watch_discover.add_with_site(ctx, NewWatch(scenario.company_id), f"{base}/")
    assert added.watch.feed_url == f"{base}/news/feed.xml" and not added.watch.board_kind
    assert len(added.feeds) == 3
    report = service.run_watches(ctx)
    assert report.boards[0].news == 2


def test_a_site_without_feeds_and_no_board_stores_nothing(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    scenario = interviewed(ctx)
    server.route("/", Reply(200, b"<html><p>Hi</p></html>", HTML))
    with pytest.raises(InvalidInput, match="links to no RSS or Atom feed") as refused:
        watch_discover.add_with_site(ctx, NewWatch(scenario.company_id), f"{base}/")
    assert refused.value.fields.keys() == {"site"}
    assert service.list_watches(ctx) == []
    # With a board, a site without feeds is fine: the board is watched.
    found = watch_discover.add_with_site(
        ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"), f"{base}/"
    )
    assert (found.watch.board_kind, found.watch.feed_url, found.feeds) == ("greenhouse", "", ())


def test_a_watched_company_gets_its_feed_given_or_found(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    scenario = interviewed(ctx)
    with pytest.raises(NotFound, match="Acme Robotics is not watched"):
        watch_discover.set_feed(ctx, scenario.company_id, f"{base}/rss")
    service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    server.route("/plain", Reply(200, b"<html><p>Hi</p></html>", HTML))
    with pytest.raises(InvalidInput, match="links to no RSS or Atom feed") as refused:
        watch_discover.set_feed(ctx, scenario.company_id, site=f"{base}/plain")
    assert refused.value.fields.keys() == {"site"}
    with pytest.raises(InvalidInput, match="must be a web address"):
        watch_discover.set_feed(ctx, scenario.company_id, "feed.xml")
    assert service.watch_of(ctx, scenario.company_id).feed_url == ""  # nothing stored
    server.route("/", Reply(200, PAGE, HTML))
    found = watch_discover.set_feed(ctx, scenario.company_id, site=f"{base}/")
    assert found.watch.feed_url == f"{base}/news/feed.xml" and len(found.feeds) == 3
    given = watch_discover.set_feed(ctx, scenario.company_id, f"{base}/rss")
    assert (given.watch.feed_url, given.feeds) == (f"{base}/rss", ())
    assert given.watch.board_kind == "greenhouse"  # the board stays
