"""What a deployment watches: /healthz, Prometheus metrics, JSON request logs, and the
ASGI factory run by uvicorn with several worker processes."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.errors import ConfigError, PasswordNeeded
from nextround.services import health, logins
from nextround.services.context import open_context
from nextround.web.app import create_app
from nextround.web.observe import ACCESS_LOGGER, JsonFormatter
from tests.web.conftest import BASE, Browser
from tests.web.server import free_port


@pytest.fixture
def observed(web_settings: Settings) -> Iterator[Browser]:
    app = create_app(web_settings, log_requests=True, metrics=True)
    with Browser(app, base_url=BASE) as browser:
        yield browser
    app.state.web.close()


def test_health_answers_without_a_login_and_says_nothing_else(
    client: Browser, web_settings: Settings
) -> None:
    answer = client.get("/healthz")
    assert (answer.status_code, answer.json()) == (200, {"status": "ok"})
    assert answer.headers["cache-control"] == "no-store"
    ctx = open_context(web_settings)
    logins.set_password(ctx, "a long enough password")
    ctx.close()
    assert client.get("/api/v1/tasks").status_code == 401  # the rest needs a login now
    assert client.get("/healthz").status_code == 200


@pytest.mark.postgres
def test_a_database_gone_is_unhealthy_and_said_in_one_word(
    postgres_admin_url: str, web_settings: Settings
) -> None:
    from dataclasses import replace

    from tests.pgcluster import drop_database, new_database

    url = new_database(postgres_admin_url)
    ctx = open_context(replace(web_settings, db_url=url))
    try:
        assert health.database_ok(ctx)
        drop_database(postgres_admin_url, url)  # ends its connections, then drops it
        assert not health.database_ok(ctx)
    finally:
        ctx.close()


def test_metrics_count_requests_by_route_template_never_by_path(observed: Browser) -> None:
    assert observed.get("/api/v1/tasks").status_code == 200
    assert observed.get("/api/v1/tasks?status=open").status_code == 200
    assert observed.get("/api/v1/companies/424242").status_code == 404
    assert observed.get("/no/such/page/secret-token-123").status_code == 404
    text = observed.get("/metrics").text
    assert (
        'nextround_http_requests_total{method="GET",route="/api/v1/tasks",status="2xx"} 2.0' in text
    )
    assert (
        'nextround_http_requests_total{method="GET",route="/api/v1/companies/{company_id}",'
        'status="4xx"} 1.0'
    ) in text
    assert 'route="unmatched",status="4xx"} 1.0' in text
    assert "secret-token-123" not in text and "424242" not in text and "status=open" not in text
    assert "nextround_http_request_duration_seconds_bucket" in text
    assert "nextround_background_jobs 0.0" in text
    # A scrape counts as /metrics, not among the unmatched paths.
    again = observed.get("/metrics").text
    assert 'route="/metrics",status="2xx"} 1.0' in again
    assert 'route="unmatched",status="2xx"' not in again


def test_metrics_are_off_unless_asked_for(client: Browser) -> None:
    assert client.get("/metrics").status_code == 404


def test_each_request_is_one_json_line_without_query_or_secret_path(observed: Browser) -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(ACCESS_LOGGER)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        observed.get("/api/v1/tasks?q=private")
        observed.get("/calendar/not-a-real-token.ics")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(x["method"], x["route"], x["status"]) for x in lines] == [
        ("GET", "/api/v1/tasks", 200),
        ("GET", lines[1]["route"], lines[1]["status"]),
    ]
    assert lines[1]["route"] != "/calendar/not-a-real-token.ics"
    assert all(x["level"] == "info" and x["duration_ms"] >= 0 for x in lines)
    assert "private" not in out.getvalue() and "not-a-real-token" not in out.getvalue()


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "NEXTROUND_DB": str(tmp_path / "site.db"),
        "NEXTROUND_CONFIG": str(tmp_path / "config.toml"),
        **extra,
    }


def test_the_factory_refuses_a_public_name_without_a_password(tmp_path: Path) -> None:
    from nextround.web.asgi import app

    with pytest.raises(
        PasswordNeeded, match=r"reached as jobs\.example\.org, so it needs a password"
    ):
        app(_env(tmp_path, NEXTROUND_ALLOWED_HOSTS="jobs.example.org"))
    with pytest.raises(ConfigError, match="NEXTROUND_LOG_FORMAT='xml' must be text or json"):
        app(_env(tmp_path, NEXTROUND_LOG_FORMAT="xml"))
    built = app(_env(tmp_path, NEXTROUND_ALLOWED_HOSTS="localhost"))
    built.state.web.close()


def test_a_hosted_site_starts_under_its_public_name_before_anyone_has_a_password(
    tmp_path: Path, postgres_url: str
) -> None:
    """Hosted, every request needs a login, so nobody's password is needed to start:
    the first admin sets theirs through the link, on the site that has to be running."""
    from fastapi.testclient import TestClient

    from nextround.web.asgi import app

    (tmp_path / "config.toml").write_text(
        '[site]\nhosted = true\nurl = "https://jobs.example.org"\n'
    )
    env = {
        **_env(tmp_path, NEXTROUND_ALLOWED_HOSTS="jobs.example.org"),
        "NEXTROUND_DB": postgres_url,
    }
    built = app(env)
    try:
        with TestClient(built, base_url="https://jobs.example.org") as client:
            home = client.get("/", follow_redirects=False)
            assert home.status_code == 303 and home.headers["location"].startswith("/login")
            assert client.get("/api/v1/tasks").status_code == 401
            assert client.get("/login").status_code == 200
    finally:
        built.state.web.close()


def test_uvicorn_runs_the_factory_in_several_workers(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, **_env(tmp_path, NEXTROUND_LOG_FORMAT="json", NEXTROUND_METRICS="1")}
    log = (tmp_path / "server.log").open("wb")
    command = [sys.executable, "-m", "uvicorn", "--factory", "nextround.web.asgi:app"]
    command += ["--workers", "2", "--port", str(port), "--no-access-log"]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        answers = [_get(f"http://127.0.0.1:{port}/healthz") for _ in range(6)]
        assert set(answers) == {(200, '{"status":"ok"}')}
    finally:
        server.terminate()
        server.wait(20)
        log.close()
    lines = (tmp_path / "server.log").read_text().splitlines()
    requests = [json.loads(x) for x in lines if x.startswith("{") and '"route"' in x]
    assert len(requests) >= 6 and {r["route"] for r in requests} == {"/healthz"}


def _get(url: str, timeout: float = 30.0) -> tuple[int, str]:
    end = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.status, answer.read().decode()
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


def test_serve_logs_json_lines_and_serves_metrics(tmp_path: Path) -> None:
    from tests.web.server import running_server

    db = tmp_path / "serve.db"
    extra = ("--log-format", "json", "--metrics")
    with running_server(db, "2026-11-25", tmp_path, extra) as server:
        assert _get(server.url("/api/v1/tasks"))[0] == 200
        status, metrics = _get(server.url("/metrics"))
    assert status == 200
    assert 'nextround_http_requests_total{method="GET",route="/api/v1/tasks",status="2xx"} 1.0' in (
        metrics
    )
    lines = [json.loads(x) for x in server.log.read_text().splitlines() if x.startswith("{")]
    assert {"method": "GET", "route": "/api/v1/tasks", "status": 200}.items() <= lines[-2].items()
