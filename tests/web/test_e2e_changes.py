"""Deleting, undoing and restoring in real headless Chromium with JavaScript turned off.

Every delete asks twice through a plain ``<details>``; the Undo after a change
and the trash's Restore are plain forms. With scripts disabled, this is what a
user without JavaScript gets, and it must all work.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nextround.config import Settings
from nextround.services import companies, people
from nextround.services.context import open_context
from tests.conftest import TODAY
from tests.web.browser import DESKTOP, open_page, snap, watch_of
from tests.web.playwright_api import Browser, Page, expect
from tests.web.server import LiveServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def no_script(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop page with JavaScript disabled, watched for errors like the others."""
    yield from open_page(chromium, request, DESKTOP, java_script_enabled=False)


def scripts_off(page: Page) -> bool:
    """Whether the page's own script (``app.js``) did not run."""
    kind: str = page.evaluate("() => typeof window.nextroundFetch")
    return kind == "undefined"


def names(server: LiveServer) -> tuple[list[str], list[str]]:
    """The companies and the people stored, by name."""
    ctx = open_context(Settings(db_url=str(server.db), today=TODAY, today_pinned=True))
    try:
        return (
            [r.company.name for r in companies.list_companies(ctx)],
            [r.person.name for r in people.list_people(ctx)],
        )
    finally:
        ctx.db.close()


def test_delete_and_undo_without_javascript(demo_server: LiveServer, no_script: Page) -> None:
    page = no_script
    before, _ = names(demo_server)
    target = before[0]
    page.goto(demo_server.url("/companies"))
    page.get_by_role("link", name=target, exact=True).click()
    page.get_by_role("link", name="Edit, merge or delete").click()
    assert scripts_off(page)
    expect(page.get_by_role("button", name=f"Delete {target}")).to_be_hidden()  # asks twice
    page.get_by_text("Delete this company…").click()
    page.get_by_label("Also delete its").check()
    snap(page, "delete-company-confirm")
    page.get_by_role("button", name=f"Delete {target}").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Companies")
    status = page.get_by_role("status")
    expect(status).to_contain_text(f"Deleted {target}.")
    assert target not in names(demo_server)[0]
    snap(page, "after-delete")

    status.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status")).to_have_text(f"Undone: Deleted {target}.")
    assert names(demo_server)[0] == before
    assert watch_of(page).status == 200


def test_restore_from_the_trash_without_javascript(
    demo_server: LiveServer, no_script: Page
) -> None:
    page = no_script
    _, everyone = names(demo_server)
    who = everyone[0]
    page.goto(demo_server.url("/people"))
    page.get_by_role("link", name=who, exact=True).click()
    page.get_by_role("link", name="Edit, merge or delete").click()
    page.get_by_text("Delete this person…").click()
    page.get_by_role("button", name=f"Delete {who}").click()
    expect(page.get_by_role("status")).to_contain_text(f"Deleted {who}.")
    assert who not in names(demo_server)[1]

    page.get_by_role("link", name="Trash").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trash")
    snap(page, "trash")
    page.get_by_role("button", name=f"Restore: Deleted {who}").click()
    expect(page.get_by_role("status")).to_contain_text(who)
    assert who in names(demo_server)[1]
    expect(page.get_by_text("The trash is empty.")).to_be_visible()
