"""The API's edits, deletes and merges, the reply, undo, the trash and an application's history.

``PATCH`` bodies: a field left out stays as it is, ``null`` clears it, and
``revision`` refuses a stale edit.
"""

from __future__ import annotations

from typing import Any

from tests.web.apihelpers import created, job_search
from tests.web.conftest import Browser


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if status != 204 else None


# PATCH: absent stays, null clears


def test_a_patch_changes_what_it_names_and_null_clears(any_api: Browser) -> None:
    api = any_api
    company = created(
        api, "/api/v1/companies", {"name": "Acme", "website": "acme.example", "notes": "Hi"}
    )
    url = f"/api/v1/companies/{company['id']}"
    renamed = ok(api.patch(url, json={"name": "Acme Robotics", "website": None}))
    assert (renamed["name"], renamed["website"], renamed["notes"]) == ("Acme Robotics", None, "Hi")
    person = created(api, "/api/v1/people", {"name": "Dana", "company_id": company["id"]})
    other = created(api, "/api/v1/companies", {"name": "Globex"})
    moved = ok(
        api.patch(
            f"/api/v1/people/{person['id']}",
            json={"company_id": other["id"], "title": "CTO", "revision": 0},
        )
    )
    assert (moved["company"], moved["title"], moved["name"]) == ("Globex", "CTO", "Dana")


def test_a_patch_can_not_clear_what_must_be_there(api: Browser) -> None:
    ids = job_search(api)
    for path, field in (
        (f"/api/v1/companies/{ids['company']}", "name"),
        (f"/api/v1/people/{ids['dana']}", "name"),
        (f"/api/v1/people/{ids['dana']}", "company_id"),
        (f"/api/v1/applications/{ids['app']}", "role"),
        (f"/api/v1/interviews/{ids['interview']}", "on"),
        (f"/api/v1/interviews/{ids['interview']}", "interviewer_ids"),
    ):
        response = api.patch(path, json={field: None})
        assert response.status_code == 422, (path, field, response.text)
        assert field in response.json()["error"]["fields"], (path, field)
    assert api.get(f"/api/v1/people/{ids['dana']}").json()["name"] == "Dana Smith"


def test_application_details_in_and_out(any_api: Browser) -> None:
    api = any_api
    ids = job_search(api)
    url = f"/api/v1/applications/{ids['app']}"
    details = {
        "location": "Lisbon",
        "work_mode": "remote",
        "salary_min": 70000,
        "salary_max": 80000,
        "salary_currency": "eur",
        "salary_period": "year",
        "description": "Pipelines",
        "source": "referral",
        "referrer_id": ids["dana"],
    }
    app = ok(api.patch(url, json={**details, "revision": 0}))
    assert app["salary"] == {
        "minimum": 70000,
        "maximum": 80000,
        "currency": "EUR",
        "period": "year",
    }
    assert (app["location"], app["work_mode"], app["source"]) == ("Lisbon", "remote", "referral")
    assert (app["referrer_id"], app["referrer"], app["description"]) == (
        ids["dana"],
        "Dana Smith",
        "Pipelines",
    )
    cleared = ok(api.patch(url, json={"salary_min": None, "work_mode": None}))
    assert cleared["salary"]["minimum"] is None and cleared["work_mode"] is None
    assert cleared["salary"]["maximum"] == 80000  # left out: stays
    assert ok(api.patch(url, json={"salary_max": None}))["salary"] is None
    new = created(
        api, "/api/v1/applications", {"company_id": ids["company"], "role": "SRE", **details}
    )
    assert new["salary"]["currency"] == "EUR" and new["referrer_id"] == ids["dana"]


def test_the_application_history_lists_every_move(api: Browser) -> None:
    ids = job_search(api)
    url = f"/api/v1/applications/{ids['app']}"
    ok(api.post(f"{url}/status", json={"status": "interviewing", "on": "2026-11-05"}))
    ok(api.post(f"{url}/reject", json={"on": "2026-11-20"}))
    events = ok(api.get(f"{url}/history"))
    assert [(e["on"], e["from_status"], e["to_status"]) for e in events] == [
        ("2026-10-01", None, "applied"),
        ("2026-11-05", "applied", "interviewing"),
        ("2026-11-20", "interviewing", "rejected"),
    ]
    stale = api.post(f"{url}/status", json={"status": "offer", "revision": 0})
    assert stale.status_code == 409
    assert api.get(url).json()["status"] == "rejected"


def test_interview_and_journal_patches(api: Browser) -> None:
    ids = job_search(api)
    url = f"/api/v1/interviews/{ids['interview']}"
    meeting = ok(
        api.patch(url, json={"status": "cancelled", "new_interviewers": ["Priya"], "at": None})
    )
    assert (meeting["status"], meeting["at"]) == ("cancelled", None)
    assert len(meeting["interviewer_ids"]) == 2  # Dana stays, Priya is added at Acme
    entry = created(
        api,
        "/api/v1/journal",
        {"application_id": ids["app"], "body": "Notes", "interview_id": ids["interview"]},
    )
    changed = ok(api.patch(f"/api/v1/journal/{entry['id']}", json={"interview_id": None}))
    assert (changed["interview_id"], changed["body"], changed["revision"]) == (None, "Notes", 1)


# Duplicates, merges, deletes


