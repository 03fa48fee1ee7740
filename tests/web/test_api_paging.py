"""Every list in the API is paged: ``limit``, ``cursor``, and a ``Link: rel="next"`` header.

The lists are found in the route table (every ``GET`` under ``/api/v1`` answering a
JSON list), so a new list that forgets paging fails here. Each is walked a few rows
at a time, on SQLite and on PostgreSQL, against the same list read in one page.
"""

from __future__ import annotations

import importlib
import re
import typing
from typing import Any

import pytest
from fastapi.routing import APIRoute

from nextround.errors import InvalidInput
from nextround.services import coaching, users
from nextround.services.context import Context
from nextround.storage import coaching as grants
from nextround.web import paging
from nextround.web.app import API_MODULES
from tests.web.apihelpers import created
from tests.web.conftest import Browser, next_link

#: Lists that are one record's own, short by nature (not paged): none may be added lightly.
UNPAGED = {"/api/v1/applications/{app_id}/history"}
#: Paged lists inside an object (with counts beside them), and the field holding the page.
PAGED_OBJECTS = {"/api/v1/contacts": "rows", "/api/v1/mail/suggestions": "groups"}


def _routes() -> list[APIRoute]:
    """The API's route table, as the app includes it."""
    routers = [importlib.import_module(f"nextround.web.{name}").router for name in API_MODULES]
    return [r for router in routers for r in router.routes if isinstance(r, APIRoute)]


def _is_paged(route: APIRoute) -> bool:
    return any(d.call is paging.window for d in route.dependant.dependencies)


def _lists() -> list[str]:
    found = []
    for route in _routes():
        if "GET" in route.methods and typing.get_origin(route.response_model) is list:
            found.append(route.path)
    return sorted(found)


PAGED = [path for path in _lists() if path not in UNPAGED]


def test_every_list_in_the_route_table_is_paged() -> None:
    routes = {r.path: r for r in _routes() if "GET" in r.methods}
    assert len(PAGED) >= 7
    for path in PAGED:
        assert _is_paged(routes[path]), f"{path} answers a list but takes no limit/cursor"
    # and nothing else carries paging it can't honour
    for path in PAGED_OBJECTS:
        assert _is_paged(routes[path]), f"{path} holds a list but takes no limit/cursor"
    assert {p for p, r in routes.items() if _is_paged(r)} == {*PAGED, *PAGED_OBJECTS}


NAMES = ["Zeta Labs", "acme", "Émile & Co", "Ebony", "Beta", "éa", "Delta", "Omega"]


@pytest.fixture
def busy(any_api: Browser) -> Browser:
    """Enough of everything for several pages of each list, with ties and NULLs in the sort."""
    api = any_api
    companies = [created(api, "/api/v1/companies", {"name": n})["id"] for n in NAMES]
    for i, company in enumerate(companies[:4]):
        person = created(
            api, "/api/v1/people", {"name": ["Ann", "ann", "Ånn", "Bob"][i], "company_id": company}
        )
        created(api, "/api/v1/people", {"name": "Ann", "company_id": companies[i + 4]})
        app = created(
            api,
            "/api/v1/applications",
            {"company_id": company, "role": f"Role {i}", "applied_on": "2026-09-01"},
        )
        for at in (None, "10:00", None):  # the same day: time and id break the tie
            body = {"application_id": app["id"], "on": "2026-11-10", "interviewer_ids": []}
            created(api, "/api/v1/interviews", {**body, **({"at": at} if at else {})})
        body = {"application_id": app["id"], "on": "2026-11-11", "interviewer_ids": [person["id"]]}
        created(api, "/api/v1/interviews", body)
        for text in ("first", "second"):
            created(api, "/api/v1/journal", {"application_id": app["id"], "body": text})
        response = api.post(f"/api/v1/applications/{app['id']}/reject")
        assert response.status_code == 200, response.text
    for company in companies[4:]:
        created(api, "/api/v1/applications", {"company_id": company, "role": "Saved for later"})
    for gone in (created(api, "/api/v1/companies", {"name": f"Gone {i}"}) for i in range(5)):
        assert api.delete(f"/api/v1/companies/{gone['id']}").status_code == 204
    _coaching(api.app.state.web.base)  # type: ignore[attr-defined]
    return api


def _coaching(ctx: Context) -> None:
    """Six coaches the user shares with, and six users sharing with the user (whose own
    account has no email to be given access by, so their consent is stored directly)."""
    for i in range(6):
        users.add_user(ctx, f"coach{i}@example.org")
        coaching.grant(ctx, f"coach{i}@example.org")
        seeker = users.add_user(ctx, f"seeker{i}@example.org").user_id
        with ctx.db.transaction() as c:
            grants.add(c, seeker, ctx.owner)
            assert grants.grant(c, seeker, ctx.owner, side="coach", live=False) is not None


