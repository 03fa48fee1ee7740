"""Today in real Chromium: done, snooze and skip in place, a draft's Copy and mailto,
the same page with JavaScript off, and a 360 px phone without sideways scrolling."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

import pytest

from nextround.config import Settings
from nextround.domain.tasks import TaskChanges, TaskStatus
from nextround.services import tasks
from nextround.services.context import open_context
from nextround.web.today import snooze_choices
from tests.conftest import TODAY
from tests.web.browser import (
    horizontal_overflow,
    open_page,
    snap,
    unnamed_controls,
    watch_of,
)
from tests.web.playwright_api import Browser, Page, expect
from tests.web.server import LiveServer
from tests.web.test_e2e import open_today, stored_task, task_ids

pytestmark = pytest.mark.e2e


@pytest.fixture
def clipboard_page(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop page allowed to write and read the clipboard."""
    yield from open_page(
        chromium,
        request,
        {"width": 1280, "height": 800},
        permissions=["clipboard-read", "clipboard-write"],
    )


@pytest.fixture
def no_js(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(
        chromium, request, {"width": 1280, "height": 800}, java_script_enabled=False
    )


@pytest.fixture
def narrow(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(chromium, request, {"width": 360, "height": 740})


class Navigations:
    """Counts the main frame's page loads, and marks the page so a reload would lose it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.count = 0
        page.on("framenavigated", self._seen)
        page.evaluate("() => { window.__sameDocument = 'yes'; }")

    def _seen(self, frame: object) -> None:
        if frame == self.page.main_frame:
            self.count += 1

    def none(self) -> bool:
        kept = self.page.evaluate("() => window.__sameDocument || ''")
        return self.count == 0 and kept == "yes"


def test_done_snooze_and_skip_update_the_list_without_a_reload(
    demo_server: LiveServer, page: Page
) -> None:
    open_today(page, demo_server)
    first, second, third = task_ids(page)[:3]
    loads = Navigations(page)

    title = page.locator(f"#task-{first} .task-title").inner_text()
    page.get_by_role("button", name=f"Mark done: {title}").click()
    expect(page.locator(f"#task-{first}")).to_have_count(0)
    expect(page.get_by_role("button", name="Undo")).to_be_visible()

    row = page.locator(f"#task-{second}")
    row.locator("summary", has_text="More").click()
    row.get_by_role("button", name="Tomorrow").click()
    # Tomorrow is still this week: the row moves there, drawn again by the server.
    expect(page.locator(f"#task-{second} time")).to_have_text("tomorrow")
    expect(
        page.locator("section", has=page.locator(f"#task-{second}")).locator("h2")
    ).to_contain_text("This week")

    row = page.locator(f"#task-{third}")
    row.locator("summary", has_text="More").click()
    row.get_by_role("button", name="Skip").click()
    expect(page.locator(f"#task-{third}")).to_have_count(0)

    assert loads.none(), "an action loaded the page again"
    assert page.url == demo_server.url("/")
    snap(page, "today-in-place")
    assert stored_task(demo_server, first).status is TaskStatus.DONE
    snoozed = stored_task(demo_server, second)
    assert snoozed.status is TaskStatus.SNOOZED
    assert snoozed.due == snooze_choices(TODAY)["tomorrow"]
    assert stored_task(demo_server, third).status is TaskStatus.SKIPPED

    # Undo in place too: the skipped step comes back.
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(f"#task-{third}")).to_have_count(1)
    assert loads.none()
    assert stored_task(demo_server, third).status is TaskStatus.OPEN


def test_a_draft_opens_in_place_and_copies_and_mails(
    demo_server: LiveServer, clipboard_page: Page
) -> None:
    page = clipboard_page
    open_today(page, demo_server)
    row = page.locator("li.kind-congrats_email").first
    expect(row).to_have_count(1)
    loads = Navigations(page)
    row.locator("summary", has_text="Draft").click()
    text = row.locator(".draft-text")
    expect(text).to_be_visible()
    draft = text.inner_text()
    assert draft.strip()

    row.get_by_role("button", name="Copy", exact=True).click()
    expect(row.locator("button[data-copy]")).to_have_text("Copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == draft.strip()

    href = row.get_by_role("link", name="Open in mail app").get_attribute("href")
    assert href is not None and href.startswith("mailto:")
    assert "subject=" in href and draft.strip().split("\n")[0] in unquote(href)
    task_id = (row.get_attribute("id") or "").removeprefix("task-")
    expect(row.get_by_role("link", name="Download .eml")).to_have_attribute(
        "href", f"/tasks/{task_id}/email.eml"
    )
    expect(row.get_by_role("link", name="Edit")).to_be_visible()
    assert loads.none()
    snap(page, "today-draft")


def test_with_javascript_off_every_action_is_a_plain_form(
    demo_server: LiveServer, no_js: Page
) -> None:
    page = no_js
    open_today(page, demo_server)
    first, second = task_ids(page)[:2]
    title = page.locator(f"#task-{first} .task-title").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name=f"Mark done: {title}").click()
    expect(page.locator(f"#task-{first}")).to_have_count(0)
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    assert stored_task(demo_server, first).status is TaskStatus.DONE

    row = page.locator(f"#task-{second}")
    row.locator("summary", has_text="More").click()
    with page.expect_navigation():
        row.get_by_role("button", name="Next week").click()
    next_week = snooze_choices(TODAY)["next_week"]
    expect(page.locator(f"#task-{second} time")).to_have_attribute(
        "datetime", next_week.isoformat()
    )
    assert stored_task(demo_server, second).status is TaskStatus.SNOOZED

    row = page.locator(f"#task-{second}")
    row.locator("summary", has_text="More").click()
    with page.expect_navigation():
        row.get_by_role("button", name="Skip").click()
    expect(page.locator(f"#task-{second}")).to_have_count(0)
    assert stored_task(demo_server, second).status is TaskStatus.SKIPPED

    # The draft opens in its row through a link, as the page's own address.
    row = page.locator("li.kind-congrats_email").first
    row.locator("summary", has_text="Draft").click()
    with page.expect_navigation():
        row.get_by_role("link", name="Show the draft here").click()
    expect(page.locator("li.kind-congrats_email .draft-text").first).to_be_visible()
    assert "?draft=" in page.url


def test_today_fits_360_pixels(demo_server: LiveServer, narrow: Page) -> None:
    open_today(narrow, demo_server)
    assert horizontal_overflow(narrow) == 0, "Today scrolls sideways at 360 px"
    row = narrow.locator("li.task").first
    row.locator("summary", has_text="More").click()
    assert horizontal_overflow(narrow) == 0, "the open menu scrolls sideways at 360 px"
    draft = narrow.locator("li.kind-congrats_email").first
    draft.locator("summary", has_text="Draft").click()
    expect(draft.locator(".draft-text")).to_be_visible()
    assert horizontal_overflow(narrow) == 0, "an open draft scrolls sideways at 360 px"
    assert not unnamed_controls(narrow)
    snap(narrow, "today-360")


def test_a_step_changed_in_another_window_is_refused_and_shown_fresh(
    demo_server: LiveServer, page: Page
) -> None:
    open_today(page, demo_server)
    target = task_ids(page)[0]
    title = page.locator(f"#task-{target} .task-title").inner_text()
    loads = Navigations(page)
    # Another window moves the step to tomorrow after this page was drawn.
    settings = Settings(db_url=str(demo_server.db), today=TODAY, today_pinned=True)
    ctx = open_context(settings)
    try:
        tasks.edit_task(ctx, target, TaskChanges(due=snooze_choices(TODAY)["tomorrow"]))
    finally:
        ctx.db.close()

    page.get_by_role("button", name=f"Mark done: {title}").click()
    expect(page.get_by_role("alert")).to_contain_text("changed elsewhere")
    expect(page.locator(f"#task-{target}")).to_have_class(re.compile(r"\bstale\b"))
    expect(page.locator(f"#task-{target} time")).to_have_text("tomorrow")
    assert loads.none()
    assert stored_task(demo_server, target).status is TaskStatus.OPEN
    # Chromium logs every 4xx answer to fetch; this 409 is the one the test asked for.
    errors = watch_of(page).errors
    expected = [e for e in errors if f"/tasks/{target}/done" in e and "409 (Conflict)" in e]
    assert len(expected) == 1, errors
    errors.remove(expected[0])

    # The row now carries the new revision: Done works.
    page.get_by_role("button", name=f"Mark done: {title}").click()
    expect(page.locator(f"#task-{target}")).to_have_count(0)
    assert stored_task(demo_server, target).status is TaskStatus.DONE


def test_a_row_menu_closes_with_escape_and_a_click_elsewhere(
    demo_server: LiveServer, page: Page
) -> None:
    open_today(page, demo_server)
    target = task_ids(page)[0]
    menu = page.locator(f"#task-{target} details.today-menu")
    summary = menu.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
    summary.click()
    expect(menu).to_have_attribute("open", "")
    page.get_by_role("heading", level=1).click()
    expect(menu).not_to_have_attribute("open", "")
