"""The coach view in real Chromium: sharing from Settings, Coaches and stopping; a coach's
list and a seeker's summary holding none of the seeker's private words; axe-core on the
three pages.

The server is a local one (SQLite, no login): its own user is the one browsing, the
seeker another user of the same database who shares with them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.services import users
from nextround.services.context import open_context
from nextround.storage import coaching as grants
from tests.conftest import TODAY
from tests.pg_fixtures import in_ci
from tests.services.coaching_seed import leaks, seed
from tests.web.browser import INSTALL_HINT
from tests.web.server import LiveServer

try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Page, expect
except ImportError:  # pragma: no cover - a laptop without the dev dependencies
    if in_ci():
        raise
    pytest.skip(f"playwright or axe is missing; {INSTALL_HINT}", allow_module_level=True)

pytestmark = pytest.mark.e2e


def _serious(page: Page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']}"
        for v in found
        if v.get("impact") in {"serious", "critical"} or v["id"] == "heading-order"
    ]


def test_sharing_and_the_summary_in_a_browser(
    live_server: LiveServer, page: Page, tmp_path: Path
) -> None:
    ctx = open_context(Settings(db_url=str(live_server.db), today=TODAY), pooled=False)
    try:
        users.add_user(ctx, "coach@example.org")
        seeker = users.add_user(ctx, "sam@example.org").user_id
        seed(ctx.fresh(owner=seeker), tmp_path)
        with ctx.db.transaction() as c:  # the local user has no email to be given access by
            grants.add(c, seeker, ctx.owner)
    finally:
        ctx.close()

    problems: dict[str, list[str]] = {}
    page.goto(live_server.url("/settings/coaches"))
    expect(page.locator("#what-a-coach-sees")).to_contain_text("They never see")
    problems["/settings/coaches"] = _serious(page)
    page.get_by_label("Your coach's email").fill("coach@example.org")
    page.get_by_role("button", name="Share my progress").click()
    expect(page.locator("#coach-list")).to_contain_text("coach@example.org")
    page.get_by_role("button", name="Stop sharing with coach@example.org").click()
    expect(page.get_by_text("Nobody yet")).to_be_visible()

    page.goto(live_server.url("/coach"))
    problems["/coach"] = _serious(page)
    page.locator("#seeker-list a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("sam@example.org's progress")
    expect(page.locator("#applications")).to_contain_text("Globex Works")
    expect(page.locator("#by-status")).to_contain_text("Rejected")
    problems["/coach/{id}"] = _serious(page)
    assert leaks(page.content()) == []
    assert leaks(page.locator("body").inner_text()) == []
    assert {where: found for where, found in problems.items() if found} == {}
