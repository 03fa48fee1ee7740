"""axe-core on every page, in real Chromium, over the demo job search.

Each page of the app is loaded (a record of each kind found through the app's own
links) and axe-core (bundled by ``axe-playwright-python``, no network) runs on it;
any serious or critical violation (or a heading out of order) fails the test, all pages
listed together. Each page is checked in the light and in the dark colour scheme, and
on a phone-sized screen.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing

import pytest

from tests.pg_fixtures import in_ci
from tests.web.browser import DESKTOP, INSTALL_HINT, PHONE, open_page, watch_of
from tests.web.server import LiveServer
from tests.web.test_import_tables import TRACKER
from tests.web.test_imports import CONNECTIONS

try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, Page, expect
except ImportError:  # pragma: no cover - a laptop without the dev dependencies
    if in_ci():
        raise
    pytest.skip(
        f"playwright or axe-playwright-python is missing; {INSTALL_HINT}", allow_module_level=True
    )

pytestmark = pytest.mark.e2e

#: The impacts that fail a page; moderate and minor ones are left to judgement.
FAILING = frozenset({"serious", "critical"})
#: Moderate findings fixed once and kept fixed: the headings' order (no h2 then h5).
ALSO_FAILING = frozenset({"heading-order"})

#: The pages with a fixed address, by name.
PAGES = {
    "Today": "/",
    "applications board": "/applications",
    "applications list": "/applications?view=list",
    "companies": "/companies",
    "people": "/people",
    "search results": "/search?q=engineer",
    "progress": "/progress",
    "mail": "/mail",
    "settings": "/settings",
    "import": "/import",
    "export": "/export",
    "what's new": "/whats-new",
    "contacts": "/contacts",
    "trash": "/trash",
    "help": "/help",
    "quick add": "/quick-add",
    "calendar settings": "/settings/calendar",
    "new application": "/applications/new",
    "new company": "/companies/new",
}

#: The record pages, found by following the first link of the kind from a page.
RECORDS = {
    "an application": ("/applications?view=list", r"^/applications/\d+$"),
    "a company": ("/companies", r"^/companies/\d+$"),
    "a person": ("/people", r"^/people/\d+$"),
    "a step": ("/", r"^/tasks/\d+$"),
}


def serious(page: Page) -> list[str]:
    """The serious and critical violations axe finds on the page, one line per element."""
    results = Axe().run(page)
    found: list[str] = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in FAILING and violation["id"] not in ALSO_FAILING:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            found.append(
                f"  [{violation['impact']}] {violation['id']}: {violation['help']} at {target}"
            )
    return found


def first_link(page: Page, pattern: str) -> str:
    hrefs: list[str] = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    for href in hrefs:
        if re.fullmatch(pattern, href.split("#")[0]):
            return href.split("#")[0]
    raise AssertionError(f"no link like {pattern} on {page.url}")


@pytest.fixture(params=["light", "dark", "phone-dark"])
def schemed(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop page in the light and in the dark colour scheme, and a dark phone."""
    scheme = "light" if request.param == "light" else "dark"
    size = PHONE if request.param.startswith("phone") else DESKTOP
    for page in open_page(chromium, request, size, color_scheme=scheme):
        dark = page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (scheme == "dark")
        yield page


def test_every_page_passes_axe(demo_server: LiveServer, schemed: Page) -> None:
    page = schemed
    addresses = dict(PAGES)
    for name, (where, pattern) in RECORDS.items():
        page.goto(demo_server.url(where))
        addresses[name] = first_link(page, pattern)
    addresses["an interview"] = f"/interviews/{first_id(demo_server, 'interviews')}"
    addresses["a journal entry"] = f"/journal/{first_id(demo_server, 'journal_entries')}"

    for name, path in list(addresses.items()):
        if re.fullmatch(r"/(applications|companies|people|interviews|journal)/\d+", path):
            addresses[f"{name}, edit"] = f"{path}/edit"
    addresses["new person"] = f"/people/new?company={addresses['a company'].rsplit('/', 1)[1]}"

    problems: list[str] = []
    for name, path in addresses.items():
        response = page.goto(demo_server.url(path))
        if response is None or response.status != 200:
            problems.append(f"{name} ({path}): HTTP {response and response.status}")
            continue
        found = serious(page)
        if found:
            problems.append(f"{name} ({path}):\n" + "\n".join(found))

    page.goto(demo_server.url("/"))
    page.locator("#quick-add-text").fill("Ada Byron, Example Ltd, interview Tuesday")
    page.locator("form.quick-add").get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    found = serious(page)
    if found:
        problems.append("quick add preview:\n" + "\n".join(found))

    assert not problems, "axe violations (serious, critical, heading order):\n" + "\n".join(
        problems
    )


