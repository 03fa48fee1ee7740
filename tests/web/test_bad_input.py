"""Bad input never makes a 500: each gets its status, an error naming the field, and no write.

"Nothing written" is checked against the record of changes: every write a
service makes is recorded there (it is what undo takes back).
"""

from __future__ import annotations

import importlib
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute

from nextround.services import applications, history
from nextround.web.app import API_MODULES, PAGE_MODULES
from tests.web.apihelpers import job_search
from tests.web.conftest import Browser
from tests.web.scenario import ctx_of

HUGE = (2**63, 2**64 + 5, 2**31, 0)


def changes(client: Browser) -> int:
    return len(history.recent(ctx_of(client), 10_000))


def id_routes(client: Browser) -> Iterator[tuple[str, str, str]]:
    """(method, path, param) of every route of the app's page and API groups taking an id."""
    for name in PAGE_MODULES + API_MODULES:
        for route in importlib.import_module(f"nextround.web.{name}").router.routes:
            assert isinstance(route, APIRoute)
            for param in re.findall(r"{(\w+_id)}", route.path):
                for method in sorted(route.methods - {"HEAD"}):
                    yield method, route.path, param


def send(client: Browser, method: str, path: str) -> Any:
    if path.startswith("/api/"):
        body = {} if method in {"POST", "PUT", "PATCH"} else None
        return client.request(method, path, json=body)
    if method == "GET":
        return client.get(path, follow_redirects=False)
    return client.submit(path)


def test_every_route_with_an_id_is_covered(client: Browser) -> None:
    found = {(m, p) for m, p, _ in id_routes(client)}
    assert len(found) >= 45  # the pages' and the API's routes that take an id
    assert ("PATCH", "/api/v1/tasks/{task_id}") in found
    assert ("POST", "/trash/{change_id}/restore") in found


@pytest.mark.parametrize("number", HUGE)
def test_an_id_no_row_can_have_is_a_404_everywhere(api: Browser, number: int) -> None:
    job_search(api)
    before = changes(api)
    for method, route, param in id_routes(api):
        path = route.replace(f"{{{param}}}", str(number))
        response = send(api, method, path)
        assert response.status_code == 404, (method, path, response.text[:300])
        if path.startswith("/api/"):
            error = response.json()["error"]
            assert error["type"] == "not_found" and str(number) in error["message"], path
            assert error["fields"] == {}
        else:
            assert "Back to Today" in response.text, path
    assert changes(api) == before


# JSON the decoder accepts, but the rules refuse


def raw_json(api: Browser, method: str, path: str, body: object) -> Any:
    """``body`` sent as JSON text with ``\\uXXXX`` escapes, so lone surrogates get through."""
    text = json.dumps(body)  # ensure_ascii: a lone surrogate is written as "\\ud800"
    headers = {"Content-Type": "application/json"}
    return api.request(method, path, content=text.encode("ascii"), headers=headers)


def surrogate_cases(ids: dict[str, int], task: int) -> list[tuple[str, str, dict[str, Any], str]]:
    bad = "a\ud800b"
    return [
        ("POST", "/api/v1/companies", {"name": bad}, "name"),
        ("POST", "/api/v1/companies", {"name": "Globex", "notes": bad}, "notes"),
        ("PATCH", f"/api/v1/companies/{ids['company']}", {"website": bad}, "website"),
        ("POST", "/api/v1/people", {"name": "Kim", "company_id": ids["company"], "title": bad}, "title"),
        ("PATCH", f"/api/v1/people/{ids['dana']}", {"name": bad}, "name"),
        ("POST", "/api/v1/applications", {"company_id": ids["company"], "role": bad}, "role"),
        ("PATCH", f"/api/v1/applications/{ids['app']}", {"location": bad}, "location"),
        ("POST", "/api/v1/journal", {"application_id": ids["app"], "body": bad}, "body"),
        (
            "POST",
            "/api/v1/interviews",
            {"application_id": ids["app"], "on": "2026-11-20", "new_interviewers": [bad]},
            "interviewers",
        ),
        ("PATCH", f"/api/v1/interviews/{ids['interview']}", {"notes": bad}, "notes"),
        ("PATCH", f"/api/v1/tasks/{task}", {"draft": bad}, "draft"),
    ]  # fmt: skip


