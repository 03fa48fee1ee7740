"""The web app in process: a TestClient on a real database (SQLite by default).

``client`` behaves like the user's browser: it first loads a page, which sets
the CSRF cookie, and ``client.csrf`` is the token forms must carry.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from nextround.config import Settings
from tests.conftest import TODAY
from tests.mail.conftest import dovecot, imap_user  # noqa: F401 - the mail pages' IMAP server
from tests.web.browser import chromium, page, phone  # noqa: F401 - fixtures of the e2e tests
from tests.web.server import LiveServer, running_server

BASE = "http://127.0.0.1:8000"


class Browser(TestClient):
    """A TestClient that knows the page's CSRF token, as a real browser's form would."""

    csrf: str = ""

    def load(self, path: str = "/") -> str:
        response = self.get(path)
        assert response.status_code == 200, response.text
        found = re.search(r'name="csrf-token" content="([^"]+)"', response.text)
        assert found, "page has no CSRF token"
        self.csrf = found.group(1)
        return response.text

    def submit(self, path: str, data: dict[str, str] | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
        """Post a form as the page would, with the token, without following the redirect."""
        return self.post(
            path, data={"csrf": self.csrf, **(data or {})}, follow_redirects=False, **kwargs
        )


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    return Settings(
        db_url=str(tmp_path / "web.db"),
        today=TODAY,
        templates_dir=tmp_path / "config" / "templates",
        config_path=tmp_path / "config" / "config.toml",
        today_pinned=True,
    )


def make_client(settings: Settings) -> Browser:
    from nextround.web.app import create_app

    return Browser(create_app(settings), base_url=BASE)


@pytest.fixture
def client(web_settings: Settings) -> Iterator[Browser]:
    with make_client(web_settings) as browser:
        browser.load("/")
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]


@pytest.fixture
def pg_client(postgres_url: str, web_settings: Settings) -> Iterator[Browser]:
    with make_client(replace(web_settings, db_url=postgres_url)) as browser:
        browser.load("/")
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]


def as_api(browser: Browser) -> Browser:
    """The page's scripts: every request carries the CSRF token, as ``nextroundFetch`` does."""
    browser.headers["X-CSRF-Token"] = browser.csrf
    return browser


def next_link(response: Any) -> str | None:
    """Where an API list's next page is (its ``Link: <...>; rel="next"`` header); None on
    the last page."""
    link = response.headers.get("link")
    if link is None:
        return None
    found = re.fullmatch(r'<([^>]+)>; rel="next"', link)
    assert found, link
    return found.group(1)


def scan_ended(browser: Browser, timeout: float = 30) -> dict[str, Any]:
    """The mail scan's state (``GET /api/v1/mail/scan``) once it has stopped running."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job: dict[str, Any] = browser.get("/api/v1/mail/scan").json()
        if job["state"] != "running":
            return job
        time.sleep(0.05)
    raise AssertionError("the scan did not finish")


@pytest.fixture
def api(client: Browser) -> Browser:
    return as_api(client)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_api(request: pytest.FixtureRequest) -> Browser:
    """The API on SQLite and on PostgreSQL."""
    name = "client" if request.param == "sqlite" else "pg_client"
    browser: Browser = request.getfixturevalue(name)
    return as_api(browser)


# -- the end-to-end tests: the real server and a real browser ---------------------------


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """``nextround serve`` on a free loopback port over an empty SQLite file, today pinned."""
    with running_server(tmp_path / "e2e.db", TODAY.isoformat(), tmp_path / "serve") as server:
        yield server


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the demo job search for TODAY, built once per session."""
    from nextround.services.context import open_context
    from nextround.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    folder = path.parent
    ctx = open_context(
        Settings(
            db_url=str(path),
            today=TODAY,
            today_pinned=True,
            templates_dir=folder / "templates",
            config_path=folder / "config.toml",
        )
    )
    try:
        load_demo(ctx)
    finally:
        ctx.db.close()
    return path


@pytest.fixture
def demo_server(tmp_path: Path, demo_database: Path) -> Iterator[LiveServer]:
    """``nextround serve`` over a copy of the demo database (the button is tested once)."""
    db = tmp_path / "e2e-demo.db"
    shutil.copyfile(demo_database, db)
    with running_server(db, TODAY.isoformat(), tmp_path / "serve") as server:
        yield server
