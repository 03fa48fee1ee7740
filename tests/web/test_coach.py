"""The coach view on a hosted site (PostgreSQL, the app's own role under row-level
security): a seeker shares by email from their settings, the coach sees the pipeline on
the web and the API and none of the seeker's private words, revoking is immediate, a
stranger gets a 404, and a coach reaches no other route of the seeker's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nextround.config import Settings
from nextround.services import api_tokens, coaching, users
from tests.services.coaching_seed import Seeker, leaks, seed
from tests.web.conftest import Browser
from tests.web.hosted import add_user, deployed, logged_in, site
from tests.web.test_isolation import (  # noqa: F401 - hosted, user_a: fixtures
    ID_PARAMS,
    UserA,
    _filled,
    hosted,
    params,
    required_values,
    routes,
    send,
    site_only,
    user_a,
)

pytestmark = pytest.mark.postgres


@dataclass
class Three:
    settings: Settings
    seeker: int
    coach: int
    stranger: int
    made: Seeker
    coach_token: str
    stranger_token: str


@pytest.fixture
def three(
    web_settings: Settings, postgres_admin_url: str, postgres_url: str, tmp_path: Path
) -> Iterator[Three]:
    with deployed(web_settings, postgres_admin_url, postgres_url) as settings:
        with site(settings) as ctx:
            seeker = add_user(ctx, "sam@example.org")
            coach = add_user(ctx, "coach@example.org")
            stranger = add_user(ctx, "stranger@example.org")
            made = seed(ctx.fresh(owner=seeker), tmp_path)
            coach_token = api_tokens.add_token(ctx.fresh(owner=coach), "coach's script")
            stranger_token = api_tokens.add_token(ctx.fresh(owner=stranger), "stranger's")
        yield Three(settings, seeker, coach, stranger, made, coach_token, stranger_token)


def _script(browser: Browser, token: str, path: str) -> Any:
    return Browser(browser.app, base_url=str(browser.base_url)).get(
        path, headers={"Authorization": f"Bearer {token}"}
    )


def test_sharing_from_settings_and_what_the_coach_sees(three: Three) -> None:
    summary, api = f"/coach/{three.seeker}", f"/api/v1/coach/seekers/{three.seeker}"
    with logged_in(three.settings, "coach@example.org") as coach:
        assert coach.get(summary).status_code == 404  # nothing shared yet
        assert coach.get(api).status_code == 404
        with logged_in(three.settings, "sam@example.org") as sam:
            assert 'href="/settings/coaches"' in sam.get("/settings").text
            settings_page = sam.load("/settings/coaches")
            assert "They never see" in settings_page and "Nobody yet" in settings_page
            unknown = sam.submit("/settings/coaches", {"email": "nobody@example.org"})
            assert (
                unknown.status_code == 422 and "no one with that email on this site" in unknown.text
            )
            no_token = sam.post("/settings/coaches", data={"email": "coach@example.org"})
            assert no_token.status_code == 403  # CSRF, as every form
            shared = sam.submit("/settings/coaches", {"email": "Coach@Example.org"})
            assert shared.status_code == 303 and shared.headers["location"] == "/settings/coaches"
            listed = sam.get("/settings/coaches").text
            assert "coach@example.org" in listed and "Stop sharing" in listed

            seen: list[tuple[str, str]] = []
            mine = coach.get("/coach")
            assert mine.status_code == 200 and f'href="{summary}"' in mine.text
            page = coach.get(summary)
            assert page.status_code == 200
            for words in ("Globex Works", "Platform Engineer", "Backend Engineer", "Acme Robotics"):
                assert words in page.text, words
            assert re.search(r"Follow-up steps: \d+ overdue", page.text)
            body = coach.get(api)
            assert body.status_code == 200
            data = body.json()
            assert [a["company"] for a in data["applications"]] == ["Globex Works", "Acme Robotics"]
            assert data["by_status"]["rejected"] == 1 and data["applied"] == 2
            assert coach.get("/api/v1/coach/seekers").json()[0]["id"] == three.seeker
            by_token = _script(coach, three.coach_token, api)
            assert by_token.status_code == 200
            for path, response in (
                ("/coach", mine),
                (summary, page),
                (api, body),
                (f"{api} (token)", by_token),
                ("/api/v1/coach/seekers", coach.get("/api/v1/coach/seekers")),
            ):
                seen.append((path, response.text))
            assert [(path, leaks(text)) for path, text in seen if leaks(text)] == []

            # The stranger: nothing, as for a seeker who doesn't exist.
            with logged_in(three.settings, "stranger@example.org") as stranger:
                assert stranger.get(summary).status_code == 404
                assert stranger.get(api).status_code == 404
                assert stranger.get("/coach/999999").status_code == 404
                assert _script(stranger, three.stranger_token, api).status_code == 404
                assert "sam@example.org" not in stranger.get("/coach").text
                assert stranger.get("/api/v1/coach/seekers").json() == []

            # Withdrawn: the coach's very next request is refused, page, API and token.
            gone = sam.submit(f"/settings/coaches/{three.coach}/revoke")
            assert gone.status_code == 303
            assert coach.get(summary).status_code == 404
            assert coach.get(api).status_code == 404
            assert _script(coach, three.coach_token, api).status_code == 404
            assert "sam@example.org" not in coach.get("/coach").text
            again = sam.submit(f"/settings/coaches/{three.coach}/revoke")
            assert again.status_code == 404


def test_the_api_gives_and_withdraws_access(three: Three) -> None:
    with logged_in(three.settings, "sam@example.org") as sam:
        sam.headers["X-CSRF-Token"] = sam.csrf
        bad = sam.post("/api/v1/coaches", json={"email": "sam@example.org"})
        assert bad.status_code == 422 and "email" in bad.json()["error"]["fields"]
        made = sam.post("/api/v1/coaches", json={"email": "coach@example.org"})
        assert made.status_code == 201 and made.json()["id"] == three.coach
        assert [c["email"] for c in sam.get("/api/v1/coaches").json()] == ["coach@example.org"]
        with logged_in(three.settings, "coach@example.org") as coach:
            assert coach.get(f"/api/v1/coach/seekers/{three.seeker}").status_code == 200
            assert sam.delete(f"/api/v1/coaches/{three.coach}").status_code == 204
            assert coach.get(f"/api/v1/coach/seekers/{three.seeker}").status_code == 404
        assert sam.delete(f"/api/v1/coaches/{three.coach}").status_code == 404
        assert sam.get("/api/v1/coaches").json() == []


def test_the_private_words_are_in_the_seeker_s_own_pages(three: Three) -> None:
    """The seeded words show on the seeker's own pages, so their absence above means
    something."""
    with logged_in(three.settings, "sam@example.org") as sam:
        pages = "".join(
            sam.get(path).text
            for path in (
                "/journal",
                "/",
                f"/applications/{three.made.rejected_id}",
                f"/people/{three.made.person_id}",
                "/mail",
            )
        )
    assert set(leaks(pages)) >= {"journal", "draft", "person's email", "application notes"}


@pytest.fixture
def coach_b(hosted: Settings, user_a: UserA) -> Iterator[Browser]:  # noqa: F811 - fixtures
    """B, to whom A gave access: A's coach."""
    with site(hosted) as ctx:
        coaching.grant(ctx.fresh(owner=user_a.id), "b@example.org")
    with logged_in(hosted, "b@example.org") as browser:
        yield browser