def test_a_lone_surrogate_is_a_422_naming_the_field(
    api: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ids = job_search(api)
    task = applications.reject(ctx_of(api), ids["app"]).tasks[0].id
    before = changes(api)
    for method, path, body, field in surrogate_cases(ids, task):
        response = raw_json(api, method, path, body)
        assert response.status_code == 422, (path, body, response.text)
        error = response.json()["error"]
        assert error["type"] == "invalid_input"
        assert "lone surrogate" in error["fields"][field], (path, error)
    assert changes(api) == before
    for record in caplog.records:  # whatever was logged can be written out
        record.getMessage().encode("utf-8")


def test_a_lone_surrogate_in_a_field_name_is_answered_not_crashed(api: Browser) -> None:
    response = raw_json(api, "POST", "/api/v1/companies", {"name": "Globex", "\udc80x": 1})
    assert response.status_code == 422
    assert "unicode string" in response.json()["error"]["fields"]["request"]
    assert api.get("/api/v1/companies").json() == []


# Malformed JSON


@pytest.mark.parametrize(
    "body",
    [
        b'{"name": ',
        b'{"name": "Acme",}',
        b"{'name': 'Acme'}",
        b'{"name": "\xff\xfe"}',  # not UTF-8
        b"[" * 100_000,  # nested past the decoder's limit
        b"\x00",
    ],
)
def test_malformed_json_is_a_422_with_the_error_body(api: Browser, body: bytes) -> None:
    response = api.post(
        "/api/v1/companies", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["type"] == "invalid_input"
    assert error["fields"]["body"].startswith("is not valid JSON")
    assert api.get("/api/v1/companies").json() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [([], "request"), ("Acme", "request"), ({"name": None}, "name"), ({"name": 7}, "name")],
)
def test_json_of_the_wrong_shape_is_a_422_naming_it(api: Browser, body: Any, field: str) -> None:
    response = api.post("/api/v1/companies", json=body)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert api.get("/api/v1/companies").json() == []


# Numbers and dates out of range


def range_cases(ids: dict[str, int], task: int) -> list[tuple[str, str, dict[str, Any], str]]:
    app, interview = ids["app"], ids["interview"]
    company = ids["company"]
    return [
        ("POST", "/api/v1/applications", {"company_id": company, "role": "R", "applied_on": "9999-12-31"}, "applied_on"),
        ("POST", "/api/v1/applications", {"company_id": company, "role": "R", "applied_on": "1899-12-31"}, "applied_on"),
        ("POST", "/api/v1/applications", {"company_id": company, "role": "R", "applied_on": "10000-01-01"}, "applied_on"),
        ("POST", "/api/v1/applications", {"company_id": company, "role": "R", "salary_min": 2**70}, "salary_min"),
        ("PATCH", f"/api/v1/applications/{app}", {"applied_on": "9999-12-31"}, "applied_on"),
        ("PATCH", f"/api/v1/applications/{app}", {"role": "R", "revision": 2**63}, "revision"),
        ("POST", f"/api/v1/applications/{app}/status", {"status": "offer", "on": "9999-12-31"}, "on"),
        ("POST", f"/api/v1/applications/{app}/reject", {"on": "1800-01-01"}, "on"),
        ("POST", "/api/v1/interviews", {"application_id": app, "on": "9999-12-31"}, "on"),
        ("PATCH", f"/api/v1/interviews/{interview}", {"on": "0001-01-01"}, "on"),
        ("PATCH", f"/api/v1/tasks/{task}", {"due": "9999-12-31"}, "due"),
        ("POST", f"/api/v1/tasks/{task}/snooze", {"until": "9999-12-31"}, "until"),
        ("POST", f"/api/v1/tasks/{task}/done", {"on": "9999-12-31"}, "on"),
        ("PATCH", f"/api/v1/companies/{company}", {"notes": "x", "revision": -1}, "revision"),
    ]  # fmt: skip


def test_numbers_and_dates_out_of_range_are_a_422_naming_the_field(api: Browser) -> None:
    ids = job_search(api)
    task = applications.reject(ctx_of(api), ids["app"]).tasks[0].id
    before = changes(api)
    for method, path, body, field in range_cases(ids, task):
        response = api.request(method, path, json=body)
        assert response.status_code == 422, (path, body, response.text)
        error = response.json()["error"]
        assert error["type"] == "invalid_input"
        assert field in error["fields"], (path, body, error)
    assert changes(api) == before


def test_ids_in_a_body_that_no_row_can_have_are_not_found(api: Browser) -> None:
    ids = job_search(api)
    before = changes(api)
    for path, body in (
        ("/api/v1/people", {"name": "Kim", "company_id": 2**63}),
        ("/api/v1/journal", {"application_id": 2**63, "body": "x"}),
        ("/api/v1/interviews", {"application_id": ids["app"], "on": "2026-11-20", "interviewer_ids": [2**63]}),
        ("/api/v1/applications", {"company_id": 2**64, "role": "R"}),
    ):  # fmt: skip
        response = api.post(path, json=body)
        assert response.status_code == 404, (path, response.text)
        assert response.json()["error"]["type"] == "not_found"
    assert changes(api) == before


# The CSRF token, in a header or a form, with characters a token never has


@pytest.mark.parametrize("token", ["é" * 43, "\u2603" * 43, "\xff" * 43])
def test_a_non_ascii_csrf_header_is_refused(client: Browser, token: str) -> None:
    response = client.post(
        "/api/v1/companies",
        json={"name": "Acme"},
        headers={"X-CSRF-Token": token.encode("utf-8")},
    )
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "forbidden"
    assert client.get("/api/v1/companies").json() == []


@pytest.mark.parametrize(
    "token",
    [b"%C3%A9" * 43, b"%E2%98%83" * 43, b"%ED%B2%80" * 43, b"%FF" * 43, b"\xc3\xa9" * 43],
)
def test_a_non_ascii_csrf_form_field_is_refused(client: Browser, token: bytes) -> None:
    """As a form sends it: percent-encoded UTF-8 (or not UTF-8 at all), or raw bytes."""
    response = client.post(
        "/companies",
        content=b"csrf=" + token + b"&name=Acme&form_token=" + b"t" * 32,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert "expired or came from elsewhere" in response.text
    assert changes(client) == 0


def test_a_form_with_an_id_past_any_row_is_not_found(client: Browser) -> None:
    ids = job_search(_api(client))
    client.load("/")
    before = changes(client)
    for path, form in (
        ("/people", {"company_id": "9" * 30, "name": "Kim", "form_token": "t" * 32}),
        (f"/applications/{ids['app']}/journal", {"body": "x", "interview_id": "9" * 19}),
        (f"/people/{ids['dana']}/merge", {"into": str(2**63)}),
        (f"/companies/{ids['company']}/merge", {"into": "12ab"}),
    ):
        response = client.submit(path, form)
        assert response.status_code == 404, (path, response.text[-400:])
    assert client.get("/people/new?company=" + "9" * 40).status_code == 404
    assert changes(client) == before


def _api(client: Browser) -> Browser:
    client.headers["X-CSRF-Token"] = client.csrf
    return client


@pytest.mark.parametrize("number", [2**63, 2**31, 0, -1])
def test_an_id_no_row_can_have_in_a_query_is_a_404(api: Browser, number: int) -> None:
    for path, param in (
        ("/api/v1/people", "company_id"),
        ("/api/v1/interviews", "application_id"),
        ("/api/v1/journal", "application_id"),
    ):
        response = api.get(path, params={param: str(number)})
        assert response.status_code == 404, (path, response.text)
        assert response.json()["error"]["type"] == "not_found"
    for page in (f"/people?company={number}", f"/people/new?company={number}"):
        assert api.get(page).status_code == 404, page


def test_a_refused_request_is_logged_without_secrets(
    api: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="nextround"):
        refused = api.post("/api/v1/companies", json={"name": "Acme\u0007", "website": "no url"})
        secret = "s3cr3t-token-that-must-not-be-logged-0123456789abcdef"
        missing = api.get(f"/calendar/{secret}.ics")
    assert refused.status_code == 422 and missing.status_code == 404
    lines = [r.getMessage() for r in caplog.records]
    assert "refused POST /api/v1/companies: invalid_input ['name', 'website']" in lines
    assert not [line for line in lines if secret in line]
