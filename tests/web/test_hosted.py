"""Hosted mode: every request needs a login, each login is one user's, and the admin page."""

from __future__ import annotations

import re

import pytest

from nextround.config import Settings
from nextround.services import api_tokens, logins, users
from nextround.web.sessions import SESSION_COOKIE
from tests.web.conftest import make_client
from tests.web.hosted import PASSWORD, add_user, hosted_settings, logged_in, site

pytestmark = pytest.mark.postgres


@pytest.fixture
def hosted(web_settings: Settings, postgres_url: str) -> Settings:
    settings = hosted_settings(web_settings, postgres_url)
    with site(settings) as ctx:
        add_user(ctx, "ana@example.org")
        add_user(ctx, "bo@example.org")
        add_user(ctx, "root@example.org", admin=True)
    return settings


def test_hosted_needs_a_login_even_without_any_password_on_loopback(
    web_settings: Settings, postgres_url: str
) -> None:
    with make_client(hosted_settings(web_settings, postgres_url)) as visitor:
        page = visitor.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        assert visitor.get("/api/v1/companies").status_code == 401
        login = visitor.get("/login")
        assert login.status_code == 200 and 'name="account"' in login.text
    visitor.app.state.web.close()  # type: ignore[attr-defined]


def test_each_login_sees_its_own_data(hosted: Settings) -> None:
    with logged_in(hosted, "Ana@Example.org") as ana:
        ana.headers["X-CSRF-Token"] = ana.csrf
        made = ana.post("/api/v1/companies", json={"name": "Anacorp Ltd"})
        assert made.status_code == 201
        assert "Anacorp Ltd" in ana.get("/companies").text
    with logged_in(hosted, "bo@example.org") as bo:
        assert "Anacorp Ltd" not in bo.get("/companies").text
        assert bo.get("/api/v1/companies").json() == []


def test_wrong_password_and_unknown_email_get_the_same_message(hosted: Settings) -> None:
    with site(hosted) as ctx:
        logins.set_password(ctx, PASSWORD)  # the local user's, from before the site was hosted
    with make_client(hosted) as visitor:
        visitor.load("/login")
        nobody = visitor.submit("/login", {"password": PASSWORD})
        assert nobody.status_code == 401 and SESSION_COOKIE not in nobody.cookies
        wrong = visitor.submit("/login", {"account": "ana@example.org", "password": "nope nope"})
        unknown = visitor.submit("/login", {"account": "who@example.org", "password": "nope nope"})
        assert wrong.status_code == unknown.status_code == 401
        problem = re.compile(r'id="login-problem">([^<]+)<')
        assert problem.search(wrong.text).group(1) == problem.search(unknown.text).group(1)  # type: ignore[union-attr]
    visitor.app.state.web.close()  # type: ignore[attr-defined]


def test_a_disabled_user_is_out_at_once(hosted: Settings) -> None:
    with site(hosted) as ctx:
        bo = users.user_id_for(ctx, "bo@example.org")
        token = api_tokens.add_token(ctx.fresh(owner=bo), "script")
    with logged_in(hosted, "bo@example.org") as browser:
        assert browser.get("/", follow_redirects=False).status_code == 200
        bearer = {"Authorization": f"Bearer {token}"}
        assert browser.get("/api/v1/tasks", headers=bearer).status_code == 200
        with site(hosted) as ctx:
            users.disable_user(ctx, "bo@example.org")
        assert browser.get("/", follow_redirects=False).status_code == 303
        assert browser.get("/api/v1/tasks", headers=bearer).status_code == 401
        browser.load("/login")
        again = browser.submit("/login", {"account": "bo@example.org", "password": PASSWORD})
        assert again.status_code == 401 and SESSION_COOKIE not in again.cookies


def test_the_admin_page_is_a_404_for_everyone_else(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        assert ana.get("/admin/users").status_code == 404
        added = ana.submit("/admin/users", {"email": "eve@example.org"})
        assert added.status_code == 404
        disabled = ana.submit("/admin/users/disable", {"email": "bo@example.org"})
        assert disabled.status_code == 404
    with site(hosted) as ctx:
        assert "eve@example.org" not in {u.email for u in users.list_users(ctx).items}
        assert not any(u.disabled for u in users.list_users(ctx).items)


def test_the_admin_adds_a_user_whose_link_works_once(hosted: Settings) -> None:
    with logged_in(hosted, "root@example.org") as admin:
        page = admin.get("/admin/users")
        assert page.status_code == 200 and "ana@example.org" in page.text
        added = admin.submit("/admin/users", {"email": "Cy@Example.org", "name": "Cy"})
        assert added.status_code == 200
        link = re.search(r"<code>(http[^<]+/set-password/[^<]+)</code>", added.text)
        assert link is not None
        path = "/set-password/" + link.group(1).rsplit("/", 1)[1]
        gone = admin.submit("/admin/users/disable", {"email": "bo@example.org"})
        assert gone.status_code == 303
        listing = admin.get("/admin/users").text
        assert "cy@example.org" in listing and "disabled" in listing
    with make_client(hosted) as cy:
        page = cy.load(path)
        # A visitor not logged in yet: no app navigation, no quick add (as on /login).
        assert "Set your password" in page and 'action="/set-password/' in page
        assert 'action="/quick-add"' not in page and 'href="/companies"' not in page
        short = cy.submit(path, {"password": "short"})
        assert short.status_code == 422 and "at least" in short.text
        assert 'action="/quick-add"' not in short.text
        done = cy.submit(path, {"password": PASSWORD})
        assert done.status_code == 303 and done.headers["location"] == "/login"
        assert cy.get(path).status_code == 410  # used
        cy.load("/login")
        assert (
            cy.submit("/login", {"account": "cy@example.org", "password": PASSWORD}).status_code
            == 303
        )
    cy.app.state.web.close()  # type: ignore[attr-defined]


def test_a_hosted_page_says_whose_the_data_is_and_offers_no_demo(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        welcome = ana.get("/").text
        assert "yours alone: you can download or delete it" in welcome
        assert "stays on this computer" not in welcome
        assert 'action="/demo"' not in welcome  # a demo would mix made-up rows into hers


def test_a_local_page_still_says_it_stays_on_this_computer(web_settings: Settings) -> None:
    with make_client(web_settings) as visitor:
        page = visitor.get("/").text
        assert "Everything here stays on this computer." in page and 'action="/demo"' in page
    visitor.app.state.web.close()  # type: ignore[attr-defined]


def test_the_admin_pages_through_the_users_by_email(hosted: Settings) -> None:
    with site(hosted) as ctx:
        for n in range(3):
            users.add_user(ctx, f"user{n}@example.org")
    seen: list[str] = []
    with logged_in(hosted, "root@example.org") as admin:
        address: str | None = "/admin/users?limit=2"
        pages = 0
        while address is not None:
            page = admin.get(address)
            assert page.status_code == 200
            seen += re.findall(r"<tr>\s*<td>([^<]+@example\.org)</td>", page.text)
            found = re.search(r'<a href="([^"]+)" rel="next">Next page</a>', page.text)
            address = found.group(1).replace("&amp;", "&") if found else None
            pages += 1
    emails = sorted(["ana@example.org", "bo@example.org", "root@example.org"])
    emails += [f"user{n}@example.org" for n in range(3)]
    # The local user (no email) sorts first; every user once, in email order, 2 a page.
    assert seen == sorted(emails) and pages == 4
