"""The watch in the web: the company page's section, one click at a rejection, What's new,
the setting that watches at every no, and the API; boards served by a loopback server."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from nextround.config import Settings
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.watch.boardserver import BoardServer, Reply, serving
from tests.watch.test_feeds import RSS
from tests.web.conftest import Browser, as_api, make_client
from tests.web.scenario import application, company, ctx_of

JOB_LINK = "https://boards.greenhouse.io/acme/jobs/1"


@pytest.fixture
def board() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


@pytest.fixture
def web(web_settings: Settings, board: tuple[BoardServer, str]) -> Iterator[Browser]:
    _, base = board
    watch = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
    with make_client(replace(web_settings, watch=watch)) as browser:
        browser.load("/")
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]


def _jobs(server: BoardServer, *titles: str) -> None:
    jobs = [
        {"id": i, "title": t, "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}"}
        for i, t in enumerate(titles, start=10)
    ]
    server.route("/v1/boards/acme/jobs", Reply.json({"jobs": jobs}))


def _section(page: str) -> str:
    return html.unescape(page.split('id="watch"')[1].split("</section>", maxsplit=1)[0])


def _no_inline_script(page: str) -> None:
    """The Content-Security-Policy allows no inline script or handler."""
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\son[a-z]+\s*=", page)


def test_watch_read_now_and_stop_from_the_company_page(
    web: Browser, board: tuple[BoardServer, str]
) -> None:
    server, base = board
    ctx = ctx_of(web)
    acme = company(ctx, "Acme Robotics")
    application(ctx, acme, "Backend Engineer", date(2026, 10, 1), source_url=JOB_LINK)
    page = web.load(f"/companies/{acme}")
    _no_inline_script(page)
    section = _section(page)
    assert "Watch this company" in section
    assert f'value="{JOB_LINK}"' in page  # the board it would take, offered
    added = web.submit(f"/companies/{acme}/watch", {"board": JOB_LINK, "feed": f"{base}/rss"})
    assert added.status_code == 303 and added.headers["location"].endswith("#watch")
    assert server.requests == []  # watching fetches nothing
    section = _section(web.load(f"/companies/{acme}"))
    assert "Job board: greenhouse" in section and "Last read: not yet" in section
    _jobs(server, "Designer &amp; Illustrator")
    server.route("/rss", Reply(200, b"<html><body>Not a feed</body></html>", {}))
    ran = web.submit(f"/companies/{acme}/watch/run")
    assert ran.status_code == 303
    page = web.get(ran.headers["location"]).text
    section = _section(page)
    assert "Read just now" in html.unescape(page)
    assert "Designer & Illustrator" in section and "first seen" in section
    assert "The news feed's last read went wrong" in section and "web page" in section
    stopped = web.submit(f"/companies/{acme}/watch/stop")
    assert stopped.status_code == 303
    assert "Watch this company" in _section(web.load(f"/companies/{acme}"))


def test_a_bad_board_is_shown_beside_its_field_and_nothing_is_stored(web: Browser) -> None:
    ctx = ctx_of(web)
    acme = company(ctx, "Initech")
    refused = web.submit(f"/companies/{acme}/watch", {"board": "https://example.com/careers"})
    assert refused.status_code == 422
    section = _section(refused.text)
    assert "is not a job board nextround knows" in section and 'aria-invalid="true"' in refused.text
    assert 'value="https://example.com/careers"' in refused.text  # kept as typed
    nothing = web.submit(f"/companies/{acme}/watch", {})
    assert nothing.status_code == 422 and "No job board known for Initech" in nothing.text
    assert as_api(web).get(f"/api/v1/companies/{acme}/watch").json()["watch"] is None


def test_one_click_at_a_rejection_then_whats_new_shows_the_role_reopened(
    web: Browser, board: tuple[BoardServer, str]
) -> None:
    server, _base = board
    ctx = ctx_of(web)
    acme = company(ctx, "Acme Robotics")
    app_id = application(ctx, acme, "Backend Engineer", date(2026, 10, 1), source_url=JOB_LINK)
    web.load(f"/applications/{app_id}")
    rejected = web.submit(f"/applications/{app_id}/reject", {"on": "2026-11-20"})
    page = web.get(rejected.headers["location"]).text
    _no_inline_script(page)
    assert f'action="/applications/{app_id}/watch"' in page
    clicked = web.submit(f"/applications/{app_id}/watch")
    assert clicked.headers["location"] == f"/companies/{acme}#watch"
    assert "Watching Acme Robotics" in web.load(f"/companies/{acme}")  # the Undo notice
    page = web.get(f"/applications/{app_id}?rejected=1").text
    assert "You're watching" in html.unescape(page)
    _jobs(server, "Designer")
    web.submit(f"/companies/{acme}/watch/run")  # the first read: what was already there
    _jobs(server, "Designer", "Backend Engineer (m/w/d)", "Data Analyst")
    web.submit(f"/companies/{acme}/watch/run")
    page = web.load("/whats-new")
    _no_inline_script(page)
    assert '<a href="/whats-new" aria-current="page">What' in page
    text = html.unescape(page)
    reopened = text.split('id="h-reopened"')[1].split("</section>")[0]
    assert "the Backend Engineer role is listed again" in reopened
    assert 'href="https://boards.greenhouse.io/acme/jobs/11"' in reopened
    new_roles = text.split('id="h-new-roles"')[1].split("</section>")[0]
    assert "Data Analyst" in new_roles and "Backend Engineer" not in new_roles
    assert "Designer" not in new_roles  # there before the watching began
    found = as_api(web).get("/api/v1/whats-new?days=7").json()
    assert [r["role"]["role"] for r in found["reopened"]] == ["Backend Engineer"]
    assert [r["posting"]["title"] for r in found["new_roles"]] == ["Data Analyst"]


def test_whats_new_lists_news_newest_first_and_refuses_odd_days(
    web: Browser, board: tuple[BoardServer, str]
) -> None:
    server, base = board
    ctx = ctx_of(web)
    hooli = company(ctx, "Hooli")
    api = as_api(web)
    assert "You aren't watching any company yet" in html.unescape(web.load("/whats-new"))
    created = api.post(f"/api/v1/companies/{hooli}/watch", json={"feed": f"{base}/rss"})
    assert created.status_code == 201 and created.json()["feed_url"] == f"{base}/rss"
    server.route("/rss", Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    ran = api.post(f"/api/v1/companies/{hooli}/watch/run")
    assert ran.status_code == 200 and ran.json()["boards"][0]["news"] == 2
    news = api.get("/api/v1/whats-new?days=30").json()["news"]
    # Dated 10 Nov, and one with a broken date: shown on the day it was first seen (today).
    assert [n["title"] for n in news] == ["Series C & more", "Acme opens a Berlin office"]
    assert api.get("/api/v1/whats-new?days=0").status_code == 422
    assert web.get("/whats-new?days=9999").status_code == 422


def test_the_setting_watches_at_every_rejection_on_every_face(web: Browser) -> None:
    ctx = ctx_of(web)
    acme = company(ctx, "Acme Robotics")
    first = application(ctx, acme, "Backend Engineer", date(2026, 10, 1), source_url=JOB_LINK)
    page = web.load("/settings")
    assert (
        'name="watch.after_rejection"' in page
        and "checked" not in page.split("after_rejection")[1][:80]
    )
    saved = web.submit("/settings/watch", {"watch.after_rejection": "on"})
    assert saved.status_code == 303
    settings: Settings = web.app.state.web.base.settings  # type: ignore[attr-defined]
    assert "after_rejection = true" in settings.config_path.read_text()  # type: ignore[union-attr]
    api = as_api(web)
    plan = api.post(f"/api/v1/applications/{first}/reject", json={"on": "2026-11-20"}).json()
    assert plan["watch_note"].startswith("Watching Acme Robotics's greenhouse board")
    assert api.get(f"/api/v1/companies/{acme}/watch").json()["watch"]["board_name"] == "acme"
    again = api.post(f"/api/v1/applications/{first}/reject", json={}).json()
    assert again["watch_note"] == ""  # recorded again: no second offer
    other = company(ctx, "Initech")
    second = application(ctx, other, "Analyst", date(2026, 10, 1))
    plan = api.post(f"/api/v1/applications/{second}/reject", json={}).json()
    assert plan["watch_note"].startswith("Not watched: no job board known for Initech")
    web.submit("/settings/watch", {})
    assert "after_rejection" not in settings.config_path.read_text()  # type: ignore[union-attr]
    third = application(ctx, other, "Designer", date(2026, 10, 1))
    assert api.post(f"/api/v1/applications/{third}/reject", json={}).json()["watch_note"] == ""


def test_the_api_watches_discovers_runs_and_stops(
    web: Browser, board: tuple[BoardServer, str]
) -> None:
    from tests.watch.test_discover import HTML, PAGE

    server, base = board
    api = as_api(web)
    acme = company(ctx_of(web), "Acme Robotics", website=f"{base}/")
    server.route("/", Reply(200, PAGE, HTML))
    feeds = api.post(f"/api/v1/companies/{acme}/watch/discover", json={}).json()
    assert feeds["feeds"][0] == {
        "url": f"{base}/news/feed.xml",
        "title": "Acme & friends: news",
        "kind": "rss",
    }
    created = api.post(
        f"/api/v1/companies/{acme}/watch", json={"board": JOB_LINK, "site": f"{base}/"}
    )
    assert created.status_code == 201
    assert created.json()["feed_url"] == f"{base}/news/feed.xml"
    assert api.post(f"/api/v1/companies/{acme}/watch", json={}).status_code == 409
    shown = api.get(f"/api/v1/companies/{acme}/watch").json()
    assert shown["watch"]["board_kind"] == "greenhouse" and shown["open_postings"] == []
    assert api.delete(f"/api/v1/companies/{acme}/watch").status_code == 204
    assert api.post(f"/api/v1/companies/{acme}/watch/run").status_code == 404
    assert api.get("/api/v1/companies/999999/watch").status_code == 404


def test_a_watched_company_without_news_gets_its_feed_from_the_page(
    web: Browser, board: tuple[BoardServer, str]
) -> None:
    from tests.watch.test_discover import HTML, PAGE

    server, base = board
    acme = company(ctx_of(web), "Acme Robotics", website=f"{base}/")
    web.load(f"/companies/{acme}")
    web.submit(f"/companies/{acme}/watch", {"board": JOB_LINK})
    section = _section(web.load(f"/companies/{acme}"))
    assert "Follow their news" in section and f'value="{base}/"' in section  # its website
    server.route("/", Reply(200, b"<html><p>No feeds</p></html>", HTML))
    refused = web.submit(f"/companies/{acme}/watch/feed", {"site": f"{base}/"})
    assert refused.status_code == 422 and "links to no RSS or Atom feed" in refused.text
    server.route("/", Reply(200, PAGE, HTML))
    found = web.submit(f"/companies/{acme}/watch/feed", {"site": f"{base}/"})
    assert found.status_code == 303
    section = _section(web.load(f"/companies/{acme}"))
    assert f'News feed: <a href="{base}/news/feed.xml"' in section
    assert "Follow their news" not in section
    api = as_api(web)
    given = api.post(f"/api/v1/companies/{acme}/watch/feed", json={"feed": f"{base}/rss"})
    assert given.status_code == 200 and given.json()["feed_url"] == f"{base}/rss"
