"""The board's move route as board.js and the plain Move menu use it (TestClient)."""

from __future__ import annotations

from datetime import date

from nextround.domain.applications import NewApplication, Status
from nextround.services import applications
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.scenario import ctx_of

JSON = {"Accept": "application/json"}


def _add(client: Browser, role: str, status: Status, day: int) -> int:
    new = NewApplication(role, new_company="Acme", status=status, applied_on=date(2026, 11, day))
    if day > 1:
        acme = applications.list_applications(ctx_of(client))[0].company_id
        new = NewApplication(role, company_id=acme, status=status, applied_on=date(2026, 11, day))
    return applications.add_application(ctx_of(client), new).application.id


def _roles(client: Browser, status: Status) -> list[str]:
    (column,) = applications.board(ctx_of(client), status)
    return [a.role for a in column.applications]


def test_the_board_folds_the_closed_statuses_into_one_column(client: Browser) -> None:
    _add(client, "Alpha", Status.APPLIED, 1)
    _add(client, "Omega", Status.WITHDRAWN, 2)
    page = client.load("/applications")
    closed = page[page.index('id="col-closed"') :]
    assert '<section class="column closed"' in page
    assert "Omega" in closed and "Alpha" not in closed
    assert page.count("<details open>") == 5  # saved .. offer open; Closed folded
    assert "/static/board.js" in page
    # Filtered to one closed status, it is a column of its own.
    only = client.load("/applications?status=withdrawn")
    assert 'id="col-closed"' not in only and 'id="col-withdrawn"' in only


def test_a_script_move_answers_json_and_places_the_card(client: Browser) -> None:
    alpha = _add(client, "Alpha", Status.APPLIED, 1)
    gamma = _add(client, "Gamma", Status.SCREENING, 2)
    _add(client, "Delta", Status.SCREENING, 3)
    page = client.load("/applications")
    form = hidden_fields(page, f"/applications/{alpha}/status")
    assert form["from"] == "applied"
    data = {**form, "status": "screening", "before": str(gamma)}
    answer = client.post(f"/applications/{alpha}/status", data=data, headers=JSON)
    assert answer.status_code == 200
    assert answer.json() == {
        "ok": True,
        "message": "Moved “Alpha” at Acme to Screening.",
        "location": None,
    }
    assert "nextround_flash=" in answer.headers["set-cookie"]  # Undo, on the refreshed board
    assert _roles(client, Status.SCREENING) == ["Delta", "Alpha", "Gamma"]

    # The same form again: the card is no longer where that page showed it.
    stale = client.post(
        f"/applications/{alpha}/status", data={**data, "status": "offer"}, headers=JSON
    )
    assert stale.json()["ok"] is False
    assert "moved to Screening elsewhere meanwhile" in stale.json()["conflict"]
    assert _roles(client, Status.OFFER) == []


def test_a_script_move_to_rejected_leads_to_the_plan(client: Browser) -> None:
    alpha = _add(client, "Alpha", Status.INTERVIEWING, 1)
    page = client.load("/applications")
    data = {**hidden_fields(page, f"/applications/{alpha}/status"), "status": "rejected"}
    answer = client.post(f"/applications/{alpha}/status", data=data, headers=JSON)
    assert answer.json()["location"] == f"/applications/{alpha}?rejected=1#plan"
    assert _roles(client, Status.REJECTED) == ["Alpha"]


def test_a_refused_move_answers_json_too(client: Browser) -> None:
    new = NewApplication("Saved one", new_company="Acme", status=Status.SAVED)
    saved = applications.add_application(ctx_of(client), new).application.id
    page = client.load("/applications")
    data = {**hidden_fields(page, f"/applications/{saved}/status"), "status": "rejected"}
    answer = client.post(f"/applications/{saved}/status", data=data, headers=JSON)
    assert answer.status_code == 200 and answer.json()["ok"] is False
    assert "never applied to" in answer.json()["conflict"]
    assert _roles(client, Status.SAVED) == ["Saved one"]
    # Without the script, the same refusal is the usual error page.
    plain = client.post(f"/applications/{saved}/status", data=data, follow_redirects=False)
    assert plain.status_code == 422


def test_a_stale_menu_without_javascript_shows_the_board_as_it_is(client: Browser) -> None:
    alpha = _add(client, "Alpha", Status.APPLIED, 1)
    page = client.load("/applications")
    data = {**hidden_fields(page, f"/applications/{alpha}/status"), "status": "offer"}
    applications.set_status(ctx_of(client), alpha, Status.INTERVIEWING)
    shown = client.post(f"/applications/{alpha}/status", data=data, follow_redirects=False)
    assert shown.status_code == 200
    assert "moved to Interviewing elsewhere meanwhile" in shown.text
    column = shown.text[
        shown.text.index('id="col-interviewing"') : shown.text.index('id="col-offer"')
    ]
    assert "Alpha" in column
    assert _roles(client, Status.OFFER) == []
    # A bad status from the form is a clear error, not a move.
    bad = client.post(
        f"/applications/{alpha}/status", data={**data, "from": "nowhere"}, follow_redirects=False
    )
    assert bad.status_code == 422 and "unknown status" in bad.text
