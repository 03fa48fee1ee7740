"""The company page shows what changed since the no, as the briefing does."""

from __future__ import annotations

import dataclasses
from datetime import date

from nextround.domain.watch import NewWatch
from nextround.services import applications
from nextround.services import watch as watching
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.watch.boardserver import Reply, serving
from tests.web.conftest import Browser
from tests.web.scenario import ctx_of, interviewed


def test_the_company_page_says_what_changed_since_the_no(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    page = client.load(f"/companies/{scene.company_id}")
    assert '<h2 id="h-since">Since they said no (2026-11-20)</h2>' in page
    assert "Not watched: nextround watch add" in page
    with serving() as (server, base):
        s = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        ctx = ctx.fresh(settings=dataclasses.replace(ctx.settings, watch=s))
        watching.add_watch(ctx, NewWatch(scene.company_id, board="boards.greenhouse.io/acme"))
        jobs = [{"id": 1, "title": "Designer", "absolute_url": "https://boards.example/1"}]
        server.route("/v1/boards/acme/jobs", Reply.json({"jobs": jobs}))
        day = dataclasses.replace(ctx.settings, today=date(2026, 11, 21))
        watching.run_watches(ctx.fresh(settings=day))  # the baseline
        jobs.append({"id": 2, "title": "Data Engineer", "absolute_url": "https://boards.example/2"})
        server.route("/v1/boards/acme/jobs", Reply.json({"jobs": jobs}))
        later = dataclasses.replace(ctx.settings, today=date(2027, 1, 6))
        watching.run_watches(ctx.fresh(settings=later))
    page = client.load(f"/companies/{scene.company_id}")
    assert "New role: Data Engineer (seen 2027-01-06)" in page
    assert '<a href="https://boards.example/2" rel="noopener noreferrer">' in page
    assert "Designer" not in page.split('id="h-since"')[1].split("</section>")[0]
