"""Two users on one hosted site: user B reaches none of user A's data by any route.

The walk is generated from the app's route table, so a new route is walked
the day it is added, or the test fails until it is. Every route taking an
id is called as B (with a web session and CSRF token, and on the API also
with B's API token) with A's ids, for every method: 404 each time. Every
route without an id is called as B too: what a GET answers names none of A's
records, and after all the writes A's data is as it was, byte for byte. The
few routes whose parameter is a secret rather than an id are listed with
where they are checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from nextround.config import Settings
from nextround.domain.applications import ApplicationChanges
from nextround.domain.companies import CompanyChanges, NewCompany
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import PersonChanges
from nextround.domain.tasks import TaskChanges
from nextround.services import (
    api_tokens,
    applications,
    coaching,
    companies,
    exports,
    feeds,
    journal,
    mail,
    people,
    tasks,
    users,
)
from nextround.services.context import Context
from nextround.web.accounts import SITE_ONLY, SITE_SETTINGS
from tests.services.scenario import interviewed
from tests.services.test_mail import mbox
from tests.services.test_mail_first_scan import acme_rejection
from tests.web.conftest import Browser, make_client
from tests.web.hosted import add_user, deployed, logged_in, site

pytestmark = pytest.mark.postgres

#: Path parameters that name one of a user's records.
ID_PARAMS = {
    "task_id": "task",
    "app_id": "app",
    "interview_id": "interview",
    "entry_id": "entry",
    "company_id": "company",
    "person_id": "person",
    "suggestion_id": "suggestion",
    "change_id": "change",
    "seeker_id": "seeker",
    "coach_id": "coach",
}
#: Parameters that are neither an id nor a secret: the values to walk them with.
WORDS = {
    ("/export/record.{kind}", "kind"): "csv",
    ("/api/v1/imports/{kind}", "kind"): "csv",
}
#: Routes whose parameter is a secret link, and the test that checks each.
SECRETS = {
    "/calendar/{token}.ics": "test_no_calendar_token_of_b_yields_a_s_events",
    "/set-password/{token}": "test_a_s_used_link_is_refused_to_b",
    "/reset-password/{token}": "test_a_s_used_reset_link_is_refused_to_b",
    "/signup/{token}": "test_a_s_used_reset_link_is_refused_to_b",
}
#: Routes left out of the walk, and why.
NOT_WALKED = {
    "/openapi.json": "the API's description: no data",
    "/static": "files shipped with nextround",
}
#: What A's job search is called, in words no page prints otherwise.
A_WORDS = (
    "Orbweaver Acme",
    "Dana Quillfeather",
    "Lee Marrowgate",
    "dana@orbweaver.example",
    "Lantern Wrangler",
    "no-reply@greenhouse-mail.io",
    "Zanzibar Tidewater",
    "quokka-lantern",
    "Kumquat-Vesper",
    "Quokka Two",
)


@dataclass
class UserA:
    id: int
    ids: dict[str, int]
    calendar: str
    #: Users A's routes name: A as a coach's seeker, and A's coach (not B).
    users: dict[str, int] = field(default_factory=dict)


def _make_a(ctx: Context, tmp_path: Path) -> UserA:
    """A's job search through the services: every kind of record a route takes an id of."""
    made = interviewed(ctx)
    zanzibar = companies.add_company(ctx, NewCompany("Zanzibar Tidewater"))
    entry = journal.add_entry(ctx, NewJournalEntry(made.app_id, "Asked about quokka-lantern."))
    box = mbox(tmp_path / "a.mbox", acme_rejection(1))
    filed = mail.scan_sources(ctx, paths=[box]).filed
    assert filed, "A's mail made no suggestion"
    step = next(t for t in applications.reject(ctx, made.app_id).tasks if t.status.is_pending)
    # Names no page prints of itself (the help and examples speak of Acme and Dana Smith).
    companies.edit_company(ctx, made.company_id, CompanyChanges(name="Orbweaver Acme"))
    people.edit_person(
        ctx,
        made.dana_id,
        PersonChanges(name="Dana Quillfeather", email="dana@orbweaver.example"),
    )
    people.edit_person(ctx, made.lee_id, PersonChanges(name="Lee Marrowgate"))
    applications.edit_application(ctx, made.app_id, ApplicationChanges(role="Lantern Wrangler"))
    tasks.edit_task(ctx, step.id, TaskChanges(draft="Dear Dana, Kumquat-Vesper thanks."))
    gone = companies.delete_company(ctx, zanzibar.id)
    assert gone.change_id is not None
    ids = {
        "task": step.id,
        "app": made.app_id,
        "interview": made.interview_id,
        "entry": entry.id,
        "company": made.company_id,
        "person": made.dana_id,
        "suggestion": filed[0].id,
        "change": gone.change_id,
        "other_person": made.lee_id,
        "other_company": companies.add_company(ctx, NewCompany("Quokka Two")).id,
    }
    return UserA(ctx.owner, ids, feeds.create_calendar_token(ctx))


