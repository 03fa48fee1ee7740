"""Importing in real headless Chromium: LinkedIn connections and a tracker's spreadsheet.

From the Export page to the Import page; a file chosen, its dry run previewed
(nothing written), imported; the contacts listed, and the one at a stored
company shown on its page. A spreadsheet whose role column the guess misses is
mapped by choosing the column and previewing again. Each page is kept as a
screenshot and checked by :func:`snap`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from nextround.config import Settings
from nextround.domain.companies import NewCompany
from nextround.services import applications, companies, people
from nextround.services.context import Context, open_context
from tests.conftest import TODAY
from tests.web.browser import snap
from tests.web.playwright_api import Page, expect
from tests.web.server import LiveServer
from tests.web.test_import_tables import TRACKER
from tests.web.test_imports import CONNECTIONS

pytestmark = pytest.mark.e2e


@contextmanager
def reading(server: LiveServer) -> Iterator[Context]:
    ctx = open_context(Settings(db_url=str(server.db), today=TODAY, today_pinned=True))
    try:
        yield ctx
    finally:
        ctx.db.close()


def test_linkedin_connections_previewed_imported_and_known_at_a_company(
    live_server: LiveServer, page: Page
) -> None:
    with reading(live_server) as ctx:
        acme = companies.add_company(ctx, NewCompany("Acme Robotics")).id
    page.goto(live_server.url("/export"))
    page.get_by_role("link", name="Import", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    page.get_by_label("LinkedIn data export").check()
    page.get_by_label("The file").set_input_files(
        {"name": "Connections.csv", "mimeType": "text/csv", "buffer": CONNECTIONS}
    )
    snap(page, "import-form", heading="Import")
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-counts")).to_contain_text("Importing would add 2")
    expect(page.locator(".skipped")).to_contain_text("Line 7")
    snap(page, "import-preview")
    with reading(live_server) as ctx:
        assert people.list_people(ctx) == []  # a preview writes nothing

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-done")).to_contain_text("2 added")
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    page.get_by_role("link", name="See your contacts").click()
    expect(page.locator("table.contacts")).to_contain_text("Fox Mulder")
    snap(page, "contacts", heading="Contacts people you know, not linked to a company here")
    page.get_by_role("link", name="ACME Robotics GmbH").click()
    expect(page.locator("#people-you-know")).to_contain_text("LinkedIn connection since 8 Feb 2026")
    assert page.url == live_server.url(f"/companies/{acme}")


def test_a_spreadsheet_mapped_by_hand_then_imported(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url("/import"))
    page.get_by_label("Another tracker or a spreadsheet").check()
    page.get_by_label("The file").set_input_files(
        {"name": "tracker.csv", "mimeType": "text/csv", "buffer": TRACKER}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-problem")).to_contain_text("No column for role")
    page.get_by_label("Role (needed)").select_option("Gig")
    page.get_by_label("Date applied").select_option("When")
    page.get_by_label("Status", exact=True).select_option("Where we are")
    page.get_by_role("button", name="Preview again with this mapping").click()
    expect(page.locator("#import-counts")).to_contain_text("Importing would add")
    snap(page, "tracker-preview")
    page.get_by_label("Save this mapping as").fill("my tracker")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-done")).to_be_visible()
    with reading(live_server) as ctx:
        roles = sorted(a.role for a in applications.list_applications(ctx))
    assert roles == ["Backend Engineer", "Designer"]
