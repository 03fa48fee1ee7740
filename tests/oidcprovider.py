"""A local OpenID Connect provider for the sign-in tests, on loopback, in a thread.

It serves what a real provider serves: discovery
(``/.well-known/openid-configuration``), ``/authorize`` (which approves the
configured :attr:`OidcProvider.user` at once and redirects back with a code and
the state, or with ``error=access_denied`` when told to), ``/token`` (checks the
client's secret, the redirect URI and the PKCE verifier, refuses a code used
before, and issues an RS256 ID token signed with a key made at start) and
``/jwks``. Told to misbehave (:attr:`OidcProvider.misbehave`) it issues tokens
for another audience, expired ones, ones with another nonce, a bad signature,
or a key id it doesn't publish. The fixtures are made available to every test by
``tests/conftest.py``.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.loopback_http import Handler, serving

OIDC_CLIENT_ID = "nextround-site"
OIDC_CLIENT_SECRET = "oidc-client-s3cret-never-shown"
#: Each a way :attr:`OidcProvider.misbehave` can name.
MISBEHAVIOURS = ("deny", "wrong_aud", "expired", "wrong_nonce", "bad_signature", "unknown_kid")


@dataclass
class OidcUser:
    subject: str
    email: str
    #: The claim as the provider sends it; None: left out of the ID token.
    email_verified: bool | str | None = True
    name: str = "Test Person"


@dataclass
class OidcProvider:
    """The provider's state; :meth:`reset` between tests."""

    url: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "stub-1"}))
    other_key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048))
    user: OidcUser | None = None
    misbehave: set[str] = field(default_factory=set)
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_posts: list[dict[str, str]] = field(default_factory=list)
    id_tokens: list[str] = field(default_factory=list)
    jwks_fetches: int = 0

    def reset(self) -> None:
        self.user = OidcUser(f"sub-{secrets.token_hex(6)}", "nobody@example.org")
        self.misbehave = set()
        self.codes.clear()
        self.token_posts.clear()
        self.id_tokens.clear()

    def discovery(self) -> dict[str, object]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], str]:
        """(status, headers, body): a redirect back to the client, or a refusal."""
        wanted = ("client_id", "redirect_uri", "state", "nonce", "code_challenge")
        if (
            query.get("client_id") != OIDC_CLIENT_ID
            or query.get("response_type") != "code"
            or "openid" not in query.get("scope", "").split()
            or query.get("code_challenge_method") != "S256"
            or not all(query.get(name) for name in wanted)
        ):
            return 400, {}, "bad authorization request"
        if "deny" in self.misbehave:
            answer = {"error": "access_denied", "state": query["state"]}
        else:
            code = secrets.token_urlsafe(24)
            self.codes[code] = {**query, "user": self.user, "used": False}
            answer = {"code": code, "state": query["state"]}
        return 302, {"Location": f"{query['redirect_uri']}?{urlencode(answer)}"}, ""

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, object]]:
        self.token_posts.append({k: v for k, v in form.items() if k != "client_secret"})
        client = (form.get("client_id", ""), form.get("client_secret", ""))
        if authorization.startswith("Basic "):
            pair = base64.b64decode(authorization[6:]).decode()
            name, _, secret = pair.partition(":")
            client = (unquote(name), unquote(secret))
        if client != (OIDC_CLIENT_ID, OIDC_CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        grant = self.codes.get(form.get("code", ""))
        if form.get("grant_type") != "authorization_code" or grant is None or grant["used"]:
            return 400, {"error": "invalid_grant"}
        grant["used"] = True
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        if challenge.decode() != grant["code_challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        token = self.id_token(grant["user"], grant["nonce"])
        self.id_tokens.append(token)
        return 200, {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "id_token": token,
            "expires_in": 300,
        }

    def id_token(self, user: OidcUser, nonce: str) -> str:
        now = int(time.time())
        claims: dict[str, object] = {
            "iss": self.url,
            "sub": user.subject,
            "aud": OIDC_CLIENT_ID,
            "azp": OIDC_CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "email": user.email,
            "email_verified": user.email_verified,
            "name": user.name,
        }
        if user.email_verified is None:
            del claims["email_verified"]
        if "wrong_aud" in self.misbehave:
            claims["aud"], claims["azp"] = "another-site", "another-site"
        if "expired" in self.misbehave:
            claims["iat"], claims["exp"] = now - 900, now - 600
        if "wrong_nonce" in self.misbehave:
            claims["nonce"] = secrets.token_urlsafe(16)
        key, kid = self.key, "stub-1"
        if "bad_signature" in self.misbehave:
            key = self.other_key  # signed by another key under the published key's id
        if "unknown_kid" in self.misbehave:
            key, kid = self.other_key, "retired-key"
        return jwt.encode({"alg": "RS256", "kid": kid}, claims, key)

    def jwks(self) -> dict[str, object]:
        self.jwks_fetches += 1
        return {"keys": [self.key.as_dict(private=False)]}


def _handler(state: OidcProvider) -> type[Handler]:
    class ProviderHandler(Handler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            if parts.path == "/.well-known/openid-configuration":
                self.send_json(200, state.discovery())
            elif parts.path == "/jwks":
                self.send_json(200, state.jwks())
            elif parts.path == "/authorize":
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                status, headers, body = state.authorize(query)
                self.send_body(status, headers, body.encode(), "text/plain")
            else:
                self.send_json(404, {"error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            form = self.form()
            if urlsplit(self.path).path != "/token":
                self.send_json(404, {"error": "not_found"})
                return
            self.send_json(*state.token(form, self.headers.get("Authorization", "")))

    return ProviderHandler


@pytest.fixture(scope="module")
def oidc_server() -> Iterator[OidcProvider]:
    state = OidcProvider()
    with serving(_handler(state)) as url:
        state.url = url
        yield state


@pytest.fixture
def oidc_provider(oidc_server: OidcProvider) -> OidcProvider:
    """The module's provider, well-behaved again, approving a fresh user of its own."""
    oidc_server.reset()
    return oidc_server