@pytest.fixture
def hosted(
    web_settings: Settings, postgres_admin_url: str, postgres_url: str
) -> Iterator[Settings]:
    """The site as deployed: its app's role granted rows only, under row-level security
    (a superuser would pass it by), so the walk checks the net under the services too."""
    with deployed(web_settings, postgres_admin_url, postgres_url) as settings:
        yield settings


@pytest.fixture
def user_a(hosted: Settings, tmp_path: Path) -> UserA:
    with site(hosted) as ctx:
        a = add_user(ctx, "a@example.org")
        add_user(ctx, "b@example.org")
        coach = add_user(ctx, "coach-of-a@example.org")
        made = _make_a(ctx.fresh(owner=a), tmp_path)
        coaching.grant(ctx.fresh(owner=a), "coach-of-a@example.org")
        made.users.update(seeker=a, coach=coach)
        return made


@pytest.fixture
def b(hosted: Settings, user_a: UserA) -> Iterator[Browser]:
    with logged_in(hosted, "b@example.org") as browser:
        yield browser


def a_snapshot(settings: Settings, owner: int) -> dict[str, Any]:
    """All of A's rows as the backup holds them (not when it was made)."""
    with site(settings) as ctx:
        data = json.loads(exports.export_json(ctx.fresh(owner=owner)).data)
    data.pop("exported_at", None)
    data.pop("sequences", None)  # the database's counters: B's own writes move them
    return data  # type: ignore[no-any-return]


def routes(browser: Browser) -> Iterator[tuple[str, str]]:
    """(method, path) of every route of the app, included routers' ones too."""
    stack = list(browser.app.routes)  # type: ignore[attr-defined]
    while stack:
        route = stack.pop(0)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            stack[:0] = list(inner.routes)
            continue
        path = route.path
        methods = getattr(route, "methods", None) or {"GET"}
        for method in sorted(set(methods) - {"HEAD"}):
            yield method, path


def params(path: str) -> list[str]:
    return re.findall(r"{(\w+)}", path)


def _filled(path: str, values: dict[str, Any]) -> str:
    for name in params(path):
        value = values[name] if name in values else WORDS[(path, name)]
        path = path.replace(f"{{{name}}}", str(value))
    return path


#: What B sends with a write: well-formed values for the fields the forms and the API
#: take, so that a route refuses for whose the record is, not for a missing field.
FORM = {
    "until": "2026-12-10",
    "due": "2026-12-10",
    "on": "2026-12-10",
    "at": "10:00",
    "body": "B was here",
    "subject": "From B",
    "name": "B's own name",
    "role": "B's role",
    "status": "interviewing",
    "notes": "B's note",
    "title": "B's title",
    "kind": "video",
    "answer": "yes",
}


def script_client(browser: Browser) -> Browser:
    """A client sharing the app but none of the browser's cookies (curl, a CLI client)."""
    return Browser(browser.app, base_url=str(browser.base_url))


def send(
    browser: Browser,
    method: str,
    path: str,
    token: str | None = None,
    required: dict[str, Any] | None = None,
) -> Any:
    """A request as B's pages or scripts would send it: CSRF token or bearer token."""
    if path.startswith("/api/"):
        headers = {"Authorization": f"Bearer {token}"} if token else {"X-CSRF-Token": browser.csrf}
        if token:  # a script: no cookies, so no CSRF token either
            browser = script_client(browser)
        body: dict[str, Any] | None = {} if method in {"POST", "PUT", "PATCH"} else None
        response = browser.request(method, path, json=body, headers=headers, follow_redirects=False)
        missing = re.findall(r"(\w+): Field required", response.text)
        if response.status_code == 422 and missing and required and set(missing) <= set(required):
            body = {name: required[name] for name in missing}  # well-formed, so the id decides
            response = browser.request(
                method, path, json=body, headers=headers, follow_redirects=False
            )
        return response
    if method == "GET":
        return browser.get(path, follow_redirects=False)
    response = browser.submit(path, FORM)
    if response.status_code == 422 and "missing its revision" in response.text:
        response = browser.submit(path, {**FORM, "revision": "1"})  # an edit form's
    return response


