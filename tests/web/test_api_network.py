"""The API of people you know and of contacts: the same JSON as `company show --json`."""

from __future__ import annotations

from datetime import date

from nextround.services import network
from tests.web.conftest import Browser
from tests.web.scenario import company, ctx_of, person
from tests.web.test_people_you_know import contact


def test_people_you_know_as_json(any_api: Browser) -> None:
    ctx = ctx_of(any_api)
    acme = company(ctx, "Acme Robotics", website="https://acme.example")
    person(ctx, "Dana Smith", acme, title="CTO")
    fox = contact(ctx, "Fox Mulder", "ACME Robotics GmbH", date(2026, 2, 8))
    contact(ctx, "Elsewhere", "Acme Robotics Labs")
    found = any_api.get(f"/api/v1/companies/{acme}/people-you-know")
    assert found.status_code == 200, found.text
    body = found.json()
    assert body == network.people_you_know(ctx, acme).to_json()
    assert [(p["person_id"], p["why"], p["how"]) for p in body["people"]] == [
        (fox, "name", "LinkedIn connection since 8 Feb 2026"),
        (body["people"][1]["person_id"], "linked", "you met them there"),
    ]
    assert body["people"][0]["ties"] == [{"kind": "linkedin", "on": "2026-02-08"}]
    assert body["summary"].startswith("You know 2 people at Acme Robotics: Fox Mulder")
    missing = any_api.get("/api/v1/companies/999/people-you-know")
    assert missing.status_code == 404
    assert missing.json()["error"]["type"] == "not_found"


def test_contacts_as_json(api: Browser) -> None:
    ctx = ctx_of(api)
    acme = company(ctx, "Acme Robotics")
    fox = contact(ctx, "Fox Mulder", "Acme Robotics Inc.")
    listed = api.get("/api/v1/contacts?source=linkedin").json()
    assert (listed["total"], listed["sources"], listed["source"]) == (
        1,
        {"linkedin": 1},
        "linkedin",
    )
    (row,) = listed["rows"]
    assert (row["person"]["id"], row["person"]["organisation"], row["company_id"]) == (
        fox,
        "Acme Robotics Inc.",
        acme,
    )
    bad = api.get("/api/v1/contacts?source=myspace")
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {"source": bad.json()["error"]["message"]}
    for wrong in ("limit=0", "limit=501", "cursor=x"):
        response = api.get(f"/api/v1/contacts?{wrong}")
        assert response.status_code == 422, wrong
        assert set(response.json()["error"]["fields"]) == {wrong.split("=")[0]}


def test_contacts_as_json_a_page_at_a_time(api: Browser) -> None:
    ctx = ctx_of(api)
    ids = [contact(ctx, f"Person {i}", "Org") for i in range(7)]
    whole = api.get("/api/v1/contacts?limit=500")
    assert "link" not in whole.headers
    assert [r["person"]["id"] for r in whole.json()["rows"]] == ids
    walked: list[int] = []
    url: str | None = "/api/v1/contacts?limit=3"
    while url is not None:
        response = api.get(url)
        body = response.json()
        assert body["total"] == 7 and len(body["rows"]) <= 3
        walked += [r["person"]["id"] for r in body["rows"]]
        link = response.headers.get("link")
        url = link[1 : link.index(">")] if link else None
        assert url is None or 'rel="next"' in link  # type: ignore[operator]
    assert walked == ids
