"""Talking to the organisation's OpenID Connect provider, for :mod:`.oidc`.

- **Discovery** (``{issuer}/.well-known/openid-configuration``): its issuer must
  be the configured one, its endpoints https (plain http only on this machine).
- **The token endpoint** trades the code, with the PKCE verifier and the client
  secret (``client_secret_basic``, or ``_post`` when that is all it takes).
- **The ID token** is checked with joserfc (Authlib's JOSE library): the
  signature by a key of the provider's JWKS (asked again once for a key id it
  doesn't know: the provider rotated), an asymmetric algorithm only, ``iss``,
  ``sub``, ``exp`` (a minute's leeway), ``aud``, ``azp`` and the nonce.
- Discovery and the JWKS are kept for :data:`CACHE_LIFETIME` in each process.

The requests use the standard library (as :mod:`nextround.mail.oauth` does):
the HTTP client is the watch adapter's alone (an import-linter contract), and
two GETs and a form POST need nothing more. The client secret is read when it
is used (``NEXTROUND_OIDC_CLIENT_SECRET`` or ``oidc.client_secret_file``); no
secret, code or token is ever in a message or a log.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from nextround import log
from nextround.errors import NotSignedIn
from nextround.mailconfig import is_loopback
from nextround.siteconfig import OidcSettings

#: How long the discovery document and the JWKS are kept (seconds, per process).
CACHE_LIFETIME = 300.0
TIMEOUT = 10.0
_MAX_ANSWER = 256 * 1024
_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA")


def client_secret(settings: OidcSettings) -> str:
    """The client secret, read now (``NEXTROUND_OIDC_CLIENT_SECRET`` or the file)."""
    secret = os.environ.get("NEXTROUND_OIDC_CLIENT_SECRET", "").strip()
    if not secret and settings.client_secret_file is not None:
        try:
            secret = settings.client_secret_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            log.warning("can't read oidc.client_secret_file: %s", exc.strerror)
        except UnicodeDecodeError:
            log.warning("oidc.client_secret_file isn't text")
    if not secret:
        log.warning(
            "sign-in with %s needs the client secret: set NEXTROUND_OIDC_CLIENT_SECRET "
            "or oidc.client_secret_file",
            settings.label,
        )
        raise NotSignedIn(
            f"Sign-in with {settings.label} isn't set up completely yet; ask the site's admin."
        )
    return secret


_cache: dict[str, tuple[float, Any]] = {}
_cache_lock = threading.Lock()


def _cached(url: str, load: Callable[[str], Any], *, fresh: bool = False) -> Any:
    """``load(url)``, kept for :data:`CACHE_LIFETIME` in this process."""
    now = time.monotonic()
    with _cache_lock:
        kept = _cache.get(url)
    if kept is not None and not fresh and now - kept[0] < CACHE_LIFETIME:
        return kept[1]
    value = load(url)
    with _cache_lock:
        _cache[url] = (now, value)
    return value


def endpoints(settings: OidcSettings) -> dict[str, str]:
    """The endpoints of the provider's discovery document (checked, then kept a while)."""

    def load(url: str) -> dict[str, str]:
        found = _get_json(url, settings.label)
        if found.get("issuer") != settings.issuer:
            refused("the discovery document names another issuer")
            raise NotSignedIn(unusable(settings.label))
        names = ("authorization_endpoint", "token_endpoint", "jwks_uri")
        endpoints = {name: str(found.get(name) or "") for name in names}
        if not all(_allowed(value) for value in endpoints.values()):
            refused("the discovery document lacks an https:// endpoint")
            raise NotSignedIn(unusable(settings.label))
        methods = found.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
        basic = "client_secret_basic" in methods or "client_secret_post" not in methods
        return {**endpoints, "auth": "basic" if basic else "post"}

    result: dict[str, str] = _cached(f"{settings.issuer}/.well-known/openid-configuration", load)
    return result


