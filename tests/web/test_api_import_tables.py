"""``POST /api/v1/imports/csv|google|vcard``: address books and a tracker's spreadsheet sent as the body."""

from __future__ import annotations

import io
from datetime import date

from tests.importers.rows import FIXTURES
from tests.web.conftest import Browser

OCTETS = {"content-type": "application/octet-stream"}


def _post(api: Browser, kind: str, data: bytes, query: str = ""):  # type: ignore[no-untyped-def]
    return api.post(f"/api/v1/imports/{kind}{query}", content=data, headers=OCTETS)


def test_tracker_dry_run_shows_mapping_and_statuses_then_imports_once(any_api: Browser) -> None:
    data = (FIXTURES / "tracker-semicolon-cp1252.csv").read_bytes()
    dry = _post(any_api, "csv", data, "?dry_run=true&name=tracker.csv")
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["counts"] == {"created": 8, "matched": 0, "updated": 0, "skipped": 1}
    assert report["mapping"]["columns"]["company"] == "Firma"
    assert {"source": "Absage", "status": "rejected", "count": 1, "known": True} in report[
        "statuses"
    ]
    assert any_api.get("/api/v1/applications").json() == []
    done = _post(any_api, "csv", data, "?save_mapping=german").json()
    assert done["change_id"] is not None and done["saved_as"] == "german"
    assert len(any_api.get("/api/v1/applications").json()) == 5
    again = _post(any_api, "csv", data, "?mapping=german").json()
    assert again["counts"]["created"] == 0 and again["mapping"]["name"] == "german"


def test_tracker_xlsx_with_corrections(api: Browser) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Who", "Job", "Where we are", "When"])
    sheet.append(["Initech", "Analyst", "Rocket", date(2026, 9, 14)])
    buffer = io.BytesIO()
    book.save(buffer)
    query = "?column=company%3DWho&column=status%3DWhere%20we%20are&column=applied_on%3DWhen&status=Rocket%3Doffer"
    response = _post(api, "csv", buffer.getvalue(), query)
    assert response.status_code == 200, response.text
    (app,) = api.get("/api/v1/applications").json()
    assert (app["status"], app["applied_on"]) == ("offer", "2026-09-14")


def test_bad_tracker_input_is_a_422_naming_the_fix(api: Browser) -> None:
    text = b"Company,Role,Date Applied\nAcme,Engineer,03/04/2026\n"
    response = _post(api, "csv", text)
    assert response.status_code == 422
    assert "line 2: the date '03/04/2026' could be day/month" in response.json()["error"]["message"]
    bad = _post(api, "csv", text, "?date_order=ymd")
    assert bad.status_code == 422
    assert api.get("/api/v1/applications").json() == []


def test_address_books(api: Browser) -> None:
    google = _post(api, "google", (FIXTURES / "google-current.csv").read_bytes(), "?dry_run=true")
    assert google.json()["counts"]["created"] == 3
    vcard = _post(api, "vcard", (FIXTURES / "contacts-4.0.vcf").read_bytes()).json()
    assert vcard["counts"]["created"] == 1
