"""The ID token's checks, one claim at a time, against the stub provider on loopback
(tests/oidcprovider.py): discovery and the JWKS are fetched from it over real HTTP,
and each token is signed with its published key, so only the claim under test is
wrong. No database: :func:`~nextround.services.oidc_provider.checked_claims` and
:func:`~nextround.services.oidc_provider.endpoints` read nothing else.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from joserfc import jwt

from nextround.errors import NotSignedIn
from nextround.services.oidc_provider import checked_claims, endpoints
from nextround.siteconfig import OidcSettings
from tests.oidcprovider import OIDC_CLIENT_ID, OidcProvider

LABEL = "Acme SSO"
NONCE = "the-nonce-of-this-sign-in"


def settings_for(issuer: str) -> OidcSettings:
    return OidcSettings(issuer, OIDC_CLIENT_ID, None, LABEL)


def token(provider: OidcProvider, **changes: Any) -> str:
    """An ID token signed with the provider's published key: right in every claim but
    ``changes`` (a claim set to None is left out)."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": provider.url,
        "sub": "ana-at-acme",
        "aud": OIDC_CLIENT_ID,
        "iat": now,
        "exp": now + 300,
        "nonce": NONCE,
        "email": "ana@example.org",
        "email_verified": True,
    }
    claims.update(changes)
    kept = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": "RS256", "kid": "stub-1"}, kept, provider.key)


def check(provider: OidcProvider, id_token: str) -> dict[str, Any]:
    settings = settings_for(provider.url)
    return checked_claims(settings, endpoints(settings), id_token, NONCE)


def refused(provider: OidcProvider, id_token: str, reason: str) -> None:
    with pytest.raises(NotSignedIn) as caught:
        check(provider, id_token)
    assert reason in caught.value.message, caught.value.message
    assert id_token not in caught.value.message


def test_a_right_token_passes_and_each_wrong_claim_is_refused(
    oidc_provider: OidcProvider,
) -> None:
    assert check(oidc_provider, token(oidc_provider))["sub"] == "ana-at-acme"
    other = oidc_provider.url.replace("127.0.0.1", "localhost")
    refused(oidc_provider, token(oidc_provider, iss=other), "wrong or missing 'iss'")
    refused(oidc_provider, token(oidc_provider, iss=None), "wrong or missing 'iss'")
    refused(oidc_provider, token(oidc_provider, sub=None), "wrong or missing 'sub'")
    refused(oidc_provider, token(oidc_provider, exp=None), "wrong or missing 'exp'")
    refused(oidc_provider, token(oidc_provider, aud="another-site"), "meant for another site")
    refused(oidc_provider, token(oidc_provider, nonce=None), "belongs to another sign-in")


def test_a_minute_s_leeway_on_the_expiry_and_no_more(oidc_provider: OidcProvider) -> None:
    now = int(time.time())
    late = token(oidc_provider, iat=now - 600, exp=now - 20)
    assert check(oidc_provider, late)["sub"] == "ana-at-acme"
    refused(oidc_provider, token(oidc_provider, iat=now - 600, exp=now - 120), "has expired")


def test_several_audiences_need_an_azp_naming_this_site(oidc_provider: OidcProvider) -> None:
    both = [OIDC_CLIENT_ID, "another-site"]
    refused(oidc_provider, token(oidc_provider, aud=both), "was given to another site")
    refused(
        oidc_provider, token(oidc_provider, aud=both, azp="another-site"), "given to another site"
    )
    assert check(oidc_provider, token(oidc_provider, aud=both, azp=OIDC_CLIENT_ID))
    refused(oidc_provider, token(oidc_provider, azp="another-site"), "was given to another site")


def test_a_discovery_document_naming_another_issuer_is_refused(
    oidc_provider: OidcProvider,
) -> None:
    # The same server by another name: its discovery says it is 127.0.0.1's issuer.
    by_name = settings_for(oidc_provider.url.replace("127.0.0.1", "localhost"))
    with pytest.raises(NotSignedIn, match="answered in a way this site can't use"):
        endpoints(by_name)


def test_plain_http_is_for_this_machine_only(oidc_provider: OidcProvider) -> None:
    # Refused before any request: the name doesn't even resolve (.invalid never does).
    elsewhere = settings_for("http://sso.nextround.invalid")
    with pytest.raises(NotSignedIn, match="answered in a way this site can't use"):
        endpoints(elsewhere)
