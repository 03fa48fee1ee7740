"""The Applications board moved by hand, in real headless Chromium.

Dragging between columns and within one, the same moves by keyboard and by
each card's Move menu, a drop outside every column, two tabs moving one card,
and the Move menu with JavaScript turned off. The database is read through the
services to check what the browser did.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from nextround.config import Settings
from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.services import applications, companies
from nextround.services.context import Context, open_context
from tests.conftest import TODAY
from tests.web.browser import DESKTOP, horizontal_overflow, open_page, snap, watch_of
from tests.web.playwright_api import Browser, Locator, Page, expect
from tests.web.server import LiveServer

pytestmark = pytest.mark.e2e


def _ctx(server: LiveServer) -> Context:
    return open_context(Settings(db_url=str(server.db), today=TODAY, today_pinned=True))


@pytest.fixture
def board(live_server: LiveServer) -> LiveServer:
    """Four applications at Acme: Alpha and Beta applied, Gamma at screening, Delta interviewing."""
    ctx = _ctx(live_server)
    try:
        acme = companies.add_company(ctx, NewCompany("Acme")).id
        for day, (role, status) in enumerate(
            [
                ("Alpha", Status.APPLIED),
                ("Beta", Status.APPLIED),
                ("Gamma", Status.SCREENING),
                ("Delta", Status.INTERVIEWING),
            ],
            start=1,
        ):
            new = NewApplication(
                role, company_id=acme, status=status, applied_on=date(2026, 11, day)
            )
            applications.add_application(ctx, new)
    finally:
        ctx.db.close()
    return live_server


def stored(server: LiveServer) -> dict[str, list[str]]:
    """Each column's roles in the order the board keeps them."""
    ctx = _ctx(server)
    try:
        return {
            col.status.value: [a.role for a in col.applications] for col in applications.board(ctx)
        }
    finally:
        ctx.db.close()


def column(page: Page, status: str) -> Locator:
    return page.locator(f'ul.cards[data-status="{status}"]')


def card(page: Page, role: str) -> Locator:
    return page.locator("li.app-card", has=page.get_by_role("link", name=role, exact=True))


