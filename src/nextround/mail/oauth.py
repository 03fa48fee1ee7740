"""XOAUTH2 for IMAP: a fresh access token from the user's own OAuth client.

With ``imap.auth = "xoauth2"`` the user brings an OAuth client of their own
(registered with their mail provider): its token endpoint
(``imap.oauth_token_url``), client id (``imap.oauth_client_id``), client
secret (none for a public client) and a refresh token (found like the IMAP password, see
:mod:`nextround.mail.secrets`). Before each scan :func:`access_token` trades
the refresh token for an access token at the token endpoint (RFC 6749 section
6, a form POST), and the IMAP login sends it with ``AUTHENTICATE XOAUTH2``.
When the provider rotates refresh tokens (it answers with a new one, and the
old one stops working), the new one is kept where the old one was found (the
file or the keyring); one from the environment can't be updated, so a warning
says where to keep it instead.

The POST uses the standard library's ``urllib.request``: httpx belongs to the
watch adapter (an import-linter contract), and one form POST needs nothing
more. The token endpoint must be HTTPS, except on this machine. No secret or
token ever appears in an error message or a log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from nextround import log
from nextround.errors import ConfigError
from nextround.mail.imap_server import ImapFailed
from nextround.mail.secrets import (
    OAUTH_CLIENT_SECRET,
    OAUTH_REFRESH_TOKEN,
    find_oauth_secret,
    store_oauth_secret,
)
from nextround.mailconfig import ImapSettings, is_loopback

#: Bytes of a token endpoint's answer read at most.
_MAX_ANSWER = 64 * 1024


@dataclass(frozen=True)
class OAuthClient:
    """The user's own OAuth client and the refresh token it was given."""

    token_url: str
    client_id: str
    client_secret: str | None = field(repr=False)
    refresh_token: str = field(repr=False)
    #: The settings the refresh token was found through: a rotated one is kept there.
    settings: ImapSettings | None = field(default=None, repr=False, compare=False)


def oauth_client(settings: ImapSettings) -> OAuthClient:
    """The client ``settings`` name; :class:`ConfigError` saying what is missing."""
    url = settings.oauth_token_url
    if not url or not settings.oauth_client_id:
        missing = "imap.oauth_token_url" if not url else "imap.oauth_client_id"
        raise ConfigError(
            f'imap.auth "xoauth2" needs {missing} (NEXTROUND_{missing.upper().replace(".", "_")}): '
            "the token endpoint and client id of your own OAuth client"
        )
    parts = urlsplit(url)
    secure = parts.scheme == "https" or (
        parts.scheme == "http" and is_loopback(parts.hostname or "")
    )
    if not secure or not parts.hostname:
        raise ConfigError(
            f"imap.oauth_token_url {url!r} must be an https:// address "
            "(plain http only for a server on this machine)"
        )
    refresh_token = find_oauth_secret(settings, OAUTH_REFRESH_TOKEN)
    if not refresh_token:
        kind = OAUTH_REFRESH_TOKEN
        raise ConfigError(
            f'imap.auth "xoauth2" needs the {kind.noun}: set {kind.variable} or '
            f"{kind.variable}_FILE (or imap.{kind.key}_file), or store it in the OS keyring "
            f"(service {kind.service}, user {settings.user})"
        )
    # A public client (a desktop app registered without a secret) sends none.
    secret = find_oauth_secret(settings, OAUTH_CLIENT_SECRET)
    return OAuthClient(url, settings.oauth_client_id, secret, refresh_token, settings)


def access_token(client: OAuthClient, timeout: float = 30.0) -> str:
    """A fresh access token for ``client``; :class:`ImapFailed` in one line when refused."""
    import urllib.error
    import urllib.request
    from urllib.parse import urlencode

    fields = {
        "grant_type": "refresh_token",
        "refresh_token": client.refresh_token,
        "client_id": client.client_id,
    }
    if client.client_secret:
        fields["client_secret"] = client.client_secret
    form = urlencode(fields).encode()
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked: https, or http on loopback
        client.token_url,
        data=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        },
        method="POST",
    )
    where = urlsplit(client.token_url).hostname
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            body = answer.read(_MAX_ANSWER)
    except urllib.error.HTTPError as exc:
        reason = _oauth_error(exc.read(_MAX_ANSWER)) or f"HTTP {exc.code}"
        raise ImapFailed(
            f"the OAuth token endpoint {where} refused to refresh the access token ({reason}); "
            "check imap.oauth_client_id and the client secret, or get a new refresh token"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        cause = getattr(exc, "reason", None) or exc
        raise ImapFailed(f"can't reach the OAuth token endpoint {where}: {cause}") from None
    token = _field(body, "access_token")
    if not token:
        raise ImapFailed(
            f"the OAuth token endpoint {where} answered without an access token; "
            "check imap.oauth_token_url"
        )
    rotated = _field(body, "refresh_token")
    if rotated and rotated != client.refresh_token:
        _keep_rotated(client, rotated)
    return token


def _keep_rotated(client: OAuthClient, token: str) -> None:
    """The provider handed out a new refresh token: keep it, or warn that it can't be kept."""
    kind = OAUTH_REFRESH_TOKEN
    if client.settings is not None and store_oauth_secret(client.settings, kind, token):
        return
    log.warning(
        "the OAuth provider issued a new refresh token that nextround can't keep: "
        "store the refresh token in a file (%s_FILE) or the OS keyring so that it can "
        "be updated, or the next scan may be refused",
        kind.variable,
    )


def _field(body: bytes, name: str) -> str | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def _oauth_error(body: bytes) -> str | None:
    """The RFC 6749 ``error`` code of a refusal (``invalid_grant``), as one safe word."""
    code = _field(body, "error")
    if code is None:
        return None
    return "".join(c for c in code[:60] if c.isalnum() or c in "_-.") or None


def xoauth2(user: str, token: str) -> bytes:
    """The XOAUTH2 initial response (before base64)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()
