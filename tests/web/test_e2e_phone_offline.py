"""Phone and offline in real Chromium (issue 16, point 4): every main page fits a 360 px
screen, dark mode follows the system, and the installed app's worker keeps Today (and
the drafts last seen) for offline use, saying so, until its copies are forgotten."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.web.browser import open_page
from tests.web.playwright_api import Browser, Page, expect
from tests.web.server import LiveServer

pytestmark = pytest.mark.e2e

#: The main pages with a fixed address; a record of each kind is found from its list.
PAGES = (
    "/",
    "/applications",
    "/companies",
    "/people",
    "/search?q=engineer",
    "/progress",
    "/mail",
    "/settings",
    "/import",
    "/export",
    "/whats-new",
    "/contacts",
    "/offline",
)
#: (the list, the pattern of a record's address in it)
RECORDS = (
    ("/applications?view=list", r"/applications/\d+"),
    ("/companies", r"/companies/\d+"),
    ("/people", r"/people/\d+"),
    ("/", r"/tasks/\d+"),
)
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def narrow(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(chromium, request, {"width": 360, "height": 740})


@pytest.fixture
def dark(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(chromium, request, {"width": 1280, "height": 800}, color_scheme="dark")


@pytest.fixture
def light(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(chromium, request, {"width": 1280, "height": 800}, color_scheme="light")


def first_link(page: Page, server: LiveServer, listing: str, pattern: str) -> str:
    page.goto(server.url(listing))
    hrefs: list[str] = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    found = [h for h in hrefs if re.fullmatch(pattern, h)]
    assert found, f"no link like {pattern} on {listing}"
    return found[0]


def journal_entry(page: Page, server: LiveServer) -> str:
    """The edit page of a journal entry (entries show on their application's page)."""
    page.goto(server.url("/applications?view=list"))
    hrefs: list[str] = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    for application in dict.fromkeys(h for h in hrefs if re.fullmatch(r"/applications/\d+", h)):
        page.goto(server.url(application))
        entry = page.locator("main a[href^='/journal/']")
        if entry.count():
            return str(entry.first.get_attribute("href"))
    raise AssertionError("no journal entry in the demo data")


def wider_than_screen(page: Page) -> list[str]:
    """What sticks out of the 360 px page, for the failure message."""
    found: list[str] = page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
          .filter(el => el.getBoundingClientRect().right > 361 && !el.closest('.board'))
          .slice(0, 5).map(el => el.tagName + '.' + el.className + ' ' +
             Math.round(el.getBoundingClientRect().right))"""
    )
    return found


def test_every_main_page_fits_a_360_px_screen(demo_server: LiveServer, narrow: Page) -> None:
    records = [first_link(narrow, demo_server, *record) for record in RECORDS]
    too_wide = {}
    for path in (*PAGES, *records, journal_entry(narrow, demo_server)):
        response = narrow.goto(demo_server.url(path))
        assert response is not None and response.ok, path
        width = narrow.evaluate(SCROLL_WIDTH)
        if width > 360:
            too_wide[path] = (width, wider_than_screen(narrow))
    assert not too_wide, too_wide


def test_only_the_board_scrolls_sideways_on_a_phone(demo_server: LiveServer, narrow: Page) -> None:
    narrow.goto(demo_server.url("/applications"))
    assert narrow.evaluate(SCROLL_WIDTH) <= 360
    board = narrow.locator(".board")
    assert board.evaluate("el => el.scrollWidth > el.clientWidth")


def background(page: Page) -> str:
    colour: str = page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    return colour


def test_dark_mode_follows_the_system(live_server: LiveServer, dark: Page, light: Page) -> None:
    light.goto(live_server.url("/settings"))
    dark.goto(live_server.url("/settings"))
    assert background(light) == "rgb(251, 250, 247)"
    assert background(dark) == "rgb(18, 20, 23)"
    ink = dark.evaluate("() => getComputedStyle(document.querySelector('h1')).color")
    assert ink == "rgb(228, 231, 235)"  # light ink on the dark page, 14:1


def test_the_manifest_names_the_app_and_its_icons(live_server: LiveServer, narrow: Page) -> None:
    narrow.goto(live_server.url("/"))
    href = narrow.get_attribute("link[rel=manifest]", "href")
    assert href == "/manifest.webmanifest"
    manifest = narrow.request.get(live_server.url(href)).json()
    assert manifest["name"] == "nextround" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert narrow.request.get(live_server.url(icon["src"])).ok, icon["src"]


def wait_for_worker(page: Page) -> None:
    """Until the service worker controls the page (it claims it once installed)."""
    scope = page.evaluate("() => navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope.endswith("/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def test_today_opens_offline_after_one_visit(demo_server: LiveServer, narrow: Page) -> None:
    narrow.goto(demo_server.url("/"))
    wait_for_worker(narrow)
    narrow.reload()  # this visit goes through the worker, which keeps Today
    heading = narrow.locator("h1").inner_text()
    expect(narrow.locator("#offline-notice")).to_be_hidden()
    task = first_link(narrow, demo_server, "/", r"/tasks/\d+")
    narrow.goto(demo_server.url(task))
    step = narrow.locator("h1").inner_text()

    narrow.context.set_offline(True)
    narrow.goto(demo_server.url("/"))
    expect(narrow.locator("h1")).to_have_text(heading)
    expect(narrow.locator("#offline-notice")).to_be_visible()
    expect(narrow.locator("#offline-notice")).to_contain_text("offline")
    narrow.goto(demo_server.url(task))  # the step and its draft, as last seen
    expect(narrow.locator("h1")).to_have_text(step)
    narrow.goto(demo_server.url("/progress"))  # never visited: the worker says so
    expect(narrow.locator("h1")).to_have_text("You're offline")

    narrow.context.set_offline(False)
    narrow.goto(demo_server.url("/"))
    expect(narrow.locator("#offline-notice")).to_be_hidden()


def test_forgetting_the_offline_copies_empties_the_cache(
    live_server: LiveServer, narrow: Page
) -> None:
    narrow.goto(live_server.url("/"))
    wait_for_worker(narrow)
    narrow.reload()
    assert narrow.evaluate("() => caches.match('/').then(r => Boolean(r))")
    narrow.goto(live_server.url("/offline"))
    narrow.get_by_role("button", name="Forget offline copies").click()
    expect(narrow.locator(".flash")).to_contain_text("no longer keeps offline copies")
    assert narrow.evaluate("() => caches.match('/').then(r => Boolean(r))") is False


#: The pages whose contrast is checked in dark mode (the records' kinds share these styles).
DARK_PAGES = ("/", "/applications", "/companies", "/progress", "/settings", "/offline")


def test_dark_mode_keeps_enough_contrast(demo_server: LiveServer, dark: Page) -> None:
    """axe-core's colour-contrast rule (WCAG AA) on the main pages, in dark mode."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    low = {}
    for path in DARK_PAGES:
        dark.goto(demo_server.url(path))
        results = axe.Axe().run(dark, options={"runOnly": ["color-contrast"]})
        nodes = [
            " ".join(str(t) for t in node.get("target", []))
            for violation in results.response["violations"]
            for node in violation["nodes"]
        ]
        if nodes:
            low[path] = nodes[:5]
    assert not low, low


def test_the_offline_copies_page_passes_axe(live_server: LiveServer, light: Page) -> None:
    """The page this part adds: no serious or critical axe-core findings."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    light.goto(live_server.url("/offline"))
    results = axe.Axe().run(light)
    found = [
        f"{violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation.get("impact") in {"serious", "critical"}
    ]
    assert not found, found
