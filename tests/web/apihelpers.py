"""Helpers for the API tests: a browser whose scripts send the token, a small job search."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import Browser


def created(api: Browser, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post(path, json=body)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


def job_search(api: Browser) -> dict[str, int]:
    """Acme, Dana who interviewed, an application sent on 1 October, interviewed 10 November."""
    company = created(
        api, "/api/v1/companies", {"name": "Acme Robotics", "website": "acme.example"}
    )
    dana = created(
        api,
        "/api/v1/people",
        {
            "name": "Dana Smith",
            "company_id": company["id"],
            "email": "dana@acme.example",
            "notes": "Loves sailboats",
        },
    )
    app = created(
        api,
        "/api/v1/applications",
        {"company_id": company["id"], "role": "Backend Engineer", "applied_on": "2026-10-01"},
    )
    meeting = created(
        api,
        "/api/v1/interviews",
        {
            "application_id": app["id"],
            "on": "2026-11-10",
            "at": "14:30",
            "interviewer_ids": [dana["id"]],
        },
    )
    return {
        "company": company["id"],
        "dana": dana["id"],
        "app": app["id"],
        "interview": meeting["id"],
    }
