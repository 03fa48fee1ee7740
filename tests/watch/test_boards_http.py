"""Each board read from a real HTTP server on loopback, and every way a server can misbehave."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from nextround.errors import BoardError, BoardGone
from nextround.watch.boards import Board, board_for, detect
from nextround.watch.fetch import read_board
from nextround.watch.http import Fetcher, Validators
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.watch import fixtures
from tests.watch.boardserver import BoardServer, Reply, serving


@pytest.fixture
def server() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


def _settings(base: str, **kw: object) -> WatchSettings:
    bases = dict.fromkeys(DEFAULT_BASES, base)
    values: dict[str, object] = {"bases": bases, "backoff": 0.01, "timeout": 2.0, **kw}
    return WatchSettings(**values)  # type: ignore[arg-type]


def _read(base: str, board: Board, validators: Validators | None = None, **kw: object):  # type: ignore[no-untyped-def]
    with Fetcher(_settings(base, **kw)) as fetcher:
        return read_board(board, fetcher, validators or Validators()), fetcher.requests


def test_greenhouse_titles_are_cleaned_and_untitled_postings_skipped(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v1/boards/acme/jobs", Reply.json(fixtures.GREENHOUSE))
    read, _ = _read(base, board_for("greenhouse", "acme", _settings(base)))
    listing = read.listing
    assert [p.title for p in listing.postings] == [
        "Senior Backend Engineer",
        "Data & ML Engineer (m/w/d)",
    ]
    assert listing.postings[0].requisition_id == "REQ-77"
    assert listing.postings[0].employer == "Acme Robotics"
    assert listing.postings[1].url == "https://acme.example/careers?gh_jid=4012346"
    assert listing.skipped == 1
    assert "nextround" in board.requests[0].headers["User-Agent"]


def test_lever_ashby_workable_recruitee_personio(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v0/postings/acme", Reply.json(fixtures.LEVER))
    board.route("/posting-api/job-board/acme", Reply.json(fixtures.ASHBY))
    board.route("/api/v1/widget/accounts/acme", Reply.json(fixtures.WORKABLE))
    board.route("/api/offers/", Reply.json(fixtures.RECRUITEE))
    board.route("/xml", Reply(body=fixtures.PERSONIO, headers={"Content-Type": "text/xml"}))
    s = _settings(base)
    titles = {
        kind: [p.title for p in _read(base, board_for(kind, "acme", s))[0].listing.postings]
        for kind in ("lever", "lever_eu", "ashby", "workable", "recruitee", "personio")
    }
    assert titles == {
        "lever": ["Staff Engineer, Payments"],
        "lever_eu": ["Staff Engineer, Payments"],
        "ashby": ["Product Designer"],  # the unlisted one is left out
        "workable": ["Support Lead"],
        "recruitee": ["QA Engineer (f/m/x)"],  # the draft is left out
        "personio": ["Werkstudent Marketing (m/w/d)"],
    }
    assert "mode=json" in board.seen("/v0/postings/acme")[0].path


def test_workday_reads_every_page_though_later_pages_say_total_0(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    path = "/wday/cxs/acme/External/jobs"
    pages = [Reply.json(fixtures.workday_page(o, 45)) for o in (0, 20, 40)]
    board.route(path, *pages, method="POST")
    read, requests = _read(base, detect(f"{base}{path}", _settings(base)))
    assert len(read.listing.postings) == 45 and requests == 3
    assert [json.loads(r.body)["offset"] for r in board.seen(path)] == [0, 20, 40]
    first = read.listing.postings[0]
    assert first.requisition_id == "R00000"
    assert first.url == f"{base}/External/job/Detroit-MI/Mechanical-Engineer_R00000"


def test_smartrecruiters_pages_by_offset(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    path = "/v1/companies/Acme/postings"
    board.route(path, *[Reply.json(fixtures.smartrecruiters_page(o, 150)) for o in (0, 100)])
    read, requests = _read(base, board_for("smartrecruiters", "Acme", _settings(base)))
    assert len(read.listing.postings) == 150 and requests == 2


def test_conditional_request_answered_304(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    headers = {"ETag": '"v1"', "Last-Modified": "Wed, 25 Nov 2026 10:00:00 GMT"}
    board.route(
        "/v1/boards/acme/jobs",
        Reply(200, json.dumps(fixtures.GREENHOUSE).encode(), headers),
        Reply(304),
    )
    gh = board_for("greenhouse", "acme", _settings(base))
    first, _ = _read(base, gh)
    assert first.validators == Validators('"v1"', "Wed, 25 Nov 2026 10:00:00 GMT")
    second, _ = _read(base, gh, first.validators)
    assert second.listing is None
    sent = board.requests[-1].headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"].startswith("Wed")


@pytest.mark.parametrize("status", [404, 410])
def test_unknown_board_is_gone(server, status: int) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v1/boards/nobody/jobs", Reply(status))
    with pytest.raises(BoardGone):
        _read(base, board_for("greenhouse", "nobody", _settings(base)))
    assert len(board.requests) == 1  # not retried


def test_empty_boards(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v0/postings/nobody", Reply.json([]))
    board.route("/v1/boards/empty/jobs", Reply.json({"jobs": [], "meta": {"total": 0}}))
    s = _settings(base)
    assert _read(base, board_for("lever", "nobody", s))[0].listing.postings == ()
    assert _read(base, board_for("greenhouse", "empty", s))[0].listing.postings == ()


def test_500s_are_retried_then_reported(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v1/boards/acme/jobs", Reply(500), Reply(503), Reply.json(fixtures.GREENHOUSE))
    read, requests = _read(base, board_for("greenhouse", "acme", _settings(base)))
    assert requests == 3 and len(read.listing.postings) == 2
    board.route("/v1/boards/down/jobs", Reply(502))
    with pytest.raises(BoardError, match=r"answered 502 \(3 tries\)"):
        _read(base, board_for("greenhouse", "down", _settings(base)))


def test_429_waits_as_long_as_retry_after_says(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route(
        "/v1/boards/acme/jobs",
        Reply(429, headers={"Retry-After": "1"}),
        Reply.json(fixtures.GREENHOUSE),
    )
    started = time.monotonic()
    read, requests = _read(base, board_for("greenhouse", "acme", _settings(base)))
    assert requests == 2 and time.monotonic() - started >= 0.95
    assert len(read.listing.postings) == 2


def test_429_asking_too_long_a_wait_is_left_for_the_next_run(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v1/boards/acme/jobs", Reply(429, headers={"Retry-After": "3600"}))
    with pytest.raises(BoardError, match="asks to wait 3600 s"):
        _read(base, board_for("greenhouse", "acme", _settings(base)))
    assert len(board.requests) == 1


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"<html>Careers</html>", "text/html"),
        (b'{"jobs": 7}', "application/json"),
        (b"[1, 2]", "application/json"),
    ],
)
def test_answers_not_in_the_format_are_board_errors(server, body: bytes, content_type: str) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v1/boards/acme/jobs", Reply(200, body, {"Content-Type": content_type}))
    with pytest.raises(BoardError):
        _read(base, board_for("greenhouse", "acme", _settings(base)))


def test_oversize_answers_are_refused_declared_or_streamed(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v1/boards/big/jobs", Reply(200, b"[" + b" " * 2_000_000 + b"]"))
    board.route("/v1/boards/endless/jobs", Reply(200, stream=50_000_000))
    s = _settings(base, max_bytes=1_000_000)
    with pytest.raises(BoardError, match="over the 1,000,000"):
        _read(base, board_for("greenhouse", "big", s), max_bytes=1_000_000)
    started = time.monotonic()
    with pytest.raises(BoardError, match="more than the 1,000,000"):
        _read(base, board_for("greenhouse", "endless", s), max_bytes=1_000_000)
    assert time.monotonic() - started < 5


def test_a_slow_server_times_out(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v1/boards/slow/jobs", Reply.json(fixtures.GREENHOUSE, delay=1.5))
    with pytest.raises(BoardError, match="did not answer in time"):
        _read(base, board_for("greenhouse", "slow", _settings(base)), timeout=0.3, attempts=2)
    assert len(board.requests) == 2


def test_a_redirect_loop_is_reported(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route(
        "/v1/boards/loop/jobs", Reply(302, headers={"Location": f"{base}/v1/boards/loop/jobs"})
    )
    with pytest.raises(BoardError, match="redirects in a loop"):
        _read(base, board_for("greenhouse", "loop", _settings(base)))


def test_nothing_listens() -> None:
    with serving() as (_, base):
        pass
    with pytest.raises(BoardError, match="could not be reached"):
        _read(base, board_for("greenhouse", "acme", _settings(base)), attempts=1)


def test_at_most_per_host_requests_at_once(server) -> None:  # type: ignore[no-untyped-def]
    from concurrent.futures import ThreadPoolExecutor

    board, base = server
    for i in range(6):
        board.route(f"/v1/boards/b{i}/jobs", Reply.json({"jobs": []}, delay=0.3))
    s = _settings(base, per_host=2)
    with Fetcher(s) as fetcher, ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda i: read_board(board_for("greenhouse", f"b{i}", s), fetcher), range(6)))
    assert board.most_at_once == 2 and len(board.requests) == 6


def test_retry_after_as_a_date() -> None:
    from nextround.watch.http import retry_after

    assert retry_after("Wed, 25 Nov 2026 10:00:30 GMT", 1795600800.0) == 30.0
    assert retry_after("120", 0) == 120.0
    assert retry_after("soon", 0) is None


JSONLD_PAGE = b"""<!doctype html><html><head><title>Careers</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Organization", "name": "Initech"}</script>
<script type="application/ld+json; charset=utf-8">
{"@context": "https://schema.org", "@graph": [
  {"@type": "JobPosting", "title": "\\ufeffData &amp; ML Engineer (m/w/d) ", "url": "https://initech.example/jobs/7",
   "identifier": {"@type": "PropertyValue", "name": "Initech", "value": "REQ-7"},
   "datePosted": "2026-11-20", "validThrough": "2027-01-31",
   "hiringOrganization": {"@type": "Organization", "name": "Initech"},
   "jobLocation": {"@type": "Place", "address": {"addressLocality": "Austin", "addressCountry": "US"}}},
  {"@type": ["JobPosting"], "title": "Analyst", "url": "https://initech.example/jobs/8"},
  {"@type": "JobPosting", "description": "no title"}
]}
</script><script type="application/ld+json">{broken</script></head><body>Jobs</body></html>"""


def test_a_careers_page_read_for_schema_org_job_postings(server) -> None:  # type: ignore[no-untyped-def]
    from nextround.watch.boards import page_board

    board, base = server
    board.route("/careers", Reply(200, JSONLD_PAGE, {"Content-Type": "text/html"}))
    board.route("/about", Reply(200, b"<html><body>No jobs here</body></html>"))
    read, _ = _read(base, page_board(f"{base}/careers"))
    listing = read.listing
    assert [(p.external_id, p.title, p.location) for p in listing.postings] == [
        ("REQ-7", "Data & ML Engineer (m/w/d)", "Austin, US"),
        ("https://initech.example/jobs/8", "Analyst", ""),
    ]
    assert listing.skipped == 1 and listing.postings[0].employer == "Initech"
    with pytest.raises(BoardError, match=r"lists no schema\.org JobPosting"):
        _read(base, page_board(f"{base}/about"))


def test_a_server_trickling_its_answer_is_cut_off(server) -> None:  # type: ignore[no-untyped-def]
    board, base = server
    board.route("/v1/boards/trickle/jobs", Reply(200, stream=10_000, trickle=0.1))
    started = time.monotonic()
    with pytest.raises(BoardError, match="too slowly"):
        _read(base, board_for("greenhouse", "trickle", _settings(base)), timeout=0.5)
    assert time.monotonic() - started < 3
