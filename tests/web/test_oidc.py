"""Sign-in with the organisation's OpenID Connect provider, on a hosted PostgreSQL site.

The web test client starts the flow; the redirect to the provider is followed
over real HTTP to the stub provider on loopback (tests/oidcprovider.py), whose
redirect back brings the browser to the callback with the code and the state.
Nothing is patched: the site fetches discovery, the JWKS and the token from it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import httpx2 as httpx
import pytest

from nextround.config import Settings
from nextround.services import logins, oidc, users
from nextround.siteconfig import OidcSettings
from nextround.storage import identities
from nextround.web.oidc import FLOW_COOKIE
from nextround.web.sessions import SESSION_COOKIE
from tests.oidcprovider import OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OidcProvider, OidcUser
from tests.web.conftest import BASE, Browser, make_client
from tests.web.hosted import add_user, deployed, logged_in, site

pytestmark = pytest.mark.postgres

LABEL = "Acme SSO"
CALLBACK = f"{BASE}/login/oidc/callback"


def with_oidc(settings: Settings, issuer: str, secret_file: Path) -> Settings:
    return replace(settings, oidc=OidcSettings(issuer, OIDC_CLIENT_ID, secret_file, LABEL))


@pytest.fixture
def secret_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("NEXTROUND_OIDC_CLIENT_SECRET", raising=False)
    path = tmp_path / "oidc-client-secret"
    path.write_text(OIDC_CLIENT_SECRET + "\n")
    return path


@pytest.fixture
def hosted(
    web_settings: Settings,
    postgres_admin_url: str,
    postgres_url: str,
    oidc_provider: OidcProvider,
    secret_file: Path,
) -> Iterator[Settings]:
    """A hosted site as deployed (the app's role granted rows only, under row-level
    security), its [oidc] the stub provider, with ana and bo."""
    with deployed(web_settings, postgres_admin_url, postgres_url) as deployed_settings:
        base = replace(deployed_settings, site_url=BASE)
        settings = with_oidc(base, oidc_provider.url, secret_file)
        with site(settings) as ctx:
            add_user(ctx, "ana@example.org")
            add_user(ctx, "bo@example.org")
        yield settings


@pytest.fixture
def visitor(hosted: Settings) -> Iterator[Browser]:
    with make_client(hosted) as browser:
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]


def start(browser: Browser, next: str = "/") -> str:
    """Click "Sign in with": the provider's authorization address."""
    begun = browser.get(f"/login/oidc?next={quote(next, safe='')}", follow_redirects=False)
    assert begun.status_code == 303, begun.text[:300]
    assert FLOW_COOKIE in begun.cookies
    return str(begun.headers["location"])


