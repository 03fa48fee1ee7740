"""Sign-in with the organisation's OpenID Connect provider (a hosted site's ``[oidc]``).

The authorization code flow with PKCE (S256), a state and a nonce:

1. :func:`begin` reads the provider's discovery document
   (``{issuer}/.well-known/openid-configuration``) and makes the address that
   sends the browser there. The state, the nonce, the PKCE verifier, the page
   to go on to and the time travel in a short-lived cookie the site signs
   (HMAC-SHA256, keyed from the client secret, so every server process checks
   it with no setting of its own): a callback without that cookie, or with a
   state that isn't the cookie's, is refused, and a state is spent once, by
   whichever server process sees it first (kept in the database as a hash).
2. :func:`finish` checks the answer against the cookie, trades the code at
   the token endpoint and checks the ID token (:mod:`.oidc_provider`).
3. Who it is: a known (issuer, subject) is that user; else the live user with
   the token's email, when the provider says it verified that email and the
   user has no identity at this issuer yet, is linked; else, with
   ``[site] signup = "open"``, a new user; else :data:`NOT_HERE`. A disabled
   user is refused. The identity's ``last_used_at`` is noted, and the session
   is made as a password login makes it (:func:`~.logins.open_session`), in
   the same transaction.

No token, code or secret ever goes into a message or a log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from nextround.errors import InvalidInput, NotFound, NotSignedIn
from nextround.services.context import Context
from nextround.services.logins import KEEP_ATTEMPTS, NewSession, now_utc, open_session
from nextround.services.oidc_provider import (
    checked_claims,
    client_secret,
    endpoints,
    id_token_for,
    refused,
    same,
    unusable,
    word,
)
from nextround.services.users import normal_email
from nextround.siteconfig import OidcSettings
from nextround.storage import identities, logins, users
from nextround.storage.sql import Connection

#: How long a started sign-in may take (seconds) before its cookie is refused.
FLOW_LIFETIME = 600
NOT_HERE = (
    "Your organisation's account isn't on this site yet; ask the site's admin for an invitation."
)
STALE = "That sign-in took too long or didn't start here. Please try again."
DISABLED = "Your account on this site is turned off; ask the site's admin."


@dataclass(frozen=True)
class Begun:
    """Where to send the browser, and the signed cookie that carries the sign-in's secrets."""

    url: str = field(repr=False)
    cookie: str = field(repr=False)


@dataclass(frozen=True)
class Answer:
    """What the provider sent back to the callback."""

    code: str = field(default="", repr=False)
    state: str = field(default="", repr=False)
    error: str = ""


@dataclass(frozen=True)
class SignedIn:
    """The new session, and the page to go on to."""

    session: NewSession
    next: str


def begin(ctx: Context, redirect_uri: str, next_path: str = "/") -> Begun:
    """The provider's authorization address for a new sign-in, and its cookie."""
    settings = _settings(ctx)
    key = _flow_key(settings)
    provider = endpoints(settings)
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    query = {
        "response_type": "code",
        "client_id": settings.client_id,
        "redirect_uri": redirect_uri,
        "scope": "openid email profile",
        "state": state,
        "nonce": nonce,
        "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
    }
    endpoint = provider["authorization_endpoint"]
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"
    flow = {"s": state, "n": nonce, "v": verifier, "to": next_path, "at": int(time.time())}
    return Begun(url, _seal(key, flow))


def finish(
    ctx: Context, cookie: str | None, answer: Answer, redirect_uri: str, *, replacing: str | None
) -> SignedIn:
    """Check the provider's answer, and log the user it names in; :class:`NotSignedIn`
    with one line saying what went wrong."""
    settings = _settings(ctx)
    label = settings.label
    if answer.error:
        refused(f"the provider answered {word(answer.error)}")
        if answer.error == "access_denied":
            raise NotSignedIn(f"Sign-in with {label} was cancelled or refused. Please try again.")
        raise NotSignedIn(f"{label} couldn't sign you in ({word(answer.error)}). Please try again.")
    flow = _unseal(_flow_key(settings), cookie or "")
    if flow is None or not answer.state or not same(flow["s"], answer.state):
        refused("the state doesn't match the sign-in this browser started")
        raise NotSignedIn(STALE)
    if not _spend(ctx, answer.state):
        refused("the state was used already")
        raise NotSignedIn(STALE)
    if not answer.code:
        refused("the provider sent no code")
        raise NotSignedIn(unusable(label))
    provider = endpoints(settings)
    id_token = id_token_for(settings, provider, answer.code, redirect_uri, flow["v"])
    claims = checked_claims(settings, provider, id_token, flow["n"])
    now = now_utc()
    with ctx.db.transaction() as c:
        user_id = _user_for(c, settings, claims, ctx.settings.signup, now)
        session = open_session(c, user_id, now, replacing=replacing)
    return SignedIn(session, str(flow["to"]))


