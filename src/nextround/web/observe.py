"""What a deployment watches: one JSON log line per request, and Prometheus metrics.

Both are off unless asked for (``serve --log-format json``, ``serve --metrics``,
or ``NEXTROUND_LOG_FORMAT=json`` and ``NEXTROUND_METRICS=1`` for the ASGI factory
in :mod:`nextround.web.asgi`).

- **Request log**: method, the route's template (``/api/v1/tasks/{task_id}``,
  never the path as sent: calendar links carry a secret in theirs, and query
  strings are never logged), status, duration. Unmatched paths are logged as
  ``unmatched``.
- **Metrics** at ``GET /metrics``: ``nextround_http_requests_total`` and
  ``nextround_http_request_duration_seconds`` by method, route template and
  status class, ``nextround_background_jobs`` (mail scans running in this
  server's background) and ``nextround_job_queue_depth`` (jobs waiting in the
  PostgreSQL queue of ``nextround worker``, by queue, read at each scrape). With several worker processes, set
  ``PROMETHEUS_MULTIPROC_DIR`` to an empty directory shared by them, as
  ``prometheus_client`` documents, and every worker's counts are summed.
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS_LOGGER = "nextround.access"
UNMATCHED = "unmatched"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any request fields."""

    FIELDS = ("method", "route", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry |= {k: getattr(record, k) for k in self.FIELDS if hasattr(record, k)}
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__  # the type only: no data from the text
        return json.dumps(entry, ensure_ascii=False)


def log_as_json(level: int = logging.INFO, names: tuple[str, ...] = ("uvicorn.error",)) -> None:
    """Send nextround's records (and those of ``names``: uvicorn's) to stderr as JSON lines."""
    import sys

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("nextround", *names):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level)
        logger.propagate = False


def route_of(scope: Scope) -> str:
    """The matched route's template, or ``unmatched``; never the path as sent."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


class Observe:
    """ASGI middleware: times each HTTP request, then logs it and counts it as asked."""

    def __init__(self, app: ASGIApp, *, log_requests: bool, metrics: Metrics | None) -> None:
        self.app = app
        self.log_requests = log_requests
        self.metrics = metrics
        self.logger = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            seconds = time.perf_counter() - started
            method, route = scope["method"], route_of(scope)
            if self.metrics is not None:
                self.metrics.observe(method, route, status, seconds)
            if self.log_requests:
                fields = {"method": method, "route": route, "status": status}
                fields["duration_ms"] = round(seconds * 1000, 1)
                self.logger.info("%s %s %s", method, route, status, extra=fields)


class Metrics:
    """The counters and histograms of one app, in their own registry."""

    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = CollectorRegistry()
        labels = ("method", "route", "status")
        self.requests = Counter(
            "nextround_http_requests", "HTTP requests answered", labels, registry=self.registry
        )
        self.latency = Histogram(
            "nextround_http_request_duration_seconds",
            "Time to answer an HTTP request",
            labels,
            registry=self.registry,
        )
        self.jobs = Gauge(
            "nextround_background_jobs",
            "Background jobs (mail scans) running in this server",
            registry=self.registry,
            multiprocess_mode="livesum",
        )
        self.queue = Gauge(
            "nextround_job_queue_depth",
            "Jobs waiting in the PostgreSQL job queue (nextround worker), by queue",
            ("queue",),
            registry=self.registry,
            multiprocess_mode="mostrecent",
        )

    def read_queue(self, depth: dict[str, int] | None) -> None:
        """Set the queue gauge from the database's counts, 0 for a queue where none waits
        (None: no queue, nothing shown). Every queue is set at each scrape: with several
        processes (``PROMETHEUS_MULTIPROC_DIR``) a gauge can't be cleared, and a queue
        left unset would show another process's old count for ever."""
        from nextround.services.job_queue import QUEUE_NAMES

        if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            self.queue.clear()
        if depth is None:
            return
        for name in sorted({*QUEUE_NAMES, *depth}):
            self.queue.labels(name).set(depth.get(name, 0))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        labels = (method, route, f"{status // 100}xx")
        self.requests.labels(*labels).inc()
        self.latency.labels(*labels).observe(seconds)

    def exposition(self) -> Response:
        from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

        registry = self.registry
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def metrics_endpoint(metrics: Metrics, running_jobs: Any) -> Any:
    """The ``/metrics`` route's function: the gauges read now, then every metric."""

    def endpoint(request: Request) -> Response:
        metrics.jobs.set(running_jobs(request))
        metrics.read_queue(_queue_depth(request))
        return metrics.exposition()

    return endpoint


def _queue_depth(request: Request) -> dict[str, int] | None:
    """The job queue's depth now; None without a queue (SQLite, no worker yet) or a database."""
    from nextround.services.job_queue import queue_depth
    from nextround.web.state import context

    try:
        return queue_depth(context(request))
    except Exception:  # metrics never fail for want of a database; /healthz says so
        return None
