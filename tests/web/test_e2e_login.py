"""Logging in and out in real Chromium, on a nextround that has a password."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.services import logins
from nextround.services.context import open_context
from nextround.web.sessions import SESSION_COOKIE
from tests.conftest import TODAY
from tests.web.playwright_api import Page, expect
from tests.web.server import LiveServer, running_server

pytestmark = pytest.mark.e2e

PASSWORD = "a phone-friendly passphrase"


@pytest.fixture
def guarded_server(tmp_path: Path) -> Iterator[LiveServer]:
    """``nextround serve`` over a database whose user has set a password."""
    db = tmp_path / "guarded.db"
    folder = tmp_path / "serve"
    ctx = open_context(
        Settings(
            db_url=str(db),
            today=TODAY,
            today_pinned=True,
            templates_dir=folder / "templates",
            config_path=folder / "config.toml",
        )
    )
    try:
        logins.set_password(ctx, PASSWORD)
    finally:
        ctx.close()
    with running_server(db, TODAY.isoformat(), folder) as server:
        yield server


def test_log_in_see_today_and_log_out(page: Page, guarded_server: LiveServer) -> None:
    page.goto(guarded_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to nextround")
    assert page.url.endswith("/login")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome to nextround")
    cookie = next(c for c in page.context.cookies() if c["name"] == SESSION_COOKIE)
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    page.get_by_role("link", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You're logged in")
    page.get_by_role("button", name="Log out", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to nextround")
    assert all(c["name"] != SESSION_COOKIE for c in page.context.cookies())
    page.goto(guarded_server.url("/applications"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to nextround")