@pytest.fixture
def no_script(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(chromium, request, DESKTOP, java_script_enabled=False)


def test_drag_between_columns_and_within_one(board: LiveServer, page: Page) -> None:
    page.goto(board.url("/applications"))
    # Newest first until placed by hand: Beta above Alpha.
    expect(column(page, "applied").locator("li.app-card .app-role")).to_have_text(["Beta", "Alpha"])
    snap(page, "board")

    card(page, "Alpha").drag_to(card(page, "Gamma"), target_position={"x": 20, "y": 5})
    expect(column(page, "screening").locator("li.app-card .app-role")).to_have_text(
        ["Alpha", "Gamma"]
    )
    expect(page.get_by_role("status").first).to_contain_text("Undo")
    assert stored(board)["screening"] == ["Alpha", "Gamma"]
    assert stored(board)["applied"] == ["Beta"]

    # Reordered within its column: Alpha below Gamma, and it stays there after a reload.
    box = column(page, "screening").bounding_box()
    assert box is not None
    with page.expect_response(lambda r: r.url.endswith("/status")):
        card(page, "Alpha").drag_to(
            column(page, "screening"), target_position={"x": 20, "y": box["height"] - 3}
        )
    expect(column(page, "screening").locator("li.app-card .app-role")).to_have_text(
        ["Gamma", "Alpha"]
    )
    page.reload()
    expect(column(page, "screening").locator("li.app-card .app-role")).to_have_text(
        ["Gamma", "Alpha"]
    )
    assert stored(board)["screening"] == ["Gamma", "Alpha"]


def test_a_drop_outside_every_column_does_nothing(board: LiveServer, page: Page) -> None:
    page.goto(board.url("/applications"))
    before = stored(board)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    card(page, "Beta").drag_to(page.get_by_role("heading", level=1))
    card(page, "Beta").drag_to(page.locator(".board-help"))
    expect(column(page, "applied").locator("li.app-card .app-role")).to_have_text(["Beta", "Alpha"])
    page.wait_for_timeout(300)
    assert posts == []
    assert stored(board) == before


def test_keyboard_moves_cancel_and_reject(board: LiveServer, page: Page) -> None:
    page.goto(board.url("/applications"))
    live = page.locator("#board-live")
    beta = card(page, "Beta")
    beta.focus()
    page.keyboard.press("Space")
    expect(live).to_contain_text("Picked up Beta")
    page.keyboard.press("ArrowRight")
    expect(live).to_contain_text("Beta: Screening, place 1 of 2")
    page.keyboard.press("Escape")
    expect(live).to_contain_text("Move cancelled")
    assert stored(board)["applied"] == ["Beta", "Alpha"]

    beta.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(live).to_contain_text("Moved “Beta” at Acme to Screening.")
    expect(card(page, "Beta")).to_be_focused()
    assert stored(board)["screening"] == ["Gamma", "Beta"]

    # Down to Rejected (in the folded Closed column): the plan shows, as after any rejection.
    card(page, "Delta").focus()
    page.keyboard.press("Space")
    for _ in range(2):  # interviewing -> offer -> rejected
        page.keyboard.press("ArrowRight")
    expect(live).to_contain_text("Delta: Rejected")
    page.keyboard.press("Space")
    page.wait_for_url("**/applications/*?rejected=1#plan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delta")
    assert stored(board)["rejected"] == ["Delta"]


def test_the_move_menu(board: LiveServer, page: Page) -> None:
    page.goto(board.url("/applications"))
    alpha = card(page, "Alpha")
    alpha.get_by_text("Move", exact=True).click()
    expect(alpha.get_by_role("button", name="Applied")).to_be_disabled()
    alpha.get_by_role("button", name="Offer").click()
    expect(column(page, "offer").locator("li.app-card .app-role")).to_have_text(["Alpha"])
    assert stored(board)["offer"] == ["Alpha"]


def test_two_tabs_moving_one_card(board: LiveServer, chromium: Browser, page: Page) -> None:
    other = page.context.new_page()
    page.goto(board.url("/applications"))
    other.goto(board.url("/applications"))
    other.bring_to_front()
    card(other, "Alpha").drag_to(column(other, "interviewing"))
    expect(column(other, "interviewing").locator(".app-role")).to_contain_text(["Alpha"])

    # The first tab still shows Alpha under Applied; its move to Offer is refused and the
    # board refreshed.
    page.bring_to_front()
    expect(column(page, "applied").locator(".app-role")).to_contain_text(["Alpha"])
    # (Chromium drags in one tab of a context only, so this tab moves it by keyboard.)
    card(page, "Alpha").focus()
    for key in ("Space", "ArrowRight", "ArrowRight", "ArrowRight", "Space"):
        page.keyboard.press(key)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("was moved to Interviewing elsewhere meanwhile")
    expect(column(page, "interviewing").locator(".app-role")).to_contain_text(["Alpha"])
    expect(column(page, "offer").locator("li.app-card")).to_have_count(0)
    assert "Alpha" in stored(board)["interviewing"]
    assert stored(board)["offer"] == []
    snap(page, "board-conflict")


def test_without_javascript_the_menu_moves_and_a_stale_one_says_so(
    board: LiveServer, no_script: Page
) -> None:
    page = no_script
    page.goto(board.url("/applications"))
    assert page.evaluate("() => typeof window.nextroundFetch") == "undefined"
    gamma = card(page, "Gamma")
    gamma.get_by_text("Move", exact=True).click()
    gamma.get_by_role("button", name="Interviewing").click()
    expect(column(page, "interviewing").locator(".app-role")).to_contain_text(["Gamma"])
    expect(page.get_by_role("status")).to_contain_text("Undo")
    assert "Gamma" in stored(board)["interviewing"]
    assert watch_of(page).status == 200

    # A page left open while the card moved elsewhere: the move is refused, the board shows
    # where the card is now.
    page.goto(board.url("/applications"))
    ctx = _ctx(board)
    try:
        gamma_id = next(a.id for a in applications.list_applications(ctx) if a.role == "Gamma")
        applications.set_status(ctx, gamma_id, Status.SCREENING)
    finally:
        ctx.db.close()
    stale = card(page, "Gamma")
    stale.get_by_text("Move", exact=True).click()
    stale.get_by_role("button", name="Offer").click()
    expect(page.get_by_role("status")).to_contain_text("was moved to Screening elsewhere")
    expect(column(page, "screening").locator(".app-role")).to_contain_text(["Gamma"])
    assert stored(board)["offer"] == []


def test_on_a_phone_only_the_board_scrolls_sideways(board: LiveServer, phone: Page) -> None:
    phone.goto(board.url("/applications"))
    assert horizontal_overflow(phone) == 0
    wide: bool = phone.evaluate(
        "() => { const b = document.querySelector('.board'); return b.scrollWidth > b.clientWidth; }"
    )
    assert wide  # the columns stay in one row
    tops = phone.locator(".board > .column").evaluate_all(
        "(cols) => cols.map((c) => c.getBoundingClientRect().top)"
    )
    assert len(set(tops)) == 1
    # A column folds away to its heading.
    phone.get_by_role("heading", name="Applied 2").click()
    expect(card(phone, "Alpha")).to_be_hidden()


def test_dragging_onto_the_folded_closed_column_opens_it(board: LiveServer, page: Page) -> None:
    page.goto(board.url("/applications"))
    withdrawn = column(page, "withdrawn")
    expect(withdrawn).to_be_hidden()
    page.locator("#col-closed").scroll_into_view_if_needed()
    source = card(page, "Delta").bounding_box()
    closed = page.locator("#col-closed").bounding_box()
    assert source is not None and closed is not None
    page.mouse.move(source["x"] + 10, source["y"] + 10)
    page.mouse.down()
    page.mouse.move(closed["x"] + 10, closed["y"] + 5, steps=8)
    expect(withdrawn).to_be_visible()  # held over it, the Closed column opens
    group = page.locator("#col-withdrawn").bounding_box()
    assert group is not None
    page.mouse.move(group["x"] + 10, group["y"] + 5, steps=8)
    with page.expect_response(lambda r: r.url.endswith("/status")):
        page.mouse.up()
    expect(withdrawn.locator(".app-role")).to_have_text(["Delta"])
    assert stored(board)["withdrawn"] == ["Delta"]
    expect(withdrawn).to_be_visible()  # still open after the board refreshed