def required_values(path: str, a: UserA) -> dict[str, Any]:
    """The API's required fields, well-formed; ``into`` is another of A's records."""
    into = a.ids["other_person"] if "/people/" in path else a.ids["other_company"]
    return {"into": into, "answer": "yes", "status": "interviewing", "until": "2026-12-10"}


def site_only(method: str, path: str, response: Any) -> bool:
    """A write to the site's settings: refused to every user alike on a hosted site."""
    if method == "GET" or not SITE_SETTINGS.fullmatch(path):
        return False
    assert response.status_code == 403 and SITE_ONLY[:40] in response.text, (method, path)
    return True


def _order(route: tuple[str, str]) -> tuple[bool, bool, str]:
    """Reads first (B has nothing yet), then the writes, logging out last."""
    method, path = route
    return method != "GET", path.startswith("/logout"), path


def _ids_in(value: Any) -> Iterator[int]:
    if isinstance(value, dict):
        for key, item in value.items():
            if (key == "id" or key.endswith("_id") or key.endswith("_ids")) and isinstance(
                item, int | list
            ):
                yield from item if isinstance(item, list) else [item]
            yield from _ids_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _ids_in(item)


def shows_nothing_of_a(response: Any, a: UserA, where: str) -> None:
    assert response.status_code < 500, (where, response.status_code, response.text[:300])
    assert not response.headers.get("location", "").startswith("/login"), (where, "logged out")
    body = response.content.decode("utf-8", "replace")
    for word in A_WORDS:
        assert word not in body, (where, word)
    if response.headers.get("content-type", "").startswith("application/json"):
        mine = set(_ids_in(response.json()))
        assert not mine & set(a.ids.values()) - {a.id}, (where, mine)


def test_b_reaches_nothing_of_a_by_any_route(hosted: Settings, user_a: UserA, b: Browser) -> None:
    before = a_snapshot(hosted, user_a.id)
    config = hosted.config_path
    assert config is not None
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[user]\nname = "Site Owner"\n')
    site_config = config.read_bytes()
    with site(hosted) as ctx:
        b_id = ctx.owner = users.user_id_for(ctx, "b@example.org")
        b_token = api_tokens.add_token(ctx, "walk")
    assert b_id != user_a.id
    by_id: list[tuple[str, str]] = []
    without_id: list[tuple[str, str]] = []
    for method, path in routes(b):
        if path in NOT_WALKED or path in SECRETS:
            continue
        names = params(path)
        unknown = [n for n in names if n not in ID_PARAMS and (path, n) not in WORDS]
        assert not unknown, f"{path}: walk {unknown} (an id in ID_PARAMS, a word in WORDS)"
        taking_id = any(n in ID_PARAMS for n in names)
        (by_id if taking_id else without_id).append((method, path))
    assert len(by_id) >= 70 and len(without_id) >= 60

    a_ids = {**user_a.ids, **user_a.users}
    a_values = {name: a_ids[kind] for name, kind in ID_PARAMS.items()}
    wrong = []
    for method, route in by_id:
        path = _filled(route, a_values)
        for token in (None, b_token) if path.startswith("/api/") else (None,):
            response = send(b, method, path, token, required_values(path, user_a))
            if site_only(method, path, response):
                continue
            if response.status_code != 404:
                via = "token" if token else "session"
                problem = re.findall(
                    r'form-problem[^>]*>([^<]+)<|"message":"([^"]+)"|<h1>([^<]+)<', response.text
                )
                problem += [w for w in A_WORDS if w in response.text]
                wrong.append(
                    (method, path, via, response.status_code, problem or response.text[-200:])
                )
    assert not wrong, "\n".join(map(str, wrong))

    for method, route in sorted(without_id, key=_order):
        path = _filled(route, {})
        for token in (None, b_token) if path.startswith("/api/") else (None,):
            response = send(b, method, path, token)
            if method == "GET":
                shows_nothing_of_a(response, user_a, f"{method} {path}")
            elif not site_only(method, path, response):
                assert response.status_code < 500, (method, path, response.text[:300])
    assert a_snapshot(hosted, user_a.id) == before
    with site(hosted) as ctx:  # A's coach still has access (the backup holds no grants)
        assert [c.id for c in coaching.coaches(ctx.fresh(owner=user_a.id)).items] == [
            user_a.users["coach"]
        ]
    assert config.read_bytes() == site_config  # the site's settings are no user's to change


