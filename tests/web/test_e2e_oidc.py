"""Sign-in with the organisation's provider in real Chromium: the button on the login page,
the provider (tests/oidcprovider.py, on loopback) and back, logged in; and a cancelled
sign-in read on the login page.

One real ``nextround serve`` for the module, hosted through its config file (``[site]``
and ``[oidc]``, the client secret in a file), on a PostgreSQL database of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.web.oidc import FLOW_COOKIE
from nextround.web.sessions import SESSION_COOKIE
from tests.oidcprovider import OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OidcProvider, OidcUser
from tests.web.browser import watch_of
from tests.web.hosted import add_user, site
from tests.web.hosted_server import LOGIN, HostedSite, heading, hosted_server
from tests.web.playwright_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


@pytest.fixture(scope="module")
def oidc_site(
    postgres_admin_url: str, tmp_path_factory: pytest.TempPathFactory, oidc_server: OidcProvider
) -> Iterator[HostedSite]:
    folder = tmp_path_factory.mktemp("oidc")
    secret = folder / "oidc-client-secret"
    secret.write_text(OIDC_CLIENT_SECRET, encoding="utf-8")
    config = (
        "[site]\nhosted = true\n\n[oidc]\n"
        f'issuer = "{oidc_server.url}"\nclient_id = "{OIDC_CLIENT_ID}"\n'
        f'client_secret_file = "{secret}"\nlabel = "Acme SSO"\n'
    )
    with hosted_server(postgres_admin_url, folder, config) as hosted:
        yield hosted


def cookie_names(page: Page) -> set[str]:
    return {c["name"] for c in page.context.cookies()}


def test_the_button_goes_to_the_provider_and_back_logged_in(
    page: Page, oidc_site: HostedSite, oidc_provider: OidcProvider
) -> None:
    with site(oidc_site.settings) as ctx:
        add_user(ctx, "dee@example.org")
    oidc_provider.user = OidcUser("dee-at-acme", "dee@example.org")
    page.goto(oidc_site.server.url("/login?next=/companies"))
    heading(page, LOGIN)
    page.get_by_role("link", name="Sign in with Acme SSO").click()
    heading(page, "Companies")
    assert page.url == oidc_site.server.url("/companies")
    session = [c for c in page.context.cookies() if c["name"] == SESSION_COOKIE]
    assert len(session) == 1 and session[0]["httpOnly"] and session[0]["sameSite"] == "Lax"
    assert FLOW_COOKIE not in cookie_names(page)
    assert len(oidc_provider.token_posts) == 1  # the code was traded once, with its verifier
    assert oidc_provider.token_posts[0]["code_verifier"]


def test_a_cancelled_sign_in_says_so_on_the_login_page(
    page: Page, oidc_site: HostedSite, oidc_provider: OidcProvider
) -> None:
    oidc_provider.misbehave = {"deny"}
    page.goto(oidc_site.server.url("/login"))
    page.get_by_role("link", name="Sign in with Acme SSO").click()
    heading(page, LOGIN)
    expect(page.get_by_role("alert")).to_have_text(
        "Sign-in with Acme SSO was cancelled or refused. Please try again."
    )
    assert SESSION_COOKIE not in cookie_names(page) and FLOW_COOKIE not in cookie_names(page)
    assert oidc_provider.token_posts == []
    # The page came with the 401 a refused login gets, which Chromium logs: expected here.
    errors = watch_of(page).errors
    expected = [e for e in errors if "/login/oidc/callback?error=access_denied" in e and "401" in e]
    assert len(expected) == 1, errors
    errors.remove(expected[0])


def test_the_secret_file_is_the_only_place_the_secret_is(oidc_site: HostedSite) -> None:
    config = oidc_site.settings.config_path
    assert config is not None and OIDC_CLIENT_SECRET not in config.read_text()
    assert OIDC_CLIENT_SECRET not in Path(oidc_site.server.log).read_text()
