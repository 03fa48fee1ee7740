"""The watch in real headless Chromium against ``nextround serve``: one click at a rejection,
the company page's section, What's new and the setting; no console error (the
Content-Security-Policy allows no inline script). No page here goes on the network:
"Read now" is never pressed, since the boards' hosts are the real ones."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.config import Settings
from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.services import applications, companies
from nextround.services.context import open_context
from tests.conftest import TODAY
from tests.web.browser import snap
from tests.web.playwright_api import Page, expect
from tests.web.server import LiveServer

pytestmark = pytest.mark.e2e


def _application(server: LiveServer) -> tuple[int, int]:
    ctx = open_context(Settings(db_url=str(server.db), today=TODAY, today_pinned=True))
    try:
        acme = companies.add_company(ctx, NewCompany("Acme Robotics")).id
        new = NewApplication(
            "Backend Engineer",
            company_id=acme,
            applied_on=date(2026, 10, 1),
            source_url="https://boards.greenhouse.io/acme/jobs/1",
        )
        return acme, applications.add_application(ctx, new).application.id
    finally:
        ctx.db.close()


def test_watch_at_a_rejection_then_the_company_page_and_whats_new(
    live_server: LiveServer, page: Page
) -> None:
    acme, app_id = _application(live_server)
    page.goto(live_server.url(f"/companies/{acme}"))
    expect(page.get_by_role("button", name="Watch this company")).to_be_visible()
    expect(page.get_by_label("Careers page or job board")).to_have_value(
        "https://boards.greenhouse.io/acme/jobs/1"
    )
    snap(page, "company-unwatched")

    page.goto(live_server.url(f"/applications/{app_id}"))
    page.get_by_role("button", name="Record the rejection").click()
    expect(page.get_by_role("button", name="Watch Acme Robotics")).to_be_visible()
    snap(page, "rejected")
    page.get_by_role("button", name="Watch Acme Robotics").click()
    expect(page.get_by_text("Job board: greenhouse")).to_be_visible()
    expect(page.get_by_role("button", name="Read now")).to_be_visible()
    snap(page, "company-watched")

    page.get_by_role("link", name="What's new").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("What's new")
    expect(page.get_by_text("No role you were turned down for is listed again.")).to_be_visible()
    snap(page, "whats-new")

    page.goto(live_server.url("/settings"))
    page.get_by_label("Watch a company's job board and news automatically").check()
    page.locator("#watching").get_by_role("button", name="Save").click()
    expect(page.get_by_label("Watch a company's job board and news automatically")).to_be_checked()
    snap(page, "settings")
