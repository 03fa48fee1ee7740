"""A local OAuth provider for XOAUTH2 tests, and a Dovecot that asks it about tokens.

One small HTTP server on loopback plays the user's OAuth provider: ``/token``
trades a refresh token for an access token (RFC 6749 section 6), and
``/introspect`` tells Dovecot whether a token is live and whose it is
(RFC 7662). Dovecot asks it on every ``AUTHENTICATE XOAUTH2``. The fixtures are
made available to every test by ``tests/conftest.py``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.imapserver import Dovecot, DovecotUnavailableError, ImapUser, running_dovecot
from tests.loopback_http import Handler, serving
from tests.pg_fixtures import needed

CLIENT_ID = "nextround-test-client"
CLIENT_SECRET = "s3cret-of-the-client"
MESSAGE = b"From: Dana <dana@acme.example>\r\nSubject: Hello\r\nMessage-ID: <a@x>\r\n\r\nHi.\r\n"


@dataclass
class Provider:
    """The OAuth provider's state: refresh tokens per user, live access tokens."""

    url: str = ""
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    live: dict[str, str] = field(default_factory=dict)  # access token -> user
    token_posts: list[dict[str, str]] = field(default_factory=list)
    introspected: list[str] = field(default_factory=list)
    rotating: set[str] = field(default_factory=set)  # users whose refresh token changes on use

    def answer(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        if path == "/introspect":
            self.introspected.append(form.get("token", ""))
            user = self.live.get(form.get("token", ""))
            return 200, {"active": True, "username": user} if user else {"active": False}
        if path != "/token":
            return 404, {"error": "not_found"}
        self.token_posts.append(form)
        if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        user = next(
            (u for u, t in self.refresh_tokens.items() if t == form.get("refresh_token")), None
        )
        if form.get("grant_type") != "refresh_token" or user is None:
            return 400, {"error": "invalid_grant", "error_description": "token expired"}
        token = secrets.token_urlsafe(24)
        self.live[token] = user
        answer: dict[str, object] = {"access_token": token, "token_type": "Bearer"}
        if user in self.rotating:  # the old refresh token stops working
            self.refresh_tokens[user] = answer["refresh_token"] = secrets.token_urlsafe(16)
        return 200, answer


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    state = Provider()

    class ProviderHandler(Handler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self.send_json(*state.answer(self.path, self.form()))

    with serving(ProviderHandler) as url:
        state.url = url
        yield state


@pytest.fixture(scope="module")
def oauth_dovecot(provider: Provider) -> Iterator[Dovecot]:
    """A Dovecot whose logins check tokens with ``provider`` (``passdb oauth2``)."""
    introspection = f"{provider.url}/introspect"
    with needed(
        running_dovecot(oauth2_introspection=introspection),
        DovecotUnavailableError,
        "Dovecot",
        "no Dovecot IMAP server for tests",
    ) as server:
        yield server


@pytest.fixture
def oauth_user(oauth_dovecot: Dovecot, provider: Provider) -> ImapUser:
    user = oauth_dovecot.add_user()
    provider.refresh_tokens[user.name] = secrets.token_urlsafe(16)
    user.append("INBOX", MESSAGE)
    return user
