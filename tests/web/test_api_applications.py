"""The API's applications, interviews, journal and tasks: round trips, the plan, deletes."""

from __future__ import annotations

from typing import Any

from nextround.config import Settings
from nextround.services import journal
from nextround.services.context import Context
from tests.cli.runner import Nextround
from tests.web.apihelpers import created, job_search
from tests.web.conftest import Browser
from tests.web.querycount import count_queries

TASK_FIELDS = {
    "id", "kind", "title", "due", "status", "company", "person", "application_id",
    "company_id", "person_id", "url", "draft_subject", "draft", "draft_edited",
    "draft_problem", "done_on", "revision",
}  # fmt: skip


def _ctx(api: Browser) -> Context:
    context: Context = api.app.state.web.context()  # type: ignore[attr-defined]
    return context


def _reject(api: Browser, app_id: int, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api.post(f"/api/v1/applications/{app_id}/reject", json=body)
    assert response.status_code == 200, response.text
    plan: dict[str, Any] = response.json()
    return plan


def test_application_round_trip(any_api: Browser) -> None:
    api = any_api
    company = created(api, "/api/v1/companies", {"name": "Acme"})
    app = created(api, "/api/v1/applications", {"company_id": company["id"], "role": "Engineer"})
    assert app["status"] == "saved"
    url = f"/api/v1/applications/{app['id']}"
    assert api.get(url).json() == app
    changed = api.patch(
        url, json={"role": "Senior Engineer", "requisition_id": "R-7", "revision": 0}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["role"] == "Senior Engineer"
    assert changed.json()["revision"] == 1
    assert api.patch(url, json={"role": "Intern", "revision": 0}).status_code == 409
    moved = api.post(f"{url}/status", json={"status": "applied"})
    assert moved.json()["application"]["status"] == "applied"
    assert moved.json()["tasks"] == []
    listed = api.get("/api/v1/applications", params={"status": "applied"}).json()
    assert [a["role"] for a in listed] == ["Senior Engineer"]
    assert api.get("/api/v1/applications", params={"status": "offer"}).json() == []
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404


def test_reject_returns_the_plan_step_by_step(any_api: Browser) -> None:
    ids = job_search(any_api)
    plan = _reject(any_api, ids["app"], {"on": "2026-11-20"})
    assert plan["application"]["status"] == "rejected"
    assert plan["application"]["rejected_on"] == "2026-11-20"
    kinds = [t["kind"] for t in plan["tasks"]]
    assert kinds[0] == "journal"
    assert {"thank_you_card", "congrats_email", "follow_company", "check_back"} <= set(kinds)
    assert all(set(t) == TASK_FIELDS for t in plan["tasks"])
    card = next(t for t in plan["tasks"] if t["kind"] == "thank_you_card")
    assert card["person"] == "Dana Smith"
    assert card["draft"]
    again = _reject(any_api, ids["app"])  # recorded again: the same plan, not a second one
    assert [t["id"] for t in again["tasks"]] == [t["id"] for t in plan["tasks"]]


def test_a_rejection_in_the_future_is_a_422(api: Browser) -> None:
    ids = job_search(api)
    response = api.post(f"/api/v1/applications/{ids['app']}/reject", json={"on": "2027-01-01"})
    assert response.status_code == 422
    assert "future" in response.json()["error"]["message"]
    assert api.get(f"/api/v1/applications/{ids['app']}").json()["status"] == "applied"


def test_interview_and_journal_round_trip(api: Browser) -> None:
    ids = job_search(api)
    url = f"/api/v1/interviews/{ids['interview']}"
    meeting = api.get(url).json()
    assert meeting["interviewer_ids"] == [ids["dana"]]
    assert meeting["at"] == "14:30:00"
    changed = api.patch(url, json={"format": "onsite", "interviewer_ids": []})
    assert changed.status_code == 200, changed.text
    assert changed.json()["format"] == "onsite"
    assert changed.json()["interviewer_ids"] == []
    assert changed.json()["on"] == "2026-11-10"
    entry = created(
        api,
        "/api/v1/journal",
        {
            "application_id": ids["app"],
            "body": "## Who I met\nDana: the lab tour",
            "interview_id": ids["interview"],
        },
    )
    eurl = f"/api/v1/journal/{entry['id']}"
    assert api.get(eurl).json() == entry
    assert api.patch(eurl, json={"body": "  "}).status_code == 422
    edited = api.patch(eurl, json={"body": "Dana: the robot arm demo"})
    assert edited.json()["body"] == "Dana: the robot arm demo"
    listed = api.get("/api/v1/journal", params={"application_id": ids["app"]}).json()
    assert [e["id"] for e in listed] == [entry["id"]]
    assert api.delete(url).status_code == 204
    assert api.get(eurl).json()["interview_id"] is None  # the entry stays, unlinked
    assert api.delete(eurl).status_code == 204
    assert api.get("/api/v1/journal").json() == []


def test_an_interviewer_from_another_company_is_refused(api: Browser) -> None:
    ids = job_search(api)
    other = created(api, "/api/v1/companies", {"name": "Globex"})
    stranger = created(api, "/api/v1/people", {"name": "Sam", "company_id": other["id"]})
    response = api.patch(
        f"/api/v1/interviews/{ids['interview']}", json={"interviewer_ids": [stranger["id"]]}
    )
    assert response.status_code == 422
    assert "works at Globex" in response.json()["error"]["message"]


def test_deleting_an_application_takes_its_rows_and_search_hits(any_api: Browser) -> None:
    api = any_api
    ids = job_search(api)
    created(
        api, "/api/v1/journal", {"application_id": ids["app"], "body": "They asked about kayaks"}
    )
    _reject(api, ids["app"])
    assert api.get("/api/v1/tasks").json()
    assert [h.entry.body for h in journal.search(_ctx(api), "kayaks").entries]
    assert api.delete(f"/api/v1/applications/{ids['app']}").status_code == 204
    assert api.get("/api/v1/tasks", params={"status": ["open", "done", "cancelled"]}).json() == []
    assert api.get("/api/v1/interviews").json() == []
    assert api.get("/api/v1/journal").json() == []
    assert journal.search(_ctx(api), "kayaks").entries == []
    # Dana stays, her interview seat gone; deleting her takes her notes out of search.
    assert [p.id for p in journal.search(_ctx(api), "sailboats").people] == [ids["dana"]]
    assert api.delete(f"/api/v1/people/{ids['dana']}").status_code == 204
    assert journal.search(_ctx(api), "sailboats").people == []


def test_deleting_an_interviewer_replans_without_them(api: Browser) -> None:
    ids = job_search(api)
    plan = _reject(api, ids["app"])
    assert any(t["person_id"] == ids["dana"] for t in plan["tasks"])
    assert api.delete(f"/api/v1/people/{ids['dana']}").status_code == 204
    kinds = [t["kind"] for t in api.get("/api/v1/tasks").json()]
    assert "thank_you_card" not in kinds
    assert "record_interviewers" in kinds


def _by_due(task: dict[str, Any]) -> tuple[str, int]:
    return task["due"], task["id"]


def test_tasks_list_filters_and_moves(any_api: Browser) -> None:
    api = any_api
    ids = job_search(api)
    plan = _reject(api, ids["app"])
    pending = api.get("/api/v1/tasks").json()
    planned = [t for t in plan["tasks"] if t["status"] == "open"]
    assert [t["id"] for t in pending] == [t["id"] for t in sorted(planned, key=_by_due)]
    first, second, third = pending[0]["id"], pending[1]["id"], pending[2]["id"]
    done = api.post(f"/api/v1/tasks/{first}/done")
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "done"
    assert done.json()["done_on"] == "2026-11-25"
    assert api.post(f"/api/v1/tasks/{first}/done").status_code == 409  # already done
    assert api.post(f"/api/v1/tasks/{second}/skip").json()["status"] == "skipped"
    snoozed = api.post(f"/api/v1/tasks/{third}/snooze", json={"until": "2026-12-24"})
    assert snoozed.json()["status"] == "snoozed"
    assert snoozed.json()["due"] == "2026-12-24"
    assert (
        api.post(f"/api/v1/tasks/{third}/snooze", json={"until": "2026-11-01"}).status_code == 422
    )
    assert api.post(f"/api/v1/tasks/{third}/snooze", json={}).status_code == 422
    left = {t["id"] for t in api.get("/api/v1/tasks").json()}
    assert third in left
    assert not {first, second} & left
    closed = api.get("/api/v1/tasks", params={"status": ["done", "skipped"]}).json()
    assert {t["id"] for t in closed} == {first, second}
    soon = api.get("/api/v1/tasks", params={"due_before": "2026-12-01"}).json()
    assert soon
    assert all(t["due"] < "2026-12-01" for t in soon)
    assert api.get("/api/v1/tasks", params={"status": "finished"}).status_code == 422
    assert api.get(f"/api/v1/tasks/{third}").json() == snoozed.json()


def test_task_json_is_the_clis(api: Browser, web_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = job_search(api)
    _reject(api, ids["app"])
    task_id = api.get("/api/v1/tasks").json()[1]["id"]
    api.post(f"/api/v1/tasks/{task_id}/snooze", json={"until": "2026-12-24"})
    nr = Nextround(tmp_path, web_settings.db_url)
    from_cli = nr.ok("--json", "tasks").json()
    from_api = api.get("/api/v1/tasks").json()
    assert from_api == from_cli
    assert {t["status"] for t in from_api} == {"open", "snoozed"}
    assert (
        api.get(f"/api/v1/tasks/{task_id}").json()
        == nr.ok("task", "show", str(task_id), "--json").json()
    )


def test_the_task_list_doesnt_query_per_row(api: Browser) -> None:
    def reject_some(n: int, offset: int) -> None:
        company = created(api, "/api/v1/companies", {"name": f"Company {offset}"})
        for i in range(n):
            app = created(
                api,
                "/api/v1/applications",
                {"company_id": company["id"], "role": f"Role {i}", "applied_on": "2026-10-01"},
            )
            _reject(api, app["id"])

    reject_some(1, 0)
    with count_queries(api) as few:
        small = api.get("/api/v1/tasks").json()
    reject_some(6, 1)
    with count_queries(api) as many:
        large = api.get("/api/v1/tasks").json()
    assert len(small) <= 6 and len(large) >= 30
    assert len(many) == len(few) <= 12