def _walk(api: Browser, path: str, limit: int) -> tuple[list[Any], int]:
    """Every item, following the Link headers; and how many pages it took."""
    items: list[Any] = []
    url: str | None = f"{path}?limit={limit}"
    pages = 0
    while url is not None:
        response = api.get(url)
        assert response.status_code == 200, response.text
        page = response.json()
        assert isinstance(page, list)
        assert len(page) <= limit
        url = next_link(response)
        if url is not None:
            assert len(page) == limit  # only the last page is short
        items.extend(page)
        pages += 1
    return items, pages


@pytest.mark.parametrize("path", PAGED)
def test_walking_the_pages_gives_every_item_once_in_order(busy: Browser, path: str) -> None:
    whole = busy.get(path, params={"limit": 500})
    assert whole.status_code == 200
    assert "link" not in whole.headers
    everything = whole.json()
    assert len(everything) >= 5, "too few rows to page"
    assert busy.get(path).json() == everything  # the default (100) holds them all
    for limit in (1, 2, 3):
        walked, pages = _walk(busy, path, limit)
        assert walked == everything
        assert pages == -(-len(everything) // limit)


@pytest.mark.parametrize("path", PAGED)
def test_a_bad_limit_or_cursor_is_a_422_naming_it(busy: Browser, path: str) -> None:
    for limit in ("0", "501", "ten", "-1"):
        response = busy.get(path, params={"limit": limit})
        assert response.status_code == 422, (limit, response.text)
        error = response.json()["error"]
        assert set(error["fields"]) == {"limit"}
        assert "\n" not in error["message"]
    first = busy.get(path, params={"limit": 1})
    link = next_link(first)
    assert link is not None
    cursor = re.search(r"cursor=([^&]+)", link).group(1)  # type: ignore[union-attr]
    tampered = cursor[:-2] + ("AA" if cursor[-2:] != "AA" else "BB")
    for bad in ("x", "not a cursor", tampered, cursor + "A", "A" * 40):
        response = busy.get(path, params={"cursor": bad})
        assert response.status_code == 422, (bad, response.text)
        error = response.json()["error"]
        assert set(error["fields"]) == {"cursor"}
        assert "cursor" in error["message"]
    other = next(p for p in PAGED if p != path)  # another list's cursor
    response = busy.get(other, params={"cursor": cursor})
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"cursor"}


def test_a_cursor_holds_to_its_filters(busy: Browser) -> None:
    first = busy.get("/api/v1/tasks", params={"limit": 1, "status": ["open", "done"]})
    link = next_link(first)
    assert link is not None and "status=open" in link and "status=done" in link
    assert busy.get(link).status_code == 200
    cursor = re.search(r"cursor=([^&]+)", link).group(1)  # type: ignore[union-attr]
    response = busy.get("/api/v1/tasks", params={"cursor": cursor})  # other statuses
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"cursor"}


def test_pages_hold_still_when_rows_come_and_go(busy: Browser) -> None:
    """Keyset, not OFFSET: a row deleted before the cursor doesn't shift the next page."""
    first = busy.get("/api/v1/companies", params={"limit": 3})
    rest = busy.get(next_link(first)).json()  # type: ignore[arg-type]
    gone = first.json()[0]["id"]
    assert busy.delete(f"/api/v1/companies/{gone}", params={"cascade": True}).status_code == 204
    again = busy.get(next_link(first)).json()  # type: ignore[arg-type]
    assert [c["id"] for c in again] == [c["id"] for c in rest]


def test_a_cursor_carries_every_kind_of_sort_value_back() -> None:
    from datetime import date, datetime, time

    from starlette.requests import Request

    def request(query: bytes) -> Request:
        return Request({"type": "http", "path": "/api/v1/x", "query_string": query, "headers": []})

    key = (None, 7, "Émile", date(2026, 1, 2), datetime(2026, 1, 2, 3, 4, 5), time(9, 30))
    cursor = paging.encode(key, request(b"status=open&limit=3"))
    assert re.fullmatch(r"[A-Za-z0-9_-]+", cursor)  # URL-safe, no padding
    assert paging.decode(cursor, request(b"limit=50&status=open")) == key  # limit may change
    for other in (b"status=done", b""):
        with pytest.raises(InvalidInput) as caught:
            paging.decode(cursor, request(other))
        assert caught.value.fields.keys() == {"cursor"}