def test_b_s_export_holds_nothing_of_a(hosted: Settings, user_a: UserA, b: Browser) -> None:
    assert any(w in json.dumps(a_snapshot(hosted, user_a.id)) for w in A_WORDS)  # it could fail
    for path in ("/export/nextround-export.json", "/api/v1/export", "/export/people.vcf"):
        shows_nothing_of_a(b.get(path), user_a, path)
    with site(hosted) as ctx:
        b_ctx = ctx.fresh(owner=users.user_id_for(ctx, "b@example.org"))
        data = exports.export_json(b_ctx).data.decode()
    assert not [w for w in A_WORDS if w in data]


def test_no_calendar_token_of_b_yields_a_s_events(
    hosted: Settings, user_a: UserA, b: Browser
) -> None:
    mine = b.get(f"/calendar/{user_a.calendar}.ics")
    assert mine.status_code == 200 and "Orbweaver Acme" in mine.text  # A's link is A's calendar
    shared = b.submit("/settings/calendar/link")
    page = shared.text if shared.status_code == 200 else b.get("/settings/calendar").text
    found = re.search(r"/calendar/([\w-]+)\.ics", page)
    assert found, page[:500]
    feed = b.get(f"/calendar/{found.group(1)}.ics")
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text
    assert not [w for w in A_WORDS if w in feed.text]
    for guess in (user_a.calendar[:-1], user_a.calendar + "x", "", "0" * 43):
        assert b.get(f"/calendar/{guess}.ics").status_code == 404


def test_a_s_used_link_is_refused_to_b(hosted: Settings, user_a: UserA, b: Browser) -> None:
    with site(hosted) as ctx:
        link = users.add_user(ctx, "c@example.org")
        users.use_link(ctx, link.token, "the first password")
    b.load("/settings")
    assert b.get(f"/set-password/{link.token}").status_code == 410
    assert (
        b.submit(f"/set-password/{link.token}", {"password": "b's own choice"}).status_code == 422
    )
    with make_client(hosted) as fresh:
        fresh.load("/login")
        ok = fresh.submit("/login", {"account": "c@example.org", "password": "the first password"})
        assert ok.status_code == 303
    fresh.app.state.web.close()  # type: ignore[attr-defined]


def test_a_s_used_reset_link_is_refused_to_b(hosted: Settings, user_a: UserA, b: Browser) -> None:
    with site(hosted) as ctx:
        link = users.reset_link(ctx, "a@example.org")
        users.use_link(ctx, link.token, "a's new password", "reset")
    assert b.get(f"/reset-password/{link.token}").status_code == 410
    assert b.submit(f"/reset-password/{link.token}", {"password": "b's pick!"}).status_code == 422
    # Sign-up is invite-only here: its link page is no page at all, for anyone.
    assert b.get(f"/signup/{link.token}").status_code == 404
    assert b.submit(f"/signup/{link.token}", {"password": "b's pick!"}).status_code == 404
    with make_client(hosted) as fresh:
        fresh.load("/login")
        ok = fresh.submit("/login", {"account": "a@example.org", "password": "a's new password"})
        assert ok.status_code == 303
    fresh.app.state.web.close()  # type: ignore[attr-defined]


def test_the_walk_covers_every_route(hosted: Settings, user_a: UserA, b: Browser) -> None:
    """The lists above name only routes that exist (a renamed one isn't silently skipped)."""
    paths = {path for _, path in routes(b)}
    assert set(SECRETS) <= paths and set(NOT_WALKED) <= paths
    assert {path for path, _ in WORDS} <= paths
