"""What's new and a company's watch section, read from a real database (SQLite and
PostgreSQL) after real runs against a loopback board and feed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from nextround.domain.watch import NewWatch
from nextround.errors import InvalidInput, NotFound
from nextround.services import applications, watch_views
from nextround.services import watch as service
from nextround.services.context import Context
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.services.scenario import interviewed
from tests.watch.boardserver import BoardServer, Reply, serving
from tests.watch.test_feeds import RSS

REJECTED = date(2026, 11, 20)


@pytest.fixture
def board(ctx: Context) -> Iterator[tuple[BoardServer, str, Context]]:
    with serving() as (server, base):
        s = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        yield server, base, ctx.fresh(settings=dataclasses.replace(ctx.settings, watch=s))


def _on(ctx: Context, day: date) -> Context:
    return ctx.fresh(settings=dataclasses.replace(ctx.settings, today=day))


def _jobs(server: BoardServer, *jobs: tuple[int, str]) -> None:
    listed = [
        {"id": i, "title": t, "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}"}
        for i, t in jobs
    ]
    server.route("/v1/boards/acme/jobs", Reply.json({"jobs": listed}))


def test_reopened_first_then_new_roles_then_news_each_newest_first(board) -> None:  # type: ignore[no-untyped-def]
    server, base, ctx = board
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=REJECTED)
    unwatched = watch_views.company_watch(ctx, scenario.company_id)
    assert unwatched.watch is None and unwatched.known_board == ""
    service.add_watch(
        ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme", feed=f"{base}/rss")
    )
    server.route("/rss", Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    day = ctx.today
    _jobs(server, (1, "Designer"))
    service.run_watches(_on(ctx, day - timedelta(days=3)))  # the baseline: not new
    _jobs(server, (1, "Designer"), (2, "Data Analyst"))
    service.run_watches(_on(ctx, day - timedelta(days=2)))
    _jobs(server, (1, "Designer"), (2, "Data Analyst"), (3, "Backend Engineer"), (4, "SRE"))
    service.run_watches(_on(ctx, day - timedelta(days=1)))
    found = watch_views.whats_new(ctx, 30)
    assert found.watched == 1 and not found.empty
    (reopened,) = found.reopened
    assert reopened.role.role == "Backend Engineer" and reopened.role.rejected_on == REJECTED
    assert [p.external_id for p in reopened.role.reopening.postings] == ["3"]
    assert [r.posting.title for r in found.new_roles] == ["SRE", "Data Analyst"]
    assert [n.title for n in found.news][-1] == "Acme opens a Berlin office"  # 10 Nov: oldest
    short = watch_views.whats_new(ctx, 1)
    assert [r.posting.title for r in short.new_roles] == ["SRE"]
    assert [n.title for n in short.news] == []  # first seen three days ago, dated earlier
    section = watch_views.company_watch(ctx, scenario.company_id)
    assert [p.title for p in section.open_postings][:2] == ["SRE", "Backend Engineer"]
    assert [r.role for r in section.reopened] == ["Backend Engineer"]
    assert len(section.news) == 2 and section.known_board == "boards.greenhouse.io/acme"


def test_odd_days_and_unknown_companies_are_refused(ctx: Context) -> None:
    for days in (0, -1, 367):
        with pytest.raises(InvalidInput, match="days must be from 1 to 366"):
            watch_views.whats_new(ctx, days)
    assert watch_views.whats_new(ctx).empty
    with pytest.raises(NotFound):
        watch_views.company_watch(ctx, 424242)
