"""The JSON API's common ground: the schema, the error shape, the write guard; companies and people."""

from __future__ import annotations

import pytest

from nextround.services import journal
from tests.web.apihelpers import created, job_search
from tests.web.conftest import BASE, Browser, make_client

PATHS = {
    "/api/v1/companies": {"get", "post"},
    "/api/v1/companies/{company_id}": {"get", "patch", "delete"},
    "/api/v1/companies/{company_id}/merge": {"post"},
    "/api/v1/people": {"get", "post"},
    "/api/v1/people/{person_id}": {"get", "patch", "delete"},
    "/api/v1/people/{person_id}/merge": {"post"},
    "/api/v1/people/{person_id}/reply": {"put"},
    "/api/v1/applications": {"get", "post"},
    "/api/v1/applications/{app_id}": {"get", "patch", "delete"},
    "/api/v1/applications/{app_id}/history": {"get"},
    "/api/v1/applications/{app_id}/status": {"post"},
    "/api/v1/applications/{app_id}/reject": {"post"},
    "/api/v1/interviews": {"get", "post"},
    "/api/v1/interviews/{interview_id}": {"get", "patch", "delete"},
    "/api/v1/journal": {"get", "post"},
    "/api/v1/journal/{entry_id}": {"get", "patch", "delete"},
    "/api/v1/tasks": {"get"},
    "/api/v1/tasks/{task_id}": {"get", "patch", "delete"},
    "/api/v1/tasks/{task_id}/done": {"post"},
    "/api/v1/tasks/{task_id}/skip": {"post"},
    "/api/v1/tasks/{task_id}/snooze": {"post"},
    "/api/v1/tasks/{task_id}/redraft": {"post"},
    "/api/v1/tasks/{task_id}/card.pdf": {"get"},
    "/api/v1/undo": {"post"},
    "/api/v1/trash": {"get", "delete"},
    "/api/v1/trash/{change_id}/restore": {"post"},
    "/api/v1/export": {"get"},
    "/api/v1/restore": {"post"},
    "/api/v1/imports/{kind}": {"post"},
    "/api/v1/companies/{company_id}/people-you-know": {"get"},
    "/api/v1/contacts": {"get"},
    "/api/v1/companies/{company_id}/watch": {"get", "post", "delete"},
    "/api/v1/companies/{company_id}/watch/run": {"post"},
    "/api/v1/companies/{company_id}/watch/discover": {"post"},
    "/api/v1/companies/{company_id}/watch/feed": {"post"},
    "/api/v1/whats-new": {"get"},
    "/api/v1/mail/scan": {"get", "post"},
    "/api/v1/mail/upload": {"post"},
    "/api/v1/mail/suggestions": {"get"},
    "/api/v1/mail/suggestions/confirm": {"post"},
    "/api/v1/coaches": {"get", "post"},
    "/api/v1/coaches/{coach_id}": {"delete"},
    "/api/v1/coach/seekers": {"get"},
    "/api/v1/coach/seekers/{seeker_id}": {"get"},
    "/api/v1/mail/suggestions/dismiss": {"post"},
    "/api/v1/mail/suggestions/unfold": {"post"},
    "/api/v1/account": {"delete"},
}


