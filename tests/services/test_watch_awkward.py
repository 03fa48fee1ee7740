"""One watch run over every awkward server at once, on a real database and a loopback server.

Each board misbehaves in its own way (issue 14's list); each is reported for that
board, the run goes on, good boards are stored, and a failing board stores nothing
(what an earlier run stored stays as it was: nothing is closed by a bad answer).
The adapter's own tests (tests/watch/test_boards_http.py) check the same servers
one request at a time; this checks them through the service, side by side.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import pytest

from nextround.domain.companies import NewCompany
from nextround.domain.watch import NewWatch
from nextround.services import companies
from nextround.services import watch as service
from nextround.services.context import Context
from nextround.storage import watch as stored
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.watch.boardserver import BoardServer, Reply, serving
from tests.watch.test_feeds import RSS

JSON = {"Content-Type": "application/json"}


def _gh(*jobs: dict[str, object]) -> Reply:
    return Reply.json({"jobs": list(jobs)})


#: Company -> (the board's path on the server, its replies, the outcome's status, what the
#: report says (a piece of the error, or "" for none), the titles then stored as open).
BOARDS: dict[str, tuple[str, list[Reply], str, str, list[str]]] = {
    "Escaped": (
        "/v1/boards/escaped/jobs",
        [_gh({"id": 1, "title": "R&amp;D &lt;Lead&gt;"}, {"id": 2, "title": "Q&amp;A"})],
        "changed",
        "",
        ["R&D <Lead>", "Q&A"],
    ),
    "Spaces": (
        "/v1/boards/spaces/jobs",
        [_gh({"id": 1, "title": "\ufeff  Senior \u200b Engineer\t\n "})],
        "changed",
        "",
        ["Senior Engineer"],
    ),
    "Untitled": (
        "/v1/boards/untitled/jobs",
        [_gh({"id": 1, "title": ""}, {"id": 2}, {"id": 3, "title": "Analyst"}, {"title": "No id"})],
        "changed",
        "",
        ["Analyst"],
    ),
    "Empty": ("/v1/boards/empty/jobs", [_gh()], "changed", "", []),
    "Unknown404": (
        "/v1/boards/nobody/jobs",
        [Reply(404, b'{"status": 404, "error": "Job not found"}', JSON)],
        "failed",
        "answered 404: no such board",
        [],
    ),
    "Unknown200": ("/v0/postings/nobody", [Reply.json([])], "changed", "", []),
    "Slow": (
        "/v1/boards/slow/jobs",
        [Reply(200, b'{"jobs": []}', JSON, delay=4.0)],
        "failed",
        "did not answer in time (2 tries)",
        [],
    ),
    "Down": ("/v1/boards/down/jobs", [Reply(500)], "failed", "answered 500 (2 tries)", []),
    "Busy": (
        "/v1/boards/busy/jobs",
        [Reply(429, headers={"Retry-After": "3600"})],
        "failed",
        "asks to wait 3600 s",
        [],
    ),
    "Patient": (
        "/v1/boards/patient/jobs",
        [Reply(429, headers={"Retry-After": "1"}), _gh({"id": 7, "title": "Worth the wait"})],
        "changed",
        "",
        ["Worth the wait"],
    ),
    "Garbled": (
        "/v1/boards/garbled/jobs",
        [Reply(200, b'{"jobs": [{"id": 1, "title": "Half"}, {"id": 2, "ti', JSON)],
        "failed",
        "did not answer with JSON",
        [],
    ),
    "Huge": (
        "/v1/boards/huge/jobs",
        [Reply(200, stream=50_000_000)],
        "failed",
        "sent more than the 5,000,000 bytes read",
        [],
    ),
    "Loop": ("/v1/boards/loop/jobs", [], "failed", "redirects in a loop", []),
    "LyingJson": (
        "/v1/boards/lyingjson/jobs",
        [
            Reply(
                200,
                json.dumps({"jobs": [{"id": 1, "title": "Fine"}]}).encode(),
                {"Content-Type": "text/html"},
            )
        ],
        "changed",
        "",
        ["Fine"],
    ),
    "LyingHtml": (
        "/v1/boards/lyinghtml/jobs",
        [Reply(200, b"<!doctype html><h1>Careers</h1>", JSON)],
        "failed",
        "did not answer with JSON",
        [],
    ),
}


@pytest.fixture
def board(ctx: Context) -> Iterator[tuple[BoardServer, str, Context]]:
    with serving() as (server, base):
        s = WatchSettings(
            bases=dict.fromkeys(DEFAULT_BASES, base),
            backoff=0.01,
            timeout=1.5,  # generous: the machines are shared and slow at times
            attempts=2,
            max_wait=2.0,
            max_bytes=5_000_000,
            per_host=16,
            workers=16,
        )
        yield server, base, ctx.fresh(settings=dataclasses.replace(ctx.settings, watch=s))


def _watch(ctx: Context, name: str, board: str = "", feed: str = "") -> int:
    company = companies.add_company(ctx, NewCompany(name)).id
    return service.add_watch(ctx, NewWatch(company, board or None, feed or None)).id


def _open_titles(ctx: Context, watch_id: int) -> list[str]:
    with ctx.db.read() as c:
        return [p.title for p in stored.postings(c, ctx.owner, watch_id) if p.closed_on is None]


def test_every_awkward_board_is_reported_for_itself_and_the_run_goes_on(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    ids = {}
    for name, (path, replies, *_) in BOARDS.items():
        loop = [Reply(302, headers={"Location": f"{base}{path}"})]
        server.route(path, *(loop if name == "Loop" else replies))
        ids[name] = _watch(ctx, name, f"{base}{path}")
    report = service.run_watches(ctx)
    outcomes = {o.company: o for o in report.boards}
    assert set(outcomes) == set(BOARDS)
    for name, (_, _, status, says, titles) in BOARDS.items():
        outcome = outcomes[name]
        assert (name, outcome.status) == (name, status), outcome.error
        assert says in outcome.error, (name, outcome.error)
        assert not says or outcome.error, name
        assert sorted(_open_titles(ctx, ids[name])) == sorted(titles), name
    assert outcomes["Untitled"].skipped == 3  # two without a title, one without an id
    listed = {w.company: w for w in service.list_watches(ctx)}
    assert "did not answer with JSON" in listed["Garbled"].last_error
    assert listed["Escaped"].last_error == "" and listed["Escaped"].last_ok_on == ctx.today
    assert listed["Unknown404"].gone_since == ctx.today  # reported gone only after a week


def test_a_bad_answer_after_a_good_one_changes_nothing_stored(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    path = "/v1/boards/flaky/jobs"
    server.route(path, _gh({"id": 1, "title": "Designer"}, {"id": 2, "title": "Engineer"}))
    watch_id = _watch(ctx, "Flaky", f"{base}{path}")
    assert service.run_watches(ctx).boards[0].status == "changed"
    for bad in (
        Reply(200, b'{"jobs": [{"id": 1, "title": "Designer"}', JSON),  # cut off: not "closed"
        Reply(200, b'{"jobs": "soon"}', JSON),
        Reply(200, b"\xef\xbb\xbf", JSON),
        Reply(500),
    ):
        server.route(path, bad)
        outcome = service.run_watches(ctx).boards[0]
        assert outcome.status == "failed", outcome
        assert sorted(_open_titles(ctx, watch_id)) == ["Designer", "Engineer"]


def test_feeds_with_broken_dates_or_that_are_web_pages(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    server.route("/rss", Reply(200, RSS, {"Content-Type": "text/html"}))  # its type lies too
    server.route("/blog", Reply(200, b"<!doctype html><title>Blog</title>", {}))
    good = _watch(ctx, "Dated", feed=f"{base}/rss")
    _watch(ctx, "Page", feed=f"{base}/blog")
    outcomes = {o.company: o for o in service.run_watches(ctx).boards}
    assert (outcomes["Dated"].news, outcomes["Dated"].news_error) == (2, "")
    assert outcomes["Page"].news == 0
    assert "is a web page, not an RSS or Atom feed" in outcomes["Page"].news_error
    with ctx.db.read() as c:
        dates = {n.title: n.published_on for n in stored.news(c, ctx.owner, good)}
    assert dates["Series C & more"] is None  # "the day after tomorrow" is no date
