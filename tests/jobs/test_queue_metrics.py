"""The job queue's depth at /metrics: read from the database at each scrape."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from nextround.services.context import Context
from nextround.services.job_queue import Kind
from nextround.web.app import create_app
from tests.jobs import enqueue
from tests.web.conftest import BASE, Browser
from tests.web.server import free_port

pytestmark = pytest.mark.postgres

NONE_WAITING = [
    'nextround_job_queue_depth{queue="digest"} 0.0',
    'nextround_job_queue_depth{queue="mail"} 0.0',
    'nextround_job_queue_depth{queue="schedule"} 0.0',
    'nextround_job_queue_depth{queue="watch"} 0.0',
]


def depth_lines(text: str) -> list[str]:
    return sorted(x for x in text.splitlines() if x.startswith("nextround_job_queue_depth{"))


def test_metrics_show_the_jobs_waiting_by_queue(pg: Context) -> None:
    app = create_app(pg.settings, metrics=True)
    with Browser(app, base_url=BASE) as browser:
        assert depth_lines(browser.get("/metrics").text) == NONE_WAITING
        enqueue(pg, Kind.SEND_DIGEST, 2, 3, period="daily")
        enqueue(pg, Kind.WATCH_BOARDS, 2)
        assert depth_lines(browser.get("/metrics").text) == [
            'nextround_job_queue_depth{queue="digest"} 2.0',
            'nextround_job_queue_depth{queue="mail"} 0.0',
            'nextround_job_queue_depth{queue="schedule"} 0.0',
            'nextround_job_queue_depth{queue="watch"} 1.0',
        ]
        _run_them_all(pg)
        assert depth_lines(browser.get("/metrics").text) == NONE_WAITING
    app.state.web.close()


def _run_them_all(ctx: Context) -> None:
    with ctx.db.transaction() as c:
        c.execute("UPDATE procrastinate_jobs SET status = 'succeeded' WHERE status = 'todo'")


def test_a_drained_queue_reads_0_across_several_web_processes(pg: Context, tmp_path: Path) -> None:
    """With PROMETHEUS_MULTIPROC_DIR (uvicorn --workers 2) a gauge can't be cleared: a
    queue that empties must read 0, not the count some process saw last."""
    port = free_port()
    shared = tmp_path / "metrics"
    shared.mkdir()
    env = {**os.environ, "NEXTROUND_DB": pg.settings.db_url, "NEXTROUND_METRICS": "1"}
    env |= {"PROMETHEUS_MULTIPROC_DIR": str(shared), "NEXTROUND_CONFIG": str(tmp_path / "c.toml")}
    command = [sys.executable, "-m", "uvicorn", "--factory", "nextround.web.asgi:app"]
    command += ["--workers", "2", "--port", str(port), "--no-access-log"]
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/metrics"
    try:
        enqueue(pg, Kind.SEND_DIGEST, 2, 3, period="daily")
        seen = [_scrape(url) for _ in range(8)]  # both processes, most likely, saw the 2
        assert 'nextround_job_queue_depth{queue="digest"} 2.0' in seen[-1]
        _run_them_all(pg)
        after = [_scrape(url) for _ in range(8)]
        assert depth_lines(after[-1]) == NONE_WAITING
    finally:
        server.terminate()
        server.wait(20)
        log.close()
    assert "Clearing labels" not in (tmp_path / "server.log").read_text()


def _scrape(url: str, timeout: float = 30.0) -> str:
    end = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return str(answer.read().decode())
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)
