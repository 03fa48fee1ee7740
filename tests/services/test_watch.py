"""Watching a company on a real database, its board served by a real server on loopback."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from nextround.domain.watch import NewWatch
from nextround.errors import Conflict, InvalidInput
from nextround.services import applications, history
from nextround.services import watch as service
from nextround.services.context import Context
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.services.scenario import interviewed
from tests.watch.boardserver import BoardServer, Reply, serving

REJECTED = date(2026, 11, 20)


def _job(i: int, title: str, req: str | None = None) -> dict[str, object]:
    return {
        "id": i,
        "title": title,
        "requisition_id": req,
        "location": {"name": "Berlin"},
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}",
    }


@pytest.fixture
def board(ctx: Context) -> Iterator[tuple[BoardServer, Context]]:
    with serving() as (server, base):
        s = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        yield server, ctx.fresh(settings=dataclasses.replace(ctx.settings, watch=s))


def _on(ctx: Context, day: date) -> Context:
    return ctx.fresh(settings=dataclasses.replace(ctx.settings, today=day))


def _jobs(server: BoardServer, *jobs: dict[str, object], status: int = 200) -> None:
    server.route(
        "/v1/boards/acme/jobs", Reply.json({"jobs": list(jobs)}) if status == 200 else Reply(status)
    )


def test_add_needs_no_network_and_finds_the_board_from_the_job_link(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    scenario = interviewed(ctx)
    with pytest.raises(InvalidInput, match="no job board known for Acme Robotics") as refused:
        service.add_watch(ctx, NewWatch(scenario.company_id))
    assert refused.value.fields.keys() == {"board"}
    watch = service.add_watch(
        ctx, NewWatch(scenario.company_id, board="https://boards.greenhouse.io/acme")
    )
    assert (watch.board_kind, watch.board_name, watch.open_postings) == ("greenhouse", "acme", 0)
    assert server.requests == []
    with pytest.raises(Conflict, match="already watched"):
        service.add_watch(ctx, NewWatch(scenario.company_id, board="jobs.lever.co/acme"))
    with pytest.raises(InvalidInput, match="not a job board nextround knows"):
        service.add_watch(ctx, NewWatch(interviewed_other(ctx), board="https://acme.example/jobs"))


def interviewed_other(ctx: Context) -> int:
    from nextround.domain.companies import NewCompany
    from nextround.services import companies

    return companies.add_company(ctx, NewCompany("Initech")).id


def test_the_role_reopened_after_the_rejection_is_reported_once_as_one_role(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=REJECTED)
    service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    # The first read is the baseline: the posting of the rejection may still be up.
    _jobs(server, _job(1, "Backend Engineer"), _job(2, "Designer"))
    first = service.run_watches(_on(ctx, REJECTED + timedelta(days=1)))
    (outcome,) = first.boards
    assert (outcome.status, outcome.new, outcome.open, outcome.reopened) == ("changed", 2, 2, ())
    # Two new openings of the same title: one reopened role with both links.
    _jobs(
        server,
        _job(1, "Backend Engineer"),
        _job(2, "Designer"),
        _job(3, "\ufeffBackend  Engineer (m/w/d)"),
        _job(4, "backend engineer"),
    )
    second = service.run_watches(_on(ctx, REJECTED + timedelta(days=5)))
    (outcome,) = second.boards
    assert (outcome.new, outcome.open) == (2, 4)
    (reopened,) = outcome.reopened
    assert reopened.application_id == scenario.app_id
    assert [p.external_id for p in reopened.postings] == ["3", "4"]
    assert reopened.postings[0].url == "https://boards.greenhouse.io/acme/jobs/3"


def test_a_brief_absence_is_no_reopening_a_long_one_is(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=REJECTED)
    service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    day = REJECTED + timedelta(days=1)
    _jobs(server, _job(1, "Backend Engineer"))
    service.run_watches(_on(ctx, day))
    _jobs(server)
    closed = service.run_watches(_on(ctx, day + timedelta(days=1)))
    assert closed.boards[0].closed == 1
    _jobs(server, _job(1, "Backend Engineer"))
    back = service.run_watches(_on(ctx, day + timedelta(days=4)))
    assert (back.boards[0].returned, back.boards[0].reopened) == (0, ())
    _jobs(server)
    service.run_watches(_on(ctx, day + timedelta(days=5)))
    _jobs(server, _job(1, "Backend Engineer"))
    returned = service.run_watches(_on(ctx, day + timedelta(days=20)))
    assert returned.boards[0].returned == 1
    assert [p.external_id for p in returned.boards[0].reopened[0].postings] == ["1"]


def test_a_failing_board_stores_nothing_and_the_run_goes_on(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    scenario = interviewed(ctx)
    service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    other = service.add_watch(ctx, NewWatch(interviewed_other(ctx), board="jobs.lever.co/initech"))
    server.route("/v1/boards/acme/jobs", Reply(200, b'{"jobs": [{"id": 1, "title": "A"}, oops'))
    server.route("/v0/postings/initech", Reply.json([{"id": "u1", "text": "Analyst"}]))
    report = service.run_watches(ctx)
    assert sorted((b.company, b.status) for b in report.boards) == [
        ("Acme Robotics", "failed"),
        ("Initech", "changed"),
    ]
    listed = {w.company: w for w in service.list_watches(ctx)}
    assert listed["Acme Robotics"].open_postings == 0
    assert "did not answer with JSON" in listed["Acme Robotics"].last_error
    assert listed["Initech"].open_postings == 1 and other.id == listed["Initech"].id


def test_unchanged_boards_cost_a_304(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    scenario = interviewed(ctx)
    service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    body = Reply.json({"jobs": [_job(1, "Backend Engineer")]}, headers={"ETag": '"e1"'})
    server.route("/v1/boards/acme/jobs", body, Reply(304))
    service.run_watches(ctx)
    again = service.run_watches(_on(ctx, ctx.today + timedelta(days=1)))
    assert again.boards[0].status == "unchanged" and again.boards[0].open == 1
    assert server.requests[-1].headers["If-None-Match"] == '"e1"'


def test_a_board_gone_for_a_week_is_reported_and_no_longer_asked(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    scenario = interviewed(ctx)
    service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    _jobs(server, status=404)
    assert service.run_watches(ctx).boards[0].status == "failed"
    week = _on(ctx, ctx.today + timedelta(days=7))
    assert service.run_watches(week).boards[0].status == "gone"
    asked = len(server.requests)
    later = service.run_watches(_on(ctx, ctx.today + timedelta(days=8)))
    assert later.boards[0].status == "gone" and len(server.requests) == asked
    service.run_watches(_on(ctx, ctx.today + timedelta(days=8)), everything=True)
    assert len(server.requests) == asked + 1


def test_rm_goes_to_the_trash_and_undo_brings_it_back(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    scenario = interviewed(ctx)
    watch = service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    _jobs(server, _job(1, "Backend Engineer"))
    service.run_watches(ctx)
    service.remove_watch(ctx, watch.id)
    assert service.list_watches(ctx) == []
    history.undo(ctx)
    (back,) = service.list_watches(ctx)
    assert back.id == watch.id and back.open_postings == 1


def test_an_export_carries_watches_and_postings_and_restores_them(board, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    from nextround.config import Settings
    from nextround.services import backup, exports
    from nextround.services.context import open_context

    server, ctx = board
    scenario = interviewed(ctx)
    service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    _jobs(server, _job(1, "Backend Engineer", "REQ-1"))
    service.run_watches(ctx)
    out = io.BytesIO()
    exports.write_json(ctx, out)
    other = open_context(Settings(db_url=str(tmp_path / "restored.db"), today=ctx.today))
    try:
        backup.restore(other, out.getvalue())
        (watch,) = service.list_watches(other)
        assert (watch.company, watch.board_name, watch.open_postings) == (
            "Acme Robotics",
            "acme",
            1,
        )
    finally:
        other.close()


def test_a_careers_page_on_no_known_board_is_watched_with_page(board) -> None:  # type: ignore[no-untyped-def]
    from tests.watch.test_boards_http import JSONLD_PAGE

    server, ctx = board
    initech = interviewed_other(ctx)
    base = ctx.settings.watch.base("greenhouse")
    with pytest.raises(InvalidInput, match="--page URL"):
        service.add_watch(ctx, NewWatch(initech, board=f"{base}/careers"))
    with pytest.raises(InvalidInput, match="not both"):
        service.add_watch(ctx, NewWatch(initech, board="jobs.lever.co/x", page=f"{base}/careers"))
    watch = service.add_watch(ctx, NewWatch(initech, page=f"{base}/careers"))
    assert watch.board_kind == "jsonld"
    server.route("/careers", Reply(200, JSONLD_PAGE, {"Content-Type": "text/html"}))
    (outcome,) = service.run_watches(ctx).boards
    assert (outcome.status, outcome.new, outcome.skipped) == ("changed", 2, 1)


def test_a_feed_is_read_with_the_board_and_its_items_stored_once(board) -> None:  # type: ignore[no-untyped-def]
    from nextround.storage import watch as stored
    from tests.watch.test_feeds import RSS

    server, ctx = board
    scenario = interviewed(ctx)
    base = ctx.settings.watch.base("greenhouse")
    service.add_watch(
        ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme", feed=f"{base}/rss")
    )
    feed_only = service.add_watch(ctx, NewWatch(interviewed_other(ctx), feed=f"{base}/html"))
    _jobs(server, _job(1, "Designer"))
    server.route("/rss", Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    server.route(
        "/html", Reply(200, b"<html><body>hi</body></html>", {"Content-Type": "text/html"})
    )
    first = {b.company: b for b in service.run_watches(ctx).boards}
    assert (first["Acme Robotics"].status, first["Acme Robotics"].news) == ("changed", 2)
    assert (
        first["Initech"].status == "skipped"
        and "not an RSS or Atom feed" in first["Initech"].news_error
    )
    again = {b.company: b for b in service.run_watches(ctx).boards}
    assert again["Acme Robotics"].news == 0
    with ctx.db.read() as c:
        acme = stored.list_all(c, ctx.owner)[0]
        titles = [i.title for i in stored.news(c, ctx.owner, acme.id)]
        assert "not an RSS" in stored.get(c, ctx.owner, feed_only.id).feed_error  # type: ignore[union-attr]
    assert titles == ["Acme opens a Berlin office", "Series C & more"]
