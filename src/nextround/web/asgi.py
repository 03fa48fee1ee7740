"""The app for a process manager: several workers, behind a proxy, settings from the environment.

    uvicorn --factory nextround.web.asgi:app --workers 4 --host 0.0.0.0 --port 8000 \\
        --proxy-headers --forwarded-allow-ips 10.0.0.5
    gunicorn -w 4 -k uvicorn.workers.UvicornWorker 'nextround.web.asgi:app()'

``nextround serve`` is for one person on one computer; this is for a deployment
(docs/deploy.md). Each worker process calls :func:`app` once. Settings come
from the environment and the config file as for the CLI (``NEXTROUND_DB``,
``NEXTROUND_CONFIG``, ...), plus:

- ``NEXTROUND_ALLOWED_HOSTS``: the names the site is reached by, comma-separated
  (checked against the ``Host`` header; loopback names always work). Not
  hosted, a name that is not loopback needs a password set (``nextround setup
  --password``): the app refuses to start without one, as ``serve`` does. A
  hosted site (``[site] hosted``) always asks for a login, so it starts before
  anyone has set a password (the first admin sets theirs through its link).
- ``NEXTROUND_LOG_FORMAT=json``: one JSON line per log record and per request.
- ``NEXTROUND_METRICS=1``: Prometheus metrics at ``/metrics``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from fastapi import FastAPI

from nextround.config import Settings, load_settings
from nextround.errors import ConfigError, PasswordNeeded
from nextround.mailconfig import is_loopback
from nextround.services.context import open_context
from nextround.web.app import create_app

_TRUE = {"1", "true", "yes", "on"}


def app(environ: Mapping[str, str] | None = None) -> FastAPI:
    """A new app configured by ``environ`` (the process's environment by default)."""
    env = os.environ if environ is None else environ
    hosts = tuple(h.strip() for h in env.get("NEXTROUND_ALLOWED_HOSTS", "").split(",") if h.strip())
    log_format = env.get("NEXTROUND_LOG_FORMAT", "text").strip().lower() or "text"
    if log_format not in {"text", "json"}:
        raise ConfigError(f"NEXTROUND_LOG_FORMAT={log_format!r} must be text or json")
    settings = load_settings(environ=env)
    public = any(not is_loopback(h.split(":")[0].strip("[]")) for h in hosts)
    if public and not settings.hosted:  # hosted: every request needs a login anyway
        _require_password(settings, hosts)
    if log_format == "json":
        from nextround.web.observe import log_as_json

        log_as_json()
    metrics = env.get("NEXTROUND_METRICS", "").strip().lower() in _TRUE
    return create_app(  # port None: any port, the process manager chooses it
        settings, port=None, extra_hosts=hosts, log_requests=log_format == "json", metrics=metrics
    )


def _require_password(settings: Settings, hosts: tuple[str, ...]) -> None:
    from nextround.services.logins import has_password

    ctx = open_context(settings)
    try:
        if not has_password(ctx):
            raise PasswordNeeded(
                f"the site is reached as {', '.join(hosts)}, so it needs a password: set one "
                "with `nextround setup --password`, then start it again"
            )
    finally:
        ctx.close()
