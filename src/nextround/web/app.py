"""The app factory: one app over one database, guarded by :mod:`.security`."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp

from nextround.config import Settings
from nextround.services.context import open_context
from nextround.web import errors
from nextround.web.accounts import site_settings_guard
from nextround.web.limits import BodyLimit
from nextround.web.security import Guard, SecurityHeaders, allowed_hosts
from nextround.web.sessions import LoginGate
from nextround.web.state import WebState

#: Page groups and API groups, each a module with a ``router``; one area each.
PAGE_MODULES: tuple[str, ...] = (
    "agenda",
    "tasks",
    "today",
    "applications",
    "interviews",
    "journal",
    "companies",
    "people",
    "search",
    "progress",
    "settings",
    "interests",
    "calendar",
    "mail",
    "history",
    "exports",
    "imports",
    "contacts",
    "watch",
    "quick_add",
    "help",
    "pwa",
    "login",
    "oidc",
    "accounts",
    "account_links",
    "account",
    "coach",
    "health",
)
API_MODULES: tuple[str, ...] = (
    "api.companies",
    "api.people",
    "api.applications",
    "api.interviews",
    "api.journal",
    "api.tasks",
    "api.history",
    "api.exports",
    "api.imports",
    "api.network",
    "api.watch",
    "api.mail",
    "api.mail_review",
    "api.account",
    "api.coach",
)

STATIC = Path(__file__).with_name("static")


def create_app(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int | None = 8000,
    extra_hosts: tuple[str, ...] = (),
    log_requests: bool = False,
    metrics: bool = False,
) -> FastAPI:
    """The whole app. Opening it creates or upgrades the database, as the CLI does.

    ``log_requests`` logs one line per request, ``metrics`` serves ``/metrics``
    (see :mod:`nextround.web.observe`).
    """
    app = _App(
        title="nextround",
        summary="Your job search, and the follow-up that turns every 'no' into a next step.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=_lifespan,
        dependencies=[Depends(site_settings_guard)],
    )
    app.state.web = WebState(open_context(settings))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for name in PAGE_MODULES + API_MODULES:
        app.include_router(importlib.import_module(f"nextround.web.{name}").router)
    errors.install(app)
    app.add_middleware(BodyLimit)
    app.add_middleware(LoginGate, web=app.state.web)
    app.add_middleware(Guard, hosts=allowed_hosts(host, port, extra_hosts))
    if log_requests or metrics:  # outside the guards: refused requests count too
        _observe(app, log_requests=log_requests, metrics=metrics)
    return app


def _observe(app: FastAPI, *, log_requests: bool, metrics: bool) -> None:
    from nextround.web.mail_scan import scans
    from nextround.web.observe import Metrics, Observe, metrics_endpoint

    counted = Metrics() if metrics else None
    if counted is not None:
        endpoint = metrics_endpoint(counted, lambda request: scans(request).running())
        app.add_api_route("/metrics", endpoint, methods=["GET"], include_in_schema=False)
    app.add_middleware(Observe, log_requests=log_requests, metrics=counted)


class _App(FastAPI):
    """The app with :class:`SecurityHeaders` outside everything, the 500 page included
    (Starlette puts its server-error handler outside every added middleware)."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """On shutdown, close the database: PostgreSQL connections are given back, not dropped."""
    yield
    app.state.web.close()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nextround")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"