def test_a_duplicate_person_names_the_stored_one_unless_allowed(any_api: Browser) -> None:
    api = any_api
    ids = job_search(api)
    twin = {"name": "Dr. Dana Smith", "company_id": ids["company"]}
    refused = api.post("/api/v1/people", json=twin)
    assert refused.status_code == 409
    assert refused.json()["error"]["existing_id"] == ids["dana"]
    assert len(api.get("/api/v1/people").json()) == 1
    added = created(api, "/api/v1/people", {**twin, "allow_duplicate": True})
    merged = ok(api.post(f"/api/v1/people/{added['id']}/merge", json={"into": ids["dana"]}))
    assert (merged["merged"], merged["from_id"], merged["into_id"]) == (
        "person",
        added["id"],
        ids["dana"],
    )
    assert [p["id"] for p in api.get("/api/v1/people").json()] == [ids["dana"]]
    assert api.post(f"/api/v1/people/{ids['dana']}/merge", json={"into": 999}).status_code == 404


def test_companies_merge(any_api: Browser) -> None:
    api = any_api
    ids = job_search(api)
    twin = created(api, "/api/v1/companies", {"name": "ACME Robotics Inc", "allow_duplicate": True})
    created(api, "/api/v1/applications", {"company_id": twin["id"], "role": "SRE"})
    merged = ok(api.post(f"/api/v1/companies/{twin['id']}/merge", json={"into": ids["company"]}))
    assert merged["moved"][0] == "1 application"
    assert {a["company_id"] for a in api.get("/api/v1/applications").json()} == {ids["company"]}
    itself = api.post(f"/api/v1/companies/{ids['company']}/merge", json={"into": ids["company"]})
    assert itself.status_code == 422


def test_the_reply_yes_no_and_cleared(api: Browser) -> None:
    ids = job_search(api)
    ok(api.post(f"/api/v1/applications/{ids['app']}/reject"))
    url = f"/api/v1/people/{ids['dana']}/reply"
    yes = ok(api.put(url, json={"answer": "yes"}))
    assert yes["connect_state"] == "yes"
    assert any(t["kind"] == "linkedin_invite" and t["status"] == "open" for t in yes["tasks"])
    assert ok(api.put(url, json={"answer": None}))["connect_state"] != "yes"
    assert api.put(url, json={"answer": "maybe"}).status_code == 422
    assert api.put(url, json={}).status_code == 422


# Tasks


def test_a_task_is_edited_and_deleting_skips_it(any_api: Browser) -> None:
    api = any_api
    ids = job_search(api)
    plan = ok(api.post(f"/api/v1/applications/{ids['app']}/reject"))
    email = next(t for t in plan["tasks"] if t["kind"] == "congrats_email")
    url = f"/api/v1/tasks/{email['id']}"
    edited = ok(
        api.patch(
            url,
            json={"due": "2026-12-02", "draft": "Dear Dana", "draft_subject": "Hi", "revision": 0},
        )
    )
    assert (edited["due"], edited["draft"], edited["draft_edited"]) == (
        "2026-12-02",
        "Dear Dana",
        True,
    )
    back = ok(api.patch(url, json={"draft": None}))
    assert (back["draft_edited"], back["draft"]) == (False, email["draft"])
    assert api.patch(url, json={"draft": "x", "revision": 0}).status_code == 409
    ok(api.delete(url), 204)
    assert api.get(url).json()["status"] == "skipped"
    assert email["id"] not in {t["id"] for t in api.get("/api/v1/tasks").json()}


# Undo and the trash


def test_undo_takes_back_the_latest_change(any_api: Browser) -> None:
    api = any_api
    ids = job_search(api)
    url = f"/api/v1/companies/{ids['company']}"
    ok(api.patch(url, json={"notes": "first"}))
    undone = ok(api.post("/api/v1/undo"))
    assert undone["label"] == "Edited Acme Robotics"
    assert api.get(url).json()["notes"] == ""
    ok(api.patch(url, json={"notes": "again"}))
    refused = api.post("/api/v1/undo", json={"change_id": undone["undone"]})
    assert refused.status_code == 409
    assert refused.json()["error"]["type"] == "conflict"
    assert api.get(url).json()["notes"] == "again"


def test_nothing_to_undo_is_a_404(api: Browser) -> None:
    response = api.post("/api/v1/undo")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "there is nothing to undo"


def test_the_trash_restores_and_empties(any_api: Browser) -> None:
    api = any_api
    ids = job_search(api)
    sam = created(api, "/api/v1/people", {"name": "Sam Lee", "company_id": ids["company"]})
    ok(api.delete(f"/api/v1/applications/{ids['app']}"), 204)
    ok(api.delete(f"/api/v1/people/{sam['id']}"), 204)
    trash = ok(api.get("/api/v1/trash"))
    assert [t["label"] for t in trash] == [
        "Deleted Sam Lee",
        "Deleted Backend Engineer at Acme Robotics",
    ]
    assert sorted(trash[1]["records"]) == ["1 application", "1 interview"]
    restored = ok(api.post(f"/api/v1/trash/{trash[1]['id']}/restore"))
    assert restored["restored"] == trash[1]["id"] and restored["change_id"]
    assert api.get(f"/api/v1/applications/{ids['app']}").status_code == 200
    assert api.post(f"/api/v1/trash/{trash[1]['id']}/restore").status_code == 409  # done already
    assert ok(api.delete("/api/v1/trash")) == {"emptied": 1}
    assert ok(api.get("/api/v1/trash")) == []
    assert api.post(f"/api/v1/trash/{trash[0]['id']}/restore").status_code == 404