# -- who the provider says it is ---------------------------------------------------------


def _user_for(
    c: Connection, settings: OidcSettings, claims: dict[str, Any], signup: str, now: datetime
) -> int:
    """The user the claims name (linked or made now if need be), or :class:`NotSignedIn`."""
    issuer, subject = settings.issuer, str(claims["sub"])
    known = identities.find(c, issuer, subject)
    if known is not None:
        if not users.is_live(c, known.user_id):
            raise NotSignedIn(DISABLED)
        identities.used(c, known.id, now)
        return known.user_id
    email = _verified_email(claims)
    if email is None:
        raise NotSignedIn(
            f"{settings.label} didn't confirm your email address, so this site can't tell "
            "which account is yours; ask the site's admin."
        )
    user = users.by_email(c, email)
    if user is not None:
        if user.disabled_at is not None:
            raise NotSignedIn(DISABLED)
        if identities.has_one_at(c, user.id, issuer):
            raise NotSignedIn(
                f"Your account here is linked to another {settings.label} sign-in; "
                "ask the site's admin."
            )
        identities.add(c, user.id, issuer, subject, now)
        return user.id
    if signup != "open":
        raise NotSignedIn(NOT_HERE)
    name = email if not users.name_taken(c, email) else f"{email} ({secrets.token_hex(3)})"
    user_id = users.add_user(c, name, email, is_admin=False)
    identities.add(c, user_id, issuer, subject, now)
    return user_id


def _verified_email(claims: dict[str, Any]) -> str | None:
    verified = claims.get("email_verified")
    if verified is not True and verified != "true":
        return None
    try:
        return normal_email(str(claims.get("email") or ""))
    except InvalidInput:
        return None


# -- the provider -------------------------------------------------------------------------


def _settings(ctx: Context) -> OidcSettings:
    if not ctx.settings.hosted or not ctx.settings.oidc.enabled:
        raise NotFound("no such page")
    return ctx.settings.oidc


# -- the signed cookie -----------------------------------------------------------------------

#: The kind of the spent states among the counted tries (``attempts``).
SPENT = "oidc_state"


def _flow_key(settings: OidcSettings) -> bytes:
    secret = client_secret(settings).encode()
    return hmac.new(secret, b"nextround sign-in cookie", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _seal(key: bytes, flow: dict[str, Any]) -> str:
    body = _b64(json.dumps(flow, separators=(",", ":")).encode())
    return f"{body}.{_b64(hmac.new(key, body.encode(), hashlib.sha256).digest())}"


def _unseal(key: bytes, cookie: str) -> dict[str, Any] | None:
    """The cookie's sign-in if the site signed it within :data:`FLOW_LIFETIME`, else None."""
    body, _, mac = cookie.partition(".")
    wanted = _b64(hmac.new(key, body.encode("utf-8", "replace"), hashlib.sha256).digest())
    if not body or len(cookie) > 2000 or not same(mac, wanted):
        return None
    try:
        flow = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        started = int(flow["at"])
        fields = [flow[name] for name in ("s", "n", "v", "to")]
    except (ValueError, KeyError, TypeError):
        return None
    if not all(isinstance(value, str) for value in fields):
        return None
    age = time.time() - started
    return flow if 0 <= age <= FLOW_LIFETIME else None


def _spend(ctx: Context, state: str) -> bool:
    """Whether ``state`` is used for the first time on this site, by any of its processes
    (a replay is refused): its SHA-256 is kept with the counted tries (``attempts``) for
    as long as those are, which outlasts a sign-in's :data:`FLOW_LIFETIME`."""
    now = now_utc()
    with ctx.database.transaction() as c:
        logins.prune_attempts(c, now - KEEP_ATTEMPTS)
        return logins.spend_once(c, SPENT, hashlib.sha256(state.encode()).hexdigest(), now)
