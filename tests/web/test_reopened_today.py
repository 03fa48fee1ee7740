"""The web's Today shows a reopened role's step, made by a real watch run on loopback."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from nextround.config import Settings
from nextround.domain.watch import NewWatch
from nextround.services import applications
from nextround.services import watch as watching
from nextround.services.context import open_context
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.services.scenario import interviewed
from tests.watch.boardserver import Reply, serving
from tests.web.conftest import make_client


def jobs(*titles: tuple[int, str]) -> Reply:
    return Reply.json(
        {
            "jobs": [
                {"id": i, "title": t, "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}"}
                for i, t in titles
            ]
        }
    )


def test_today_shows_the_role_open_again_with_its_link(web_settings: Settings) -> None:
    with serving() as (server, base):
        watch = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        settings = dataclasses.replace(web_settings, watch=watch)
        ctx = open_context(dataclasses.replace(settings, today=date(2026, 11, 21)))
        try:
            s = interviewed(ctx)
            applications.reject(ctx, s.app_id, on=date(2026, 11, 20))
            watching.add_watch(ctx, NewWatch(s.company_id, board="boards.greenhouse.io/acme"))
            server.route("/v1/boards/acme/jobs", jobs((1, "Backend Engineer")))
            watching.run_watches(ctx)
            server.route("/v1/boards/acme/jobs", jobs((4, "Backend Engineer")))
            later = ctx.fresh(settings=dataclasses.replace(settings, today=date(2027, 1, 10)))
            watching.run_watches(later)
        finally:
            ctx.close()
    with make_client(dataclasses.replace(settings, today=date(2027, 1, 10))) as browser:
        page = browser.load("/")
        found = re.search(r'<li class="task today-row kind-reopened_role" id="task-(\d+)">', page)
        assert found is not None
        step = browser.load(f"/tasks/{found[1]}")
        browser.app.state.web.close()  # type: ignore[attr-defined]
    assert "The Backend Engineer role at Acme Robotics is open again — have a look" in page
    assert page.count("kind-reopened_role") == 1  # one step, not one per posting or run
    assert "A role open again" in step  # the kind of step, in words
    assert 'href="https://boards.greenhouse.io/acme/jobs/4"' in step
