"""``POST /api/v1/imports/{kind}``: a LinkedIn export sent as the body, planned or imported."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.web.conftest import Browser

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures" / "linkedin"
CSV = {"content-type": "text/csv"}


def _post(api: Browser, data: bytes, query: str = "", **headers: str):  # type: ignore[no-untyped-def]
    return api.post(f"/api/v1/imports/linkedin{query}", content=data, headers={**CSV, **headers})


def test_a_dry_run_answers_the_plan_and_writes_nothing(api: Browser) -> None:
    data = (FIXTURES / "Connections.csv").read_bytes()
    response = _post(api, data, "?dry_run=true&name=Connections.csv")
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["file"], report["dry_run"], report["change_id"]) == (
        "Connections.csv",
        True,
        None,
    )
    assert report["counts"] == {"created": 4, "matched": 0, "updated": 0, "skipped": 1}
    assert report["rows"][2]["line"] == 7 and report["rows"][2]["outcome"] == "skipped"
    assert api.get("/api/v1/people").json() == []


def test_the_import_makes_people_without_a_company_and_twice_changes_nothing(
    any_api: Browser,
) -> None:
    data = (FIXTURES / "Connections.csv").read_bytes()
    first = _post(any_api, data).json()
    assert first["counts"]["created"] == 4 and first["change_id"] is not None
    people = any_api.get("/api/v1/people").json()
    ada = next(p for p in people if p["name"] == "Ada Lovelace")
    assert (ada["company_id"], ada["company"], ada["source"]) == (
        None,
        "Analytical Engines Ltd",
        "linkedin",
    )
    second = _post(any_api, data).json()
    assert second["counts"] == {"created": 0, "matched": 4, "updated": 0, "skipped": 1}
    assert len(any_api.get("/api/v1/people").json()) == 4


def test_the_export_zip_as_the_body(api: Browser) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FIXTURES / "Connections.csv", "Connections.csv")
        z.write(FIXTURES / "Invitations.csv", "Invitations.csv")
    response = _post(
        api, buffer.getvalue(), "?name=export.zip", **{"content-type": "application/zip"}
    )
    assert response.status_code == 200, response.text
    files = {row["file"] for row in response.json()["rows"]}
    assert files == {"Connections.csv", "Invitations.csv"}


def test_a_bad_file_is_a_422_naming_the_line(api: Browser) -> None:
    response = _post(api, b"Notes:\n\nFirst Name,Last Name,URL\nAda,Lovelace,\n")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"].startswith("line 3: the header has no 'Connected On' column")
    assert error["fields"] == {"file": error["message"]}
    assert api.get("/api/v1/people").json() == []


def test_an_unknown_kind_is_a_422(api: Browser) -> None:
    response = api.post("/api/v1/imports/myspace", content=b"a,b\n", headers=CSV)
    assert response.status_code == 422
    assert "choose one of linkedin" in response.json()["error"]["message"]


def test_a_browser_still_needs_the_csrf_token_and_forms_are_refused(client: Browser) -> None:
    data = (FIXTURES / "Connections.csv").read_bytes()
    client.load()
    no_token = client.post("/api/v1/imports/linkedin", content=data, headers=CSV)
    assert no_token.status_code == 403
    form = client.post(
        "/api/v1/imports/linkedin",
        content=data,
        headers={"content-type": "multipart/form-data; boundary=x", "X-CSRF-Token": client.csrf},
    )
    assert form.status_code == 415
