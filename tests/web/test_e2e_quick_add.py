"""Quick add in real headless Chromium against ``nextround serve``: the header's box, the
preview with its question, the field filled in, the save, and Undo offered; no console error
(the Content-Security-Policy allows no inline script)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.browser import horizontal_overflow, open_page, snap
from tests.web.playwright_api import Browser, Page, expect
from tests.web.server import LiveServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def narrow_no_js(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(
        chromium, request, {"width": 360, "height": 740}, java_script_enabled=False
    )


def test_quick_add_previews_asks_then_saves(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url("/applications"))
    box = page.get_by_label("Quick add (a line, or a posting link)")
    box.fill("Dana Smith, Acme Robotics, interview Tuesday")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Check before saving")).to_be_visible()
    expect(page.get_by_text("Which role at Acme Robotics is the interview for?")).to_be_visible()
    expect(page.get_by_label("Person")).to_have_value("Dana Smith")
    expect(page.get_by_label("Interview day")).to_have_value("2026-12-01")
    snap(page, "quick-add-preview")

    page.get_by_label("Role applied for").fill("Backend Engineer")
    page.get_by_role("button", name="Check again").click()
    expect(page.get_by_text("Add the application for Backend Engineer")).to_be_visible()
    expect(page.get_by_text("Which role at")).to_have_count(0)

    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(live_server.url("/applications/1#interview-1"))
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Dana Smith")
    expect(page.locator("main")).to_contain_text("Acme Robotics")
    snap(page, "quick-add-saved")


def test_quick_add_at_360_pixels_without_javascript(
    live_server: LiveServer, narrow_no_js: Page
) -> None:
    page = narrow_no_js
    page.goto(live_server.url("/"))
    assert horizontal_overflow(page) == 0, "the header's box scrolls sideways at 360 px"
    page.get_by_label("Quick add (a line, or a posting link)").fill(
        "Dana Smith, recruiter at Initech"
    )
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.get_by_text("Add Dana Smith, recruiter")).to_be_visible()
    assert horizontal_overflow(page) == 0, "the preview scrolls sideways at 360 px"
    snap(page, "quick-add-360")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Dana Smith")).to_be_visible()
