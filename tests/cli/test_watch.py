"""`nextround watch` as a user runs it, against a board served on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.runner import Nextround
from tests.watch.boardserver import BoardServer, Reply, serving


@pytest.fixture
def board() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


def test_add_list_run_rm_with_json(nr_sqlite: Nextround, board: tuple[BoardServer, str]) -> None:
    server, base = board
    nr = nr_sqlite
    env = {"NEXTROUND_WATCH_GREENHOUSE_URL": base}
    nr.ok(
        "app",
        "add",
        "--company",
        "Acme Robotics",
        "--role",
        "Backend Engineer",
        "--applied",
        "2026-10-01",
    )
    nr.ok("reject", "1", "--on", "2026-11-20")
    added = nr.ok(
        "watch", "add", "Acme Robotics", "--board", "https://boards.greenhouse.io/acme", **env
    )
    assert "Watching Acme Robotics (greenhouse board acme)" in added.out
    assert server.requests == []  # adding asks nothing of the network
    server.route("/v1/boards/acme/jobs", Reply.json({"jobs": [{"id": 1, "title": "Designer"}]}))
    ran = nr.ok("watch", "run", **env)
    assert "Acme Robotics: 1 open, 1 new, 0 closed" in ran.out
    assert "1 boards (1 changed), 1 requests" in ran.out
    server.route(
        "/v1/boards/acme/jobs",
        Reply.json(
            {
                "jobs": [
                    {"id": 1, "title": "Designer"},
                    {
                        "id": 2,
                        "title": "Backend Engineer (m/w/d)",
                        "absolute_url": "https://boards.greenhouse.io/acme/jobs/2",
                    },
                ]
            }
        ),
    )
    report = nr.ok("--json", "watch", "run", "Acme Robotics", **env).json()
    (outcome,) = report["boards"]
    assert outcome["new"] == 1 and outcome["reopened"][0]["postings"][0]["external_id"] == "2"
    text = nr.ok("watch", "run", **env).out
    assert (
        "Reopened since 2026-11-25: Backend Engineer (m/w/d) https://boards.greenhouse.io/acme/jobs/2"
        in text
    )
    listed = nr.ok("watch", "list", "--json").json()
    assert [(w["company"], w["open_postings"]) for w in listed] == [("Acme Robotics", 2)]
    assert "greenhouse acme" in nr.ok("watch", "list").out
    gone = nr.ok("watch", "rm", "Acme Robotics", "--json").json()
    assert gone["company"] == "Acme Robotics"
    assert "No company watched yet" in nr.ok("watch", "list").out


def test_bad_input_is_one_line_and_a_failing_board_exits_1(
    nr_sqlite: Nextround, board: tuple[BoardServer, str]
) -> None:
    server, base = board
    nr = nr_sqlite
    nr.ok("company", "add", "Initech")
    refused = nr.run("watch", "add", "Initech", "--board", "https://initech.example/careers")
    assert refused.code != 0 and "not a job board nextround knows" in refused.err
    refused = nr.run("watch", "add", "Initech")
    assert refused.code != 0 and "no job board known for Initech" in refused.err
    refused = nr.run("watch", "add", "Initech", "--page", "initech.example/careers")
    assert (
        refused.code != 0 and "the page must be a web address starting with https://" in refused.err
    )
    nr.ok("watch", "add", "Initech", "--board", f"{base}/v0/postings/initech")
    server.route("/v0/postings/initech", Reply(500))
    failed = nr.run("watch", "run", "--json")
    assert failed.code == 1
    assert "answered 500" in failed.out


def test_reject_watch_follows_the_company_when_its_board_is_known(nr_sqlite: Nextround) -> None:
    nr = nr_sqlite
    nr.ok(
        "app",
        "add",
        "--company",
        "Acme Robotics",
        "--role",
        "Backend Engineer",
        "--url",
        "https://jobs.lever.co/acme/0a1b",
        "--applied",
        "2026-10-01",
    )
    nr.ok("app", "add", "--company", "Initech", "--role", "Data Analyst", "--applied", "2026-10-02")
    done = nr.ok("reject", "1", "--on", "2026-11-20", "--watch")
    assert "Watching Acme Robotics's lever board; `nextround watch run` reads it." in done.out
    again = nr.ok("reject", "1", "--watch", "--json").json()
    assert again["watch"]["watch"]["board_name"] == "acme"
    none = nr.ok("reject", "2", "--on", "2026-11-20", "--watch")
    assert "Not watched: no job board known for Initech" in none.out
    plain = nr.ok("reject", "2", "--json").json()
    assert "watch" not in plain


def test_a_feed_only_watch_prints_its_news(
    nr_sqlite: Nextround, board: tuple[BoardServer, str]
) -> None:
    from tests.watch.test_feeds import RSS

    server, base = board
    nr = nr_sqlite
    nr.ok("company", "add", "Hooli")
    nr.ok("watch", "add", "Hooli", "--feed", f"{base}/rss")
    server.route("/rss", Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    out = nr.ok("watch", "run").out
    assert "Hooli: skipped: no job board (its feed only)\n  News: 2 new" in out
