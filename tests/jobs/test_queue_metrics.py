"""The job queue's depth at /metrics: read from the database at each scrape."""

from __future__ import annotations

import pytest

from nextround.services.context import Context
from nextround.services.job_queue import Kind
from nextround.web.app import create_app
from tests.jobs import enqueue
from tests.web.conftest import BASE, Browser

pytestmark = pytest.mark.postgres


def depth_lines(browser: Browser) -> list[str]:
    text = browser.get("/metrics").text
    return [line for line in text.splitlines() if line.startswith("nextround_job_queue_depth{")]


def test_metrics_show_the_jobs_waiting_by_queue(pg: Context) -> None:
    app = create_app(pg.settings, metrics=True)
    with Browser(app, base_url=BASE) as browser:
        assert depth_lines(browser) == []
        enqueue(pg, Kind.SEND_DIGEST, 2, 3, period="daily")
        enqueue(pg, Kind.WATCH_BOARDS, 2)
        assert depth_lines(browser) == [
            'nextround_job_queue_depth{queue="digest"} 2.0',
            'nextround_job_queue_depth{queue="watch"} 1.0',
        ]
    app.state.web.close()
