"""`nextround watch discover` and `watch add --site`, against a site served on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.runner import Nextround
from tests.watch.boardserver import BoardServer, Reply, serving
from tests.watch.test_discover import HTML, PAGE


@pytest.fixture
def site() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


def test_discover_then_add_with_site(nr_sqlite: Nextround, site: tuple[BoardServer, str]) -> None:
    server, base = site
    nr = nr_sqlite
    nr.ok("company", "add", "Hooli", "--website", f"{base}/")
    server.route("/", Reply(200, PAGE, HTML))
    out = nr.ok("watch", "discover", "Hooli").out
    assert f"rss\t{base}/news/feed.xml\tAcme & friends: news" in out
    assert f"`nextround watch add Hooli --feed {base}/news/feed.xml`" in out
    found = nr.ok("--json", "watch", "discover", "Hooli").json()
    assert [f["kind"] for f in found["feeds"]] == ["rss", "atom", "rss"]
    assert nr.ok("watch", "list").out.startswith("No company watched yet")
    added = nr.ok("watch", "add", "Hooli", "--site", f"{base}/").out
    assert "Watching Hooli (its feed)" in added and f"News feed: {base}/news/feed.xml" in added
    assert "The site also links to: " in added


def test_discover_refusals_are_one_line(
    nr_sqlite: Nextround, site: tuple[BoardServer, str]
) -> None:
    server, base = site
    nr = nr_sqlite
    nr.ok("company", "add", "Initech")
    refused = nr.run("watch", "discover", "Initech")
    assert refused.code != 0
    assert "no website known for Initech: give one with --site URL" in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    server.route("/plain", Reply(200, b"<html><p>Hi</p></html>", HTML))
    assert (
        "links to no RSS or Atom feed"
        in nr.ok("watch", "discover", "Initech", "--site", f"{base}/plain").out
    )
    no_feed = nr.run("watch", "add", "Initech", "--site", f"{base}/plain")
    assert no_feed.code != 0
    assert "links to no RSS or Atom feed, and no job board is known for Initech" in no_feed.err


def test_watch_feed_for_a_company_already_watched(
    nr_sqlite: Nextround, site: tuple[BoardServer, str]
) -> None:
    server, base = site
    nr = nr_sqlite
    nr.ok("company", "add", "Hooli", "--website", f"{base}/")
    nr.ok("watch", "add", "Hooli", "--board", "https://boards.greenhouse.io/hooli")
    server.route("/", Reply(200, PAGE, HTML))
    out = nr.ok("watch", "feed", "Hooli").out
    assert f"Following Hooli's news: {base}/news/feed.xml" in out
    given = nr.ok("--json", "watch", "feed", "Hooli", f"{base}/other.rss").json()
    assert given["watch"]["feed_url"] == f"{base}/other.rss" and given["feeds"] == []
    nr.ok("company", "add", "Initech")
    refused = nr.run("watch", "feed", "Initech", f"{base}/rss")
    assert refused.code != 0 and "Initech is not watched" in refused.err