def at_provider(url: str) -> str:
    """The provider's answer to the authorization request, over real HTTP: where it sends
    the browser back to."""
    answer = httpx.get(url, follow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = str(answer.headers["location"])
    assert back.startswith(CALLBACK + "?")
    return back


def sign_in(browser: Browser, next: str = "/") -> httpx.Response:
    return browser.get(at_provider(start(browser, next)), follow_redirects=False)


def as_user(
    provider: OidcProvider, subject: str, email: str, *, verified: bool | str | None = True
) -> None:
    provider.user = OidcUser(subject, email, verified)


def refused(response: httpx.Response, message: str) -> None:
    """The login page, 401, with ``message`` as its one problem, and no session."""
    assert response.status_code == 401, response.text[:500]
    assert 'class="form-problem"' in response.text
    assert message.replace("'", "&#39;") in response.text, response.text[-1500:]
    assert SESSION_COOKIE not in response.cookies


def ours(caplog: pytest.LogCaptureFixture) -> str:
    """What nextround logged (the test's own HTTP client logs the URLs it asks for)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("nextround"))


def identity_of(settings: Settings, subject: str) -> identities.IdentityRow | None:
    with site(settings) as ctx, ctx.db.read() as c:
        return identities.find(c, settings.oidc.issuer, subject)


def user_id(settings: Settings, email: str) -> int:
    with site(settings) as ctx:
        return users.user_id_for(ctx, email)


# -- the button -------------------------------------------------------------------------------


def test_the_login_page_offers_the_provider_only_on_a_hosted_site_that_set_it_up(
    hosted: Settings, visitor: Browser, web_settings: Settings, secret_file: Path
) -> None:
    page = visitor.get("/login?next=/companies").text
    assert f"Sign in with {LABEL}</a>" in page
    assert (
        'href="/login/oidc?next=/companies"' in page
        or 'href="/login/oidc?next=%2Fcompanies"' in page
    )
    with make_client(replace(hosted, oidc=OidcSettings())) as plain:
        assert "Sign in with" not in plain.get("/login").text
        assert plain.get("/login/oidc", follow_redirects=False).status_code == 404
    plain.app.state.web.close()  # type: ignore[attr-defined]
    local = with_oidc(web_settings, hosted.oidc.issuer, secret_file)  # SQLite, not hosted
    with make_client(local) as alone:
        assert alone.get("/login/oidc", follow_redirects=False).status_code == 404
        assert alone.get("/login/oidc/callback?code=x&state=y").status_code == 404
    alone.app.state.web.close()  # type: ignore[attr-defined]


def test_the_authorization_request_carries_state_nonce_and_a_pkce_challenge(
    visitor: Browser, oidc_provider: OidcProvider
) -> None:
    first = parse_qs(urlsplit(start(visitor)).query)
    second = parse_qs(urlsplit(start(visitor)).query)
    assert first["redirect_uri"] == [CALLBACK] and first["client_id"] == [OIDC_CLIENT_ID]
    assert first["code_challenge_method"] == ["S256"] and "openid" in first["scope"][0].split()
    for name in ("state", "nonce", "code_challenge"):
        assert len(first[name][0]) >= 40 and first[name] != second[name], name
    cookie = visitor.cookies[FLOW_COOKIE]
    assert first["state"][0] not in cookie and "nonce" not in cookie  # signed and encoded


# -- who signs in --------------------------------------------------------------------------------


def test_a_verified_email_links_its_user_then_the_identity_alone_logs_them_in(
    hosted: Settings, visitor: Browser, oidc_provider: OidcProvider
) -> None:
    as_user(oidc_provider, "ana-at-acme", "Ana@Example.org")
    done = sign_in(visitor, "/companies")
    assert done.status_code == 303 and done.headers["location"] == "/companies"
    assert SESSION_COOKIE in done.cookies and FLOW_COOKIE not in visitor.cookies
    ana = user_id(hosted, "ana@example.org")
    linked = identity_of(hosted, "ana-at-acme")
    assert linked is not None and linked.user_id == ana and linked.last_used_at is not None
    assert visitor.get("/companies").status_code == 200
    with site(hosted) as ctx:
        assert logins.session_user(ctx, done.cookies[SESSION_COOKIE]) == ana
        with ctx.db.transaction() as c:  # as if last used a while ago
            c.execute(
                "UPDATE identities SET last_used_at = '2020-01-01' WHERE id = :id",
                {"id": linked.id},
            )
    # The provider now says another, unverified email: the identity decides, not the email.
    as_user(oidc_provider, "ana-at-acme", "someone.else@example.org", verified=False)
    with logged_in(hosted, "ana@example.org") as browser:
        before = browser.cookies[SESSION_COOKIE]
        again = sign_in(browser)
        assert again.status_code == 303
        after = again.cookies[SESSION_COOKIE]
        assert after != before
        with site(hosted) as ctx:  # the login rotated the session, as a password login does
            assert logins.session_user(ctx, before) is None
            assert logins.session_user(ctx, after) == ana
    used = identity_of(hosted, "ana-at-acme")
    assert used is not None and used.last_used_at is not None and used.last_used_at.year > 2020


@pytest.mark.parametrize("verified", [False, None, "false", "yes"])
def test_an_unverified_email_links_nobody(
    hosted: Settings, visitor: Browser, oidc_provider: OidcProvider, verified: bool | str | None
) -> None:
    # Not said to be verified: false, left out, or anything but true (or "true").
    as_user(oidc_provider, "claims-to-be-ana", "ana@example.org", verified=verified)
    refused(sign_in(visitor), f"{LABEL} didn't confirm your email address")
    assert identity_of(hosted, "claims-to-be-ana") is None


def test_a_second_identity_at_the_same_provider_is_not_linked_by_email(
    hosted: Settings, visitor: Browser, oidc_provider: OidcProvider
) -> None:
    as_user(oidc_provider, "bo-1", "bo@example.org")
    assert sign_in(visitor).status_code == 303
    as_user(oidc_provider, "bo-2", "bo@example.org")
    refused(sign_in(visitor), f"Your account here is linked to another {LABEL} sign-in")
    assert identity_of(hosted, "bo-2") is None


def test_someone_unknown_is_invited_warmly_or_signed_up_when_signup_is_open(
    hosted: Settings, oidc_provider: OidcProvider
) -> None:
    as_user(oidc_provider, "cy-at-acme", "cy@example.org")
    with make_client(hosted) as browser:
        refused(sign_in(browser), oidc.NOT_HERE)
    browser.app.state.web.close()  # type: ignore[attr-defined]
    assert identity_of(hosted, "cy-at-acme") is None
    with site(hosted) as ctx, pytest.raises(Exception, match="no user with the email"):
        users.user_id_for(ctx, "cy@example.org")
    open_site = replace(hosted, signup="open")
    with make_client(open_site) as browser:
        done = sign_in(browser)
        assert done.status_code == 303 and SESSION_COOKIE in done.cookies
        assert browser.get("/").status_code == 200
    browser.app.state.web.close()  # type: ignore[attr-defined]
    cy = user_id(hosted, "cy@example.org")
    made = identity_of(hosted, "cy-at-acme")
    assert made is not None and made.user_id == cy
    with site(hosted) as ctx:
        assert not users.is_admin(ctx, cy)


def test_a_disabled_user_is_refused_by_identity_and_by_email(
    hosted: Settings, visitor: Browser, oidc_provider: OidcProvider
) -> None:
    as_user(oidc_provider, "ana-at-acme", "ana@example.org")
    assert sign_in(visitor).status_code == 303
    with site(hosted) as ctx:
        users.disable_user(ctx, "ana@example.org")
        users.disable_user(ctx, "bo@example.org")
    refused(sign_in(visitor), oidc.DISABLED)
    as_user(oidc_provider, "bo-at-acme", "bo@example.org")
    refused(sign_in(visitor), oidc.DISABLED)
    assert identity_of(hosted, "bo-at-acme") is None


# -- what goes wrong -------------------------------------------------------------------------------

MISBEHAVIOURS = {
    "deny": f"Sign-in with {LABEL} was cancelled or refused",
    "wrong_aud": "its sign-in token is meant for another site",
    "expired": "its sign-in token has expired",
    "wrong_nonce": "its sign-in token belongs to another sign-in",
    "bad_signature": "its sign-in token has a signature that doesn't check out",
    "unknown_kid": "its sign-in token names a signing key the provider doesn't publish",
}


@pytest.mark.parametrize("how", sorted(MISBEHAVIOURS))
def test_a_misbehaving_provider_gets_one_clear_line_and_no_login(
    how: str,
    hosted: Settings,
    visitor: Browser,
    oidc_provider: OidcProvider,
    caplog: pytest.LogCaptureFixture,
) -> None:
    as_user(oidc_provider, "ana-at-acme", "ana@example.org")
    oidc_provider.misbehave = {how}
    fetched = oidc_provider.jwks_fetches
    with caplog.at_level(logging.DEBUG):
        response = sign_in(visitor)
    refused(response, MISBEHAVIOURS[how])
    if how != "deny":
        assert f"{LABEL}&#39;s answer couldn&#39;t be trusted" in response.text
        assert len(oidc_provider.id_tokens) == 1
    if how == "unknown_kid":  # asked the provider for its keys again before giving up
        assert oidc_provider.jwks_fetches > fetched
    assert identity_of(hosted, "ana-at-acme") is None
    assert FLOW_COOKIE not in visitor.cookies
    logged = ours(caplog)
    for secret in [OIDC_CLIENT_SECRET, *oidc_provider.id_tokens, *oidc_provider.codes]:
        assert secret not in response.text and secret not in logged
    assert "sign-in with the OpenID Connect provider refused" in logged


def test_a_callback_without_the_sign_in_s_cookie_or_state_is_refused(
    hosted: Settings, visitor: Browser, oidc_provider: OidcProvider
) -> None:
    as_user(oidc_provider, "ana-at-acme", "ana@example.org")
    back = at_provider(start(visitor))
    query = {k: v[0] for k, v in parse_qs(urlsplit(back).query).items()}
    tampered = {**query, "state": query["state"][:-2] + "xx"}
    refused(visitor.get(f"{CALLBACK}?{urlencode(tampered)}"), oidc.STALE)
    odd = {**query, "state": "é" + query["state"]}  # not even ASCII
    refused(visitor.get(f"{CALLBACK}?{urlencode(odd)}"), oidc.STALE)
    with make_client(hosted) as stranger:  # the link in another browser: no cookie
        refused(stranger.get(back), oidc.STALE)
    stranger.app.state.web.close()  # type: ignore[attr-defined]
    back = at_provider(start(visitor))
    cookie = visitor.cookies[FLOW_COOKIE]
    forged = cookie[:-3] + ("AAA" if not cookie.endswith("AAA") else "BBB")
    visitor.cookies.delete(FLOW_COOKIE)
    visitor.cookies.set(FLOW_COOKIE, forged, domain="127.0.0.1", path="/login/oidc")
    refused(visitor.get(back), oidc.STALE)
    assert identity_of(hosted, "ana-at-acme") is None


def test_a_replayed_callback_or_code_is_refused(
    hosted: Settings, visitor: Browser, oidc_provider: OidcProvider
) -> None:
    as_user(oidc_provider, "ana-at-acme", "ana@example.org")
    first = start(visitor)
    cookie = visitor.cookies[FLOW_COOKIE]
    back = at_provider(first)
    assert visitor.get(back, follow_redirects=False).status_code == 303
    visitor.cookies.set(FLOW_COOKIE, cookie, domain="127.0.0.1", path="/login/oidc")  # again
    refused(visitor.get(back, follow_redirects=False), oidc.STALE)
    # A new sign-in's state with the first sign-in's code: the provider refuses the code.
    used_code = parse_qs(urlsplit(back).query)["code"][0]
    state = parse_qs(urlsplit(start(visitor)).query)["state"][0]
    replay = visitor.get(f"{CALLBACK}?{urlencode({'code': used_code, 'state': state})}")
    refused(replay, "That sign-in was used already or has expired")


def test_a_state_is_spent_for_every_server_process_and_kept_only_as_a_hash(
    hosted: Settings, visitor: Browser, oidc_provider: OidcProvider
) -> None:
    """Another process of the site (here another app, which shares nothing with the
    first but the database) refuses a callback the first one took, before it asks the
    provider about the code."""
    as_user(oidc_provider, "ana-at-acme", "ana@example.org")
    first = start(visitor)
    cookie = visitor.cookies[FLOW_COOKIE]
    back = at_provider(first)
    assert visitor.get(back, follow_redirects=False).status_code == 303
    state = parse_qs(urlsplit(back).query)["state"][0]
    with site(hosted) as ctx, ctx.all_owners.read() as c:
        kept = c.scalars("SELECT key_hash FROM attempts WHERE kind = :k", {"k": oidc.SPENT})
    assert kept == [hashlib.sha256(state.encode()).hexdigest()]  # the hash, never the state
    with make_client(hosted) as other:
        other.cookies.set(FLOW_COOKIE, cookie, domain="127.0.0.1", path="/login/oidc")
        refused(other.get(back, follow_redirects=False), oidc.STALE)
    other.app.state.web.close()  # type: ignore[attr-defined]


def test_an_unreachable_provider_is_one_line_on_the_login_page(
    hosted: Settings, secret_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    away = with_oidc(hosted, f"http://127.0.0.1:{port}", secret_file)
    with make_client(away) as browser:
        refused(browser.get("/login/oidc"), f"Can't reach {LABEL} right now")
    browser.app.state.web.close()  # type: ignore[attr-defined]
    assert OIDC_CLIENT_SECRET not in ours(caplog)


def test_without_the_client_secret_the_button_says_so(
    hosted: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = with_oidc(hosted, hosted.oidc.issuer, tmp_path / "no-such-file")
    with make_client(missing) as browser:
        refused(browser.get("/login/oidc"), f"Sign-in with {LABEL} isn't set up completely yet")
    browser.app.state.web.close()  # type: ignore[attr-defined]
    assert "NEXTROUND_OIDC_CLIENT_SECRET" in ours(caplog)


def test_the_next_page_stays_on_this_site(visitor: Browser, oidc_provider: OidcProvider) -> None:
    as_user(oidc_provider, "ana-at-acme", "ana@example.org")
    done = sign_in(visitor, "https://evil.example/steal")
    assert done.status_code == 303 and done.headers["location"] == "/"


def _aged(cookie: str, seconds: int) -> str:
    """The sign-in cookie as the site would have signed it ``seconds`` earlier (its MAC made
    again with the key the site derives from the client secret)."""
    body = cookie.partition(".")[0]
    flow = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    flow["at"] -= seconds

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    key = hmac.new(OIDC_CLIENT_SECRET.encode(), b"nextround sign-in cookie", hashlib.sha256)
    new_body = b64(json.dumps(flow, separators=(",", ":")).encode())
    mac = hmac.new(key.digest(), new_body.encode(), hashlib.sha256).digest()
    return f"{new_body}.{b64(mac)}"


def test_a_sign_in_started_more_than_ten_minutes_ago_is_refused(
    hosted: Settings, visitor: Browser, oidc_provider: OidcProvider
) -> None:
    as_user(oidc_provider, "ana-at-acme", "ana@example.org")
    back = at_provider(start(visitor))
    cookie = visitor.cookies[FLOW_COOKIE]
    visitor.cookies.delete(FLOW_COOKIE)
    late = _aged(cookie, oidc.FLOW_LIFETIME + 5)
    visitor.cookies.set(FLOW_COOKIE, late, domain="127.0.0.1", path="/login/oidc")
    refused(visitor.get(back), oidc.STALE)
    assert identity_of(hosted, "ana-at-acme") is None
    # The same sign-in, signed a little less long ago, still goes through.
    visitor.cookies.delete(FLOW_COOKIE)
    in_time = _aged(cookie, oidc.FLOW_LIFETIME - 60)
    visitor.cookies.set(FLOW_COOKIE, in_time, domain="127.0.0.1", path="/login/oidc")
    assert visitor.get(back, follow_redirects=False).status_code == 303
    assert identity_of(hosted, "ana-at-acme") is not None
