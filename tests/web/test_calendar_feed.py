"""The calendar feed: a secret link, the same calendar as ``nextround calendar``, ETag and 304."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import icalendar
import pytest

from nextround.config import Settings
from tests.cli.runner import Nextround
from tests.web.apihelpers import job_search
from tests.web.conftest import BASE, Browser, as_api, make_client
from tests.web.querycount import database_of

LINK = re.compile(re.escape(BASE) + r"/calendar/([A-Za-z0-9_-]{40,})\.ics")


def _new_link(client: Browser) -> str:
    client.load("/settings/calendar")
    response = client.submit("/settings/calendar/link")
    assert response.status_code == 200, response.text
    found = LINK.search(response.text)
    assert found, "the new link is shown"
    assert "shown only this once" in response.text
    return found.group(0).removeprefix(BASE)


def _rejected_search(client: Browser) -> None:
    api = as_api(client)
    ids = job_search(api)
    assert api.post(f"/api/v1/applications/{ids['app']}/reject").status_code == 200


def test_the_settings_page_offers_a_link_when_none_exists(client: Browser) -> None:
    page = client.load("/settings/calendar")
    assert "<h1>Calendar subscription</h1>" in page
    assert "Create a subscription link" in page
    assert "Stop sharing" not in page
    assert "No link yet" in page


def test_creating_a_link_needs_the_form_token(client: Browser) -> None:
    assert client.post("/settings/calendar/link", data={}).status_code == 403


def test_the_feed_serves_the_same_calendar_as_the_cli(
    client: Browser, web_settings: Settings, tmp_path: Path
) -> None:
    _rejected_search(client)
    path = _new_link(client)
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"].startswith("private")
    assert response.headers["etag"].startswith('"')
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any("Dana Smith" in s for s in summaries)
    assert len(summaries) >= 6
    target = tmp_path / "cli.ics"
    Nextround(tmp_path, web_settings.db_url).ok("calendar", "-o", str(target))
    assert response.content == target.read_bytes()


def test_an_unchanged_feed_is_a_304_and_a_change_moves_the_etag(client: Browser) -> None:
    _rejected_search(client)
    path = _new_link(client)
    first = client.get(path)
    tag = first.headers["etag"]
    unchanged = client.get(path, headers={"If-None-Match": tag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["etag"] == tag
    assert client.get(path, headers={"If-None-Match": f'W/{tag}, "other"'}).status_code == 304
    task = as_api(client).get("/api/v1/tasks").json()[0]
    as_api(client).post(f"/api/v1/tasks/{task['id']}/skip")
    changed = client.get(path, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != tag


def test_the_link_is_shown_once_and_only_its_hash_is_kept(client: Browser) -> None:
    path = _new_link(client)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    page = client.load("/settings/calendar")
    assert token not in page
    assert "Replace link" in page
    assert "Stop sharing" in page
    db = database_of(client)
    with db.read() as c:
        rows = c.rows("SELECT token_hash, purpose FROM feed_tokens")
    assert [tuple(r) for r in rows] == [(hashlib.sha256(token.encode()).hexdigest(), "calendar")]


def test_replacing_the_link_revokes_the_old_one(client: Browser) -> None:
    old = _new_link(client)
    new = _new_link(client)
    assert old != new
    assert client.get(new).status_code == 200
    assert client.get(old).status_code == 404


def test_stopping_sharing_makes_the_link_a_plain_404(client: Browser) -> None:
    path = _new_link(client)
    response = client.submit("/settings/calendar/stop")
    assert response.status_code == 303
    assert response.headers["location"] == "/settings/calendar?stopped=1"
    page = client.load(response.headers["location"])
    assert "Sharing stopped" in page
    assert "Create a subscription link" in page
    revoked = client.get(path)
    never = client.get("/calendar/" + "A" * 43 + ".ics")
    assert revoked.status_code == never.status_code == 404
    assert revoked.text == never.text  # nothing tells a revoked link from a made-up one


def test_a_calendar_app_fetches_without_cookies_but_not_through_another_host(
    client: Browser, web_settings: Settings
) -> None:
    path = _new_link(client)
    with make_client(web_settings) as calendar_app:
        assert calendar_app.get(path).status_code == 200
        assert calendar_app.get(path, headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    "token",
    [
        "A" * 43,
        "A" * 5000,  # longer than any token
        "%00" * 43,  # NUL bytes
        "%ED%A0%80" * 15,  # an encoded lone surrogate: not UTF-8
        "%FF%FE" * 20,
        "..%2F..%2Fsettings",
        "%F0%9F%98%80" * 20,  # emoji
        " " * 3,
    ],
)
def test_a_made_up_token_is_always_a_plain_404(client: Browser, token: str) -> None:
    _new_link(client)  # a real link exists: a made-up one still opens nothing
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 404
    assert "nothing at this address" in response.text


@pytest.mark.postgres
def test_the_feed_on_postgresql(pg_client: Browser) -> None:
    _rejected_search(pg_client)
    path = _new_link(pg_client)
    response = pg_client.get(path)
    assert response.status_code == 200
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert pg_client.get(_new_link(pg_client)).status_code == 200
    assert pg_client.get(path).status_code == 404