def test_forms_in_use_and_error_pages_pass_axe(demo_server: LiveServer, schemed: Page) -> None:
    """The pages a form leads to: a step's draft edited, IMAP settings, imports, 404s."""
    page = schemed
    problems: list[str] = []

    def check(name: str) -> None:
        found = serious(page)
        if found:
            problems.append(f"{name} ({page.url}):\n" + "\n".join(found))

    response = page.goto(demo_server.url("/no-such-page"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check("404 page")
    response = page.goto(demo_server.url("/applications/999999"))
    assert response is not None and response.status == 404
    check("404 page of a record not there")
    watch_of(page).errors.clear()  # the 404s were the point; Chromium logs them as errors

    # A step's edit form (where Today's draft links), then sent back with a problem.
    step = first_id(demo_server, "tasks", "kind = 'congrats_email' AND status = 'open'")
    page.goto(demo_server.url(f"/tasks/{step}"))
    expect(page.locator("#f-body")).to_be_visible()
    check("a step's edit form")
    page.locator("form.due input[name=due]").fill("")
    page.locator("form.due button[type=submit]").click()
    expect(page.locator(".field-error, .form-problem").first).to_be_visible()
    check("a step's edit form with a problem")
    watch_of(page).errors.clear()  # the 422 too

    # The IMAP settings, first with a wrong port, then saved.
    page.goto(demo_server.url("/settings#imap"))
    imap = page.locator("form#imap")
    imap.get_by_label("Server").fill("127.0.0.1")
    imap.get_by_label("Port").fill("70000")
    imap.get_by_label("Security").select_option("none")
    imap.get_by_label("User name").fill("sam")
    imap.get_by_label("Password (or app password)").fill("app password")
    imap.get_by_role("button").first.click()
    expect(page.locator("#e-imap\\.port")).to_be_visible()
    check("IMAP settings with a problem")
    watch_of(page).errors.clear()
    page.locator("form#imap").get_by_label("Port").fill("1143")
    page.locator("form#imap").get_by_label("Password (or app password)").fill("app password")
    page.locator("form#imap").get_by_role("button").first.click()
    expect(page.locator("#imap-password")).to_contain_text("Password: saved.")
    check("IMAP settings filled in")

    # Imports: a spreadsheet's mapping (its role column missed), then its preview.
    page.goto(demo_server.url("/import"))
    page.get_by_label("Another tracker or a spreadsheet").check()
    page.get_by_label("The file").set_input_files(
        {"name": "tracker.csv", "mimeType": "text/csv", "buffer": TRACKER}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-problem")).to_contain_text("No column for role")
    check("import mapping")
    watch_of(page).errors.clear()
    page.get_by_label("Role (needed)").select_option("Gig")
    page.get_by_role("button", name="Preview again with this mapping").click()
    expect(page.locator("#import-counts")).to_contain_text("Importing would")
    check("import preview of a spreadsheet")
    page.goto(demo_server.url("/import"))
    page.get_by_label("LinkedIn data export").check()
    page.get_by_label("The file").set_input_files(
        {"name": "Connections.csv", "mimeType": "text/csv", "buffer": CONNECTIONS}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-counts")).to_contain_text("Importing would")
    check("import preview of LinkedIn connections")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-done")).to_contain_text("2 added")
    check("import done")
    page.goto(demo_server.url("/contacts"))
    expect(page.locator("table.contacts")).to_contain_text("Fox Mulder")
    check("contacts, after an import")

    assert not problems, "axe violations (serious, critical, heading order):\n" + "\n".join(
        problems
    )


def first_id(server: LiveServer, table: str, where: str = "1") -> int:
    """The lowest id in a table of the demo (interviews and entries have no list page)."""
    with closing(sqlite3.connect(server.db)) as db:
        row = db.execute(f"SELECT min(id) FROM {table} WHERE {where}").fetchone()
    assert row and row[0] is not None, f"the demo has no {table}"
    return int(row[0])


def test_question_mark_opens_help_but_not_in_a_box(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url("/applications"))
    page.locator("#quick-add-text").press_sequentially("what? ")
    expect(page.locator("#quick-add-text")).to_have_value("what? ")
    assert page.url == live_server.url("/applications")

    page.locator("#quick-add-text").blur()
    page.keyboard.press("?")
    expect(page).to_have_url(live_server.url("/help"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Help")
    for key in ("Space", "Escape", "g", "/", "?"):
        expect(page.locator("kbd", has_text=key).first).to_be_visible()


def test_footer_links_help_and_global_shortcuts_move(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url("/settings"))
    page.locator("footer").get_by_role("link", name="Help and shortcuts").click()
    expect(page).to_have_url(live_server.url("/help"))

    page.keyboard.press("/")
    expect(page.locator("#quick-add-text")).to_be_focused()
    expect(page.locator("#quick-add-text")).to_have_value("")  # the slash isn't typed
    page.locator("#quick-add-text").blur()

    page.keyboard.press("g")
    page.keyboard.press("a")
    expect(page).to_have_url(live_server.url("/applications"))
    page.keyboard.press("g")
    page.keyboard.press("t")
    expect(page).to_have_url(live_server.url("/"))


def test_focus_is_visible(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url("/help"))
    page.keyboard.press("Tab")  # the skip link comes first
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_be_in_viewport()
    page.keyboard.press("Tab")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] == "solid" and style[1] == "3px", style
