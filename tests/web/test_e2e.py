"""End to end in real headless Chromium against ``nextround serve``: first run, Today, tasks.

Each test starts the real server on an empty database (today pinned) and clicks
through it as a user would; :func:`snap` keeps a screenshot of each page visited and
fails on a blank or broken page or an unlabelled control, and any console or page
error fails the test.
"""

from __future__ import annotations

from datetime import date

import pytest

from nextround.config import Settings
from nextround.domain.tasks import Task, TaskStatus
from nextround.services import tasks
from nextround.services.context import open_context
from tests.conftest import TODAY
from tests.web.browser import (
    horizontal_overflow,
    snap,
    unnamed_controls,
    watch_of,
)
from tests.web.playwright_api import Page, expect
from tests.web.server import LiveServer

pytestmark = pytest.mark.e2e


def open_today(page: Page, server: LiveServer) -> None:
    page.goto(server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")


def task_ids(page: Page) -> list[int]:
    ids: list[str] = page.eval_on_selector_all("li.task", "rows => rows.map(r => r.id)")
    return [int(i.removeprefix("task-")) for i in ids]


def focused_label(page: Page) -> str:
    label: str = page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''")
    return label


def stored_task(server: LiveServer, task_id: int) -> Task:
    settings = Settings(db_url=str(server.db), today=TODAY, today_pinned=True)
    ctx = open_context(settings)
    try:
        return tasks.show_task(ctx, task_id)
    finally:
        ctx.db.close()


def test_an_empty_database_is_welcomed_and_the_demo_fills_today(
    live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to nextround")
    expect(page.get_by_role("link", name="Add your first application")).to_be_visible()
    snap(page, "welcome")

    page.get_by_role("button", name="Load a demo job search").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("25 November 2026")
    assert page.url == live_server.url("/")
    assert len(task_ids(page)) >= 3
    expect(page.get_by_role("heading", name="Overdue")).to_be_visible()
    snap(page, "today")


def test_marking_a_task_done_takes_it_off_today(demo_server: LiveServer, page: Page) -> None:
    open_today(page, demo_server)
    first = task_ids(page)[0]
    title = page.locator(f"#task-{first} .task-title").inner_text()

    page.get_by_role("button", name=f"Mark done: {title}").first.click()
    expect(page.locator(f"#task-{first}")).to_have_count(0)
    assert page.url == demo_server.url("/")
    assert watch_of(page).status == 200
    snap(page, "after-done")
    assert stored_task(demo_server, first).status is TaskStatus.DONE


def test_skipping_a_task_takes_it_off_today(demo_server: LiveServer, page: Page) -> None:
    open_today(page, demo_server)
    second = task_ids(page)[1]

    row = page.locator(f"#task-{second}")
    row.locator("summary", has_text="More").click()
    row.get_by_role("button", name="Skip").click()
    expect(page.locator(f"#task-{second}")).to_have_count(0)
    snap(page, "after-skip")
    assert stored_task(demo_server, second).status is TaskStatus.SKIPPED


def test_snoozing_with_the_keyboard_alone(demo_server: LiveServer, page: Page) -> None:
    """Tab to a step's menu, Enter opens it, Tab to the date, type it, Tab to Snooze, Enter."""
    open_today(page, demo_server)
    target = task_ids(page)[0]
    title = page.locator(f"#task-{target} .task-title").inner_text()
    for _ in range(200):  # Tab through the page until the step's menu has the focus
        page.keyboard.press("Tab")
        if focused_label(page) == f"More for: {title}":
            break
    else:
        pytest.fail(f"Tab never reached the menu of task {target}")
    page.keyboard.press("Enter")
    field = f"snooze-{target}"
    for _ in range(10):  # Tomorrow, Next week, then the date field
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == field:
            break
    else:
        pytest.fail(f"Tab never reached #{field}")
    page.keyboard.type("01152027")  # en-US date field: month, day, year
    assert page.locator(f"#{field}").input_value() == "2027-01-15"
    # Tab on: Chromium's date field may hold the focus for its calendar button first.
    for _ in range(4):
        page.keyboard.press("Tab")
        if focused_label(page).startswith("Snooze:"):
            break
    assert focused_label(page).startswith("Snooze:"), focused_label(page)
    page.keyboard.press("Enter")

    expect(page.locator(f"#task-{target}")).to_have_count(0)
    assert page.url == demo_server.url("/")
    snap(page, "after-snooze")
    snoozed = stored_task(demo_server, target)
    assert snoozed.status is TaskStatus.SNOOZED
    assert snoozed.due == date(2027, 1, 15)


def test_today_fits_a_phone_screen(live_server: LiveServer, phone: Page) -> None:
    phone.goto(live_server.url("/"))
    assert horizontal_overflow(phone) == 0, "the welcome page scrolls sideways at 375 px"
    snap(phone, "welcome-phone")
    phone.get_by_role("button", name="Load a demo job search").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Today")
    assert horizontal_overflow(phone) == 0, "Today scrolls sideways at 375 px"
    snap(phone, "today-phone")


# -- the harness itself: its checks must catch what they claim to catch --------------------


def test_the_snapshot_check_fails_on_an_error_page(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url("/no/such/page"))
    with pytest.raises(AssertionError, match="HTTP status 404"):
        snap(page, "not-found")
    watch_of(page).errors.clear()  # the 404 was the point; Chromium logs it as an error


def test_the_snapshot_check_fails_on_a_blank_page(page: Page) -> None:
    page.set_content("<html><body><main></main></body></html>")
    with pytest.raises(AssertionError, match="no text"):
        snap(page, "blank")
    page.set_content("<html><body><main>&nbsp;</main></body></html>")
    with pytest.raises(AssertionError):
        snap(page, "blank-space")


def test_the_accessibility_check_finds_unlabelled_controls(page: Page) -> None:
    page.set_content(
        """<main>
        <label for="a">Name</label><input id="a">
        <label>Wrapped <input name="b"></label>
        <input aria-label="Labelled" name="c">
        <button>Save</button><input type="submit" value="Send"><input type="hidden" name="d">
        <input name="bare"><select name="pick"></select><textarea name="note"></textarea>
        <button><span></span></button>
        </main>"""
    )
    unnamed = unnamed_controls(page)
    assert len(unnamed) == 4
    assert all(
        any(part in html for part in ('name="bare"', 'name="pick"', 'name="note"', "<button>"))
        for html in unnamed
    )


LAYOUT = (
    "<html><head><title>{title}</title></head><body>"
    "<nav aria-label='Main'><a href='/'>Today</a></nav><main>{main}</main></body></html>"
)


@pytest.mark.parametrize(
    ("title", "main", "complaint"),
    [
        ("Today · nextround", "<p>Some text but no heading</p>", r"0 headings \(<h1>\)"),
        ("Today · nextround", "<h1>One</h1><h1>Two</h1>", r"2 headings \(<h1>\)"),
        ("Today · nextround", "<h1>Today</h1><p class='error-message'>Boom</p>", "an error banner"),
        (
            "Today · nextround",
            "<h1>Oops</h1><section class='error-page'>x</section>",
            "error banner",
        ),
        (" · nextround", "<h1>Today</h1>", "doesn't name the page"),
        ("Today · nextround", "<h1>Applications</h1>", "not 'Today'"),
    ],
)
def test_the_snapshot_check_fails_on_a_broken_page(
    page: Page, title: str, main: str, complaint: str
) -> None:
    page.set_content(LAYOUT.format(title=title, main=main))
    with pytest.raises(AssertionError, match=complaint):
        snap(page, "broken", heading="Today")


def test_the_snapshot_check_fails_without_the_navigation(page: Page) -> None:
    page.set_content("<html><head><title>T · nextround</title></head><body><main><h1>T</h1></main>")
    with pytest.raises(AssertionError, match="no main navigation"):
        snap(page, "no-nav")


def test_the_snapshot_check_passes_a_whole_page(page: Page) -> None:
    page.set_content(LAYOUT.format(title="Today · nextround", main="<h1>Today</h1><p>Hello</p>"))
    assert snap(page, "whole", heading="Today").exists()