def test_openapi_lists_every_path_and_documents_the_shapes(api: Browser) -> None:
    schema = api.get("/openapi.json").json()
    paths = {p: set(ops) for p, ops in schema["paths"].items()}
    assert paths == PATHS  # pages and the calendar feed stay out of the API's schema
    models = schema["components"]["schemas"]
    for name in (
        "CompanyIn",
        "CompanyOut",
        "CompanyPatch",
        "TaskOut",
        "TaskPatch",
        "PlanOut",
        "SnoozeIn",
        "ErrorOut",
        "MergeIn",
        "MergedOut",
        "TrashItemOut",
        "StatusEventOut",
    ):
        assert name in models, name
    for path, operations in PATHS.items():  # every write documents the error shape
        for verb in operations - {"get"}:
            responses = schema["paths"][path][verb]["responses"]
            assert responses["422"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorOut"
            }, (path, verb)
    for path in ("/api/v1/tasks", "/api/v1/companies", "/api/v1/trash"):  # paged lists
        params = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        limit = params["limit"]["schema"]
        assert (limit["default"], limit["minimum"], limit["maximum"]) == (100, 1, 500), path
        assert params["cursor"]["in"] == "query", path
    reject = schema["paths"]["/api/v1/applications/{app_id}/reject"]["post"]
    assert reject["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PlanOut"
    }
    assert reject["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }


def test_company_round_trip(any_api: Browser) -> None:
    api = any_api
    company = created(api, "/api/v1/companies", {"name": "Acme", "website": "acme.example"})
    assert company["website"] == "https://acme.example"
    assert company["revision"] == 0
    url = f"/api/v1/companies/{company['id']}"
    assert api.get(url).json() == company
    changed = api.patch(
        url, json={"address": "1 Main St", "add_socials": ["https://x.com/acme"], "revision": 0}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["address"] == "1 Main St"
    assert changed.json()["socials"] == [{"url": "https://x.com/acme", "followed_on": None}]
    assert changed.json()["revision"] == 1
    assert [c["name"] for c in api.get("/api/v1/companies").json()] == ["Acme"]
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    assert api.get("/api/v1/companies").json() == []


def test_person_round_trip(any_api: Browser) -> None:
    api = any_api
    company = created(api, "/api/v1/companies", {"name": "Acme"})
    person = created(
        api, "/api/v1/people", {"name": "Dana Smith", "company_id": company["id"], "title": "EM"}
    )
    assert person["company"] == "Acme"
    url = f"/api/v1/people/{person['id']}"
    assert api.get(url).json() == person
    changed = api.patch(url, json={"email": "dana@acme.example", "revision": person["revision"]})
    assert changed.status_code == 200, changed.text
    assert changed.json()["email"] == "dana@acme.example"
    assert changed.json()["title"] == "EM"
    listed = api.get("/api/v1/people", params={"company_id": company["id"]}).json()
    assert [p["id"] for p in listed] == [person["id"]]
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404


def test_a_stale_update_is_refused_and_changes_nothing(api: Browser) -> None:
    company = created(api, "/api/v1/companies", {"name": "Acme"})
    url = f"/api/v1/companies/{company['id']}"
    assert api.patch(url, json={"address": "first", "revision": 0}).status_code == 200
    stale = api.patch(url, json={"address": "second", "revision": 0})
    assert stale.status_code == 409
    assert stale.json()["error"]["type"] == "conflict"
    assert "reload" in stale.json()["error"]["message"]
    assert api.get(url).json()["address"] == "first"
    person = created(api, "/api/v1/people", {"name": "Dana", "company_id": company["id"]})
    purl = f"/api/v1/people/{person['id']}"
    assert api.patch(purl, json={"title": "EM", "revision": 0}).status_code == 200
    assert api.patch(purl, json={"title": "CTO", "revision": 0}).status_code == 409
    assert api.get(purl).json()["title"] == "EM"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/companies/99",
        "/api/v1/people/99",
        "/api/v1/applications/99",
        "/api/v1/interviews/99",
        "/api/v1/journal/99",
        "/api/v1/tasks/99",
    ],
)
def test_an_unknown_id_is_a_404_in_the_one_shape(api: Browser, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["type"] == "not_found"
    assert "99" in error["message"]
    assert error["fields"] == {}
    assert api.delete(path).status_code in {404, 405}


def test_invalid_input_is_a_422_naming_the_fields(api: Browser) -> None:
    response = api.post("/api/v1/applications", json={"role": "X", "applied_on": "2026-02-30"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "invalid_input"
    assert set(error["fields"]) == {"company_id", "applied_on"}
    unknown = api.post("/api/v1/companies", json={"name": "Acme", "colour": "red"})
    assert unknown.status_code == 422
    assert "colour" in unknown.json()["error"]["fields"]
    bad_url = api.post("/api/v1/companies", json={"name": "Acme", "website": "not a site"})
    assert bad_url.status_code == 422
    assert "not a web address" in bad_url.json()["error"]["message"]
    assert api.get("/api/v1/companies").json() == []


def test_a_duplicate_company_is_a_conflict(api: Browser) -> None:
    acme = created(api, "/api/v1/companies", {"name": "Acme"})
    for name in ("ACME", "Acme"):
        again = api.post("/api/v1/companies", json={"name": name})
        assert again.status_code == 409
        assert again.json()["error"]["type"] == "conflict"
        assert again.json()["error"]["existing_id"] == acme["id"]
    assert len(api.get("/api/v1/companies").json()) == 1


def test_a_browser_write_without_the_token_is_refused(client: Browser) -> None:
    assert "cookie" in {k.lower() for k in client.build_request("GET", "/").headers}
    response = client.post("/api/v1/companies", json={"name": "Acme"})
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "forbidden"
    wrong = client.post(
        "/api/v1/companies", json={"name": "Acme"}, headers={"X-CSRF-Token": "x" * 43}
    )
    assert wrong.status_code == 403
    assert client.get("/api/v1/companies").json() == []  # reads need no token


def test_an_origin_header_alone_makes_a_browser(web_settings) -> None:  # type: ignore[no-untyped-def]
    with make_client(web_settings) as script:
        response = script.post("/api/v1/companies", json={"name": "Acme"}, headers={"Origin": BASE})
        assert response.status_code == 403


def test_a_script_without_cookies_needs_no_token(web_settings) -> None:  # type: ignore[no-untyped-def]
    with make_client(web_settings) as script:
        response = script.post("/api/v1/companies", json={"name": "Acme"})
        assert response.status_code == 201, response.text
        assert script.get("/api/v1/companies").json()[0]["name"] == "Acme"


def test_a_form_encoded_post_is_refused_even_with_the_token(api: Browser) -> None:
    """What an HTML form on another site could send: never JSON."""
    for kwargs in (
        {"data": {"name": "Acme"}},
        {"content": b'{"name": "Acme"}', "headers": {"Content-Type": "text/plain"}},
    ):
        response = api.post("/api/v1/companies", **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 415
        assert response.json()["error"]["type"] == "http"
    assert api.get("/api/v1/companies").json() == []


def test_a_cross_site_api_write_is_refused_before_anything(api: Browser) -> None:
    response = api.post(
        "/api/v1/companies", json={"name": "Acme"}, headers={"Origin": "http://evil.example"}
    )
    assert response.status_code == 403
    assert api.get("/api/v1/companies").json() == []


def test_deleting_a_company_with_applications_needs_cascade(api: Browser) -> None:
    ids = job_search(api)
    url = f"/api/v1/companies/{ids['company']}"
    refused = api.delete(url)
    assert refused.status_code == 409
    assert "1 application and 1 person" in refused.json()["error"]["message"]
    assert api.get(url).status_code == 200
    assert api.delete(url, params={"cascade": "true"}).status_code == 204
    for path in ("companies", "people", "applications", "interviews", "tasks"):
        assert api.get(f"/api/v1/{path}").json() == [], path
    context = api.app.state.web.context()  # type: ignore[attr-defined]
    assert journal.search(context, "sailboats").people == []