def id_token_for(
    settings: OidcSettings, provider: dict[str, str], code: str, redirect_uri: str, verifier: str
) -> str:
    """The ID token the token endpoint gives for the code."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
        "client_id": settings.client_id,
    }
    headers: dict[str, str] = {}
    secret = client_secret(settings)
    if provider["auth"] == "basic":
        pair = f"{_form_quote(settings.client_id)}:{_form_quote(secret)}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    else:
        form["client_secret"] = secret
    status, body = _post_form(provider["token_endpoint"], form, headers, settings.label)
    if status == 400 and body.get("error") == "invalid_grant":
        refused("the token endpoint refused the code (invalid_grant)")
        raise NotSignedIn("That sign-in was used already or has expired. Please sign in again.")
    token = body.get("id_token")
    if status != 200 or not isinstance(token, str) or not token:
        refused(f"the token endpoint answered HTTP {status} {word(str(body.get('error', '')))}")
        raise NotSignedIn(unusable(settings.label))
    return token


def checked_claims(
    settings: OidcSettings, provider: dict[str, str], id_token: str, nonce: str
) -> dict[str, Any]:
    """The ID token's claims, once its signature and claims are checked."""
    from joserfc import jwt
    from joserfc.errors import (
        BadSignatureError,
        ClaimError,
        ExpiredTokenError,
        InvalidKeyIdError,
        JoseError,
    )
    from joserfc.jwk import KeySet

    def keys(fresh: bool) -> KeySet:
        found = _cached(
            provider["jwks_uri"], lambda url: _get_json(url, settings.label), fresh=fresh
        )
        return KeySet.import_key_set(found)

    try:
        try:
            token = jwt.decode(id_token, keys(False), algorithms=list(_ALGORITHMS))
        except InvalidKeyIdError:  # the provider may have rotated its keys since
            token = jwt.decode(id_token, keys(True), algorithms=list(_ALGORITHMS))
        claims = dict(token.claims)
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": settings.issuer},
            sub={"essential": True},
            exp={"essential": True},
        ).validate(claims)
    except InvalidKeyIdError:
        raise _unverified(settings, "names a signing key the provider doesn't publish") from None
    except BadSignatureError:
        raise _unverified(settings, "has a signature that doesn't check out") from None
    except ExpiredTokenError:
        raise _unverified(settings, "has expired") from None
    except ClaimError as exc:
        raise _unverified(settings, f"has a wrong or missing '{word(exc.claim)}'") from None
    except (JoseError, ValueError, TypeError):
        raise _unverified(settings, "isn't a valid ID token") from None
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else audience
    if not isinstance(audiences, list) or settings.client_id not in audiences:
        raise _unverified(settings, "is meant for another site")
    azp = claims.get("azp")
    if (len(audiences) > 1 or azp is not None) and azp != settings.client_id:
        raise _unverified(settings, "was given to another site")
    if not same(str(claims.get("nonce", "")), nonce):
        raise _unverified(settings, "belongs to another sign-in")
    return claims


def _unverified(settings: OidcSettings, reason: str) -> NotSignedIn:
    refused(f"the ID token {reason}")
    return NotSignedIn(
        f"{settings.label}'s answer couldn't be trusted: its sign-in token {reason}. "
        "Please try again, and tell the site's admin if it keeps happening."
    )


def unusable(label: str) -> str:
    return f"{label} answered in a way this site can't use; ask the site's admin."


def refused(reason: str) -> None:
    log.warning("sign-in with the OpenID Connect provider refused: %s", reason)


# -- HTTP (standard library) ---------------------------------------------------------------


def _allowed(url: str) -> bool:
    """https, or plain http to a server on this machine."""
    parts = urlsplit(url)
    return bool(parts.hostname) and (
        parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname or ""))
    )


def _get_json(url: str, label: str) -> dict[str, Any]:
    status, body = _send(url, None, {}, label)
    if status != 200:
        refused(f"{urlsplit(url).path} answered HTTP {status}")
        raise NotSignedIn(unusable(label))
    return body


def _post_form(
    url: str, form: dict[str, str], headers: dict[str, str], label: str
) -> tuple[int, dict[str, Any]]:
    return _send(url, urlencode(form).encode(), headers, label)


def _send(
    url: str, data: bytes | None, headers: dict[str, str], label: str
) -> tuple[int, dict[str, Any]]:
    import urllib.error
    import urllib.request

    if not _allowed(url):
        refused("an endpoint isn't an https:// address")
        raise NotSignedIn(unusable(label))
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        url, data=data, headers={"Accept": "application/json", **headers}
    )
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            status, raw = answer.status, answer.read(_MAX_ANSWER)
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read(_MAX_ANSWER)
    except (urllib.error.URLError, OSError) as exc:
        cause = getattr(exc, "reason", None) or exc
        log.warning("can't reach the OpenID Connect provider %s: %s", urlsplit(url).netloc, cause)
        raise NotSignedIn(
            f"Can't reach {label} right now. Try again in a minute, or log in with your password."
        ) from None
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    return status, body if isinstance(body, dict) else {}


def _form_quote(value: str) -> str:
    return quote(value, safe="")


def same(one: str, other: str) -> bool:
    """Equal, in constant time (any text: what a browser or a provider sent may not be ASCII)."""
    return hmac.compare_digest(one.encode("utf-8", "replace"), other.encode("utf-8", "replace"))


def word(text: str) -> str:
    """A provider's error code as it may be shown: letters, digits and _ only, short."""
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch == "_"))[:40]