def test_a_coach_reaches_no_other_route_of_the_seeker(
    hosted: Settings,  # noqa: F811 - the fixture
    user_a: UserA,  # noqa: F811 - the fixture
    coach_b: Browser,
) -> None:
    """Every route taking an id, every method, with A's ids, as A's coach: a 404, but for the
    two that show A's summary to their coach."""
    with site(hosted) as ctx:
        b = ctx.fresh(owner=users.user_id_for(ctx, "b@example.org"))
        assert [s.id for s in coaching.seekers(b).items] == [user_a.id]  # B is A's coach
        b_token = api_tokens.add_token(b, "walk")
    shown = {"/coach/{seeker_id}", "/api/v1/coach/seekers/{seeker_id}"}
    a_ids = {**user_a.ids, **user_a.users}
    values = {name: a_ids[kind] for name, kind in ID_PARAMS.items()}
    walked, wrong = 0, []
    for method, route in routes(coach_b):
        if not any(n in ID_PARAMS for n in params(route)):
            continue
        path = _filled(route, values)
        for token in (None, b_token) if path.startswith("/api/") else (None,):
            response = send(coach_b, method, path, token, required_values(path, user_a))
            walked += 1
            if site_only(method, path, response):
                continue
            expected = 200 if route in shown and method == "GET" else 404
            if response.status_code != expected:
                wrong.append((method, path, bool(token), response.status_code))
    assert walked >= 70
    assert not wrong, "\n".join(map(str, wrong))
