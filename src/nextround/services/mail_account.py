"""The IMAP account and scan settings as the web's Settings page edits them.

Saved to ``[imap]`` and ``[mail]`` in config.toml by the settings service (kept
the user's own with tomlkit, checked by the app's loader before it replaces
the file). The password never goes into that file and is never shown again:
it is stored in the OS keyring (service ``nextround-imap``, the user name)
when there is a working one, else in a file only this user can read
(``imap-password`` beside config.toml, mode 0600) that ``imap.password_file``
names. Both are where :mod:`nextround.mail.secrets` looks for it.

An account that signs in with XOAUTH2 (``imap.auth = "xoauth2"``, the user's
own OAuth client) has no password: its client secret and refresh token are
kept the same way (keyring services ``nextround-imap-oauth-client-secret`` and
``nextround-imap-oauth-refresh-token``, or the private files
``imap-oauth-client-secret`` and ``imap-oauth-refresh-token``).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nextround.config import Settings, load_settings
from nextround.errors import ConfigError, InvalidInput
from nextround.mail import secrets
from nextround.mail.imap_folders import list_folders
from nextround.mailconfig import ImapSettings, is_loopback
from nextround.services import settings
from nextround.services.context import Context

#: The form's fields, as config.toml names them.
FIELDS = (
    "imap.host",
    "imap.port",
    "imap.security",
    "imap.user",
    "imap.auth",
    "imap.oauth_token_url",
    "imap.oauth_client_id",
    "imap.folders",
    "mail.auto_confirm_above",
)
AUTH_CHOICES = (
    ("password", "A password (or app password)"),
    ("xoauth2", "OAuth (XOAUTH2) with my own OAuth client"),
)
SECURITY_CHOICES = (
    ("ssl", "SSL/TLS (usually port 993)"),
    ("starttls", "STARTTLS (usually port 143)"),
    ("none", "None (only for a server on this computer)"),
)
PASSWORD_FILE = "imap-password"  # noqa: S105 - the name of the file, not a password
#: The secrets the form takes (typed, never shown again): form field, kind, file beside config.toml.
SECRETS = (
    ("imap.password", secrets.IMAP, PASSWORD_FILE),
    ("imap.oauth_client_secret", secrets.OAUTH_CLIENT_SECRET, "imap-oauth-client-secret"),
    ("imap.oauth_refresh_token", secrets.OAUTH_REFRESH_TOKEN, "imap-oauth-refresh-token"),
)
_HOST = re.compile(r"[A-Za-z0-9._:\[\]-]{1,253}")
_MAX_FOLDER = 200


@dataclass(frozen=True)
class AccountForm:
    """What the form shows: the settings as text, and where the password is (never itself)."""

    values: dict[str, str]
    #: "keyring", "file", "environment", "oauth" (XOAUTH2, no password) or "" (none saved).
    password_in: str
    #: For XOAUTH2: where the client secret and the refresh token are ("" when not saved).
    oauth_in: dict[str, str] = field(default_factory=dict)


def current(ctx: Context) -> AccountForm:
    imap, threshold = ctx.settings.imap, ctx.settings.mail.auto_confirm_above
    values = {
        "imap.host": imap.host,
        "imap.port": str(imap.port or ""),
        "imap.security": imap.security,
        "imap.user": imap.user,
        "imap.auth": imap.auth,
        "imap.oauth_token_url": imap.oauth_token_url or "",
        "imap.oauth_client_id": imap.oauth_client_id or "",
        "imap.folders": ", ".join(imap.folders),
        "mail.auto_confirm_above": "" if threshold is None else f"{threshold:g}",
    }
    oauth = {name: _oauth_where(imap, kind) for name, kind, _ in SECRETS[1:]}
    return AccountForm(values, password_where(imap), oauth)


def password_where(imap: ImapSettings) -> str:
    """Where the password is kept, in one word; never the password."""
    if not imap.user:
        return ""
    if imap.auth == "xoauth2":
        return "oauth"
    if imap.password:
        return "environment"
    try:
        if imap.password_file is not None:
            return "file" if secrets.read_password_file(imap.password_file, secrets.IMAP) else ""
        return "keyring" if secrets.keyring_password(imap.user, secrets.IMAP) else ""
    except ConfigError:
        return ""


def _oauth_where(imap: ImapSettings, kind: secrets.SecretKind) -> str:
    """Where an OAuth secret is kept, in one word; never the secret."""
    if not imap.user or imap.auth != "xoauth2":
        return ""
    if getattr(imap, kind.key):
        return "environment"
    try:
        return _kept_in(imap, kind) if secrets.find_oauth_secret(imap, kind) else ""
    except ConfigError:
        return ""


def _kept_in(imap: ImapSettings, kind: secrets.SecretKind) -> str:
    return "file" if getattr(imap, f"{kind.key}_file") is not None else "keyring"


def folders(ctx: Context) -> list[str]:
    """The folders on the saved account's server that can be scanned (asks the server)."""
    return list_folders(ctx.settings.imap)


def save(
    ctx: Context,
    values: Mapping[str, str],
    *,
    password: str = "",
    forget: bool = False,
    typed_secrets: Mapping[str, str] | None = None,
) -> Settings:
    """Check and save the account; a new ``password`` is stored, ``forget`` removes it.

    ``typed_secrets`` holds what was typed for ``imap.oauth_client_secret`` and
    ``imap.oauth_refresh_token`` (XOAUTH2); each is stored like the password.
    Raises :class:`~nextround.services.settings.InvalidSettings` naming each field
    that needs another look (nothing is saved then).
    """
    typed = {"imap.password": password, **(typed_secrets or {})}
    changes = _parse(values)
    for name, _kind, _file in SECRETS:
        if any(c in typed.get(name, "") for c in "\r\n\0"):
            raise settings.InvalidSettings({name: "This is one line of text."})
    if changes[("imap", "auth")] == "xoauth2" and changes[("imap", "host")]:
        kind = secrets.OAUTH_REFRESH_TOKEN
        if not typed.get("imap.oauth_refresh_token") and not _oauth_where(ctx.settings.imap, kind):
            raise settings.InvalidSettings(
                {"imap.oauth_refresh_token": "Paste the refresh token your OAuth client was given."}
            )
    user = changes[("imap", "user")] or ""
    for name, kind, file_name in SECRETS:
        own_file = settings.config_path(ctx.settings).parent / file_name
        key = ("imap", f"{kind.key}_file")
        if forget or not changes[("imap", "host")]:
            _forget(ctx.settings.imap.user or user, own_file, kind)
            if getattr(ctx.settings.imap, f"{kind.key}_file") == own_file:
                changes[key] = None
        elif typed.get(name):
            stored_in = _store(user, typed[name], own_file, kind)
            changes[key] = str(own_file) if stored_in == "file" else None
    fresh = settings._apply(ctx, changes)
    loaded = load_settings(
        db=fresh.db_url,
        environ={**os.environ, "NEXTROUND_CONFIG": str(settings.config_path(fresh))},
    )
    return replace(fresh, imap=loaded.imap, mail=loaded.mail)


def _parse(values: Mapping[str, str]) -> dict[tuple[str, str], Any]:
    """The form's text as config values (None removes a key), or the problems, one line each."""
    got = {name: values.get(name, "").strip() for name in FIELDS}
    problems: dict[str, str] = {}
    host, user = got["imap.host"], got["imap.user"]
    if host and not _HOST.fullmatch(host):
        problems["imap.host"] = "Give the server's name only, like imap.example.com."
    port: int | None = None
    if got["imap.port"]:
        if not got["imap.port"].isdigit() or not 1 <= int(got["imap.port"]) <= 65535:
            problems["imap.port"] = "Give a port from 1 to 65535, or leave it empty."
        else:
            port = int(got["imap.port"])
    security = got["imap.security"].lower() or "ssl"
    if security not in dict(SECURITY_CHOICES):
        problems["imap.security"] = "Choose SSL/TLS, STARTTLS or None."
    elif security == "none" and host and not is_loopback(host):
        problems["imap.security"] = (
            "None would send the password unencrypted; it is only for a server on this "
            "computer. Choose SSL/TLS or STARTTLS."
        )
    if host and not user:
        problems["imap.user"] = "Give the user name you log in with (often your address)."
    auth = got["imap.auth"].lower() or "password"
    token_url, client_id = got["imap.oauth_token_url"], got["imap.oauth_client_id"]
    if auth not in dict(AUTH_CHOICES):
        problems["imap.auth"] = "Choose a password or OAuth (XOAUTH2)."
    elif auth == "xoauth2" and host:
        _check_oauth(token_url, client_id, problems)
    folders = list(dict.fromkeys(f.strip() for f in re.split(r"[,\n]", got["imap.folders"])))
    folders = [f for f in folders if f]
    if any(len(f) > _MAX_FOLDER or not f.isprintable() for f in folders):
        problems["imap.folders"] = f"Folder names are one line of at most {_MAX_FOLDER} characters."
    threshold = _threshold(got["mail.auto_confirm_above"], problems)
    if problems:
        raise settings.InvalidSettings(problems)
    return {
        ("imap", "host"): host or None,
        ("imap", "port"): port,
        ("imap", "security"): None if security == "ssl" else security,
        ("imap", "user"): user or None,
        ("imap", "auth"): "xoauth2" if auth == "xoauth2" and host else None,
        ("imap", "oauth_token_url"): token_url or None if auth == "xoauth2" and host else None,
        ("imap", "oauth_client_id"): client_id or None if auth == "xoauth2" and host else None,
        ("imap", "folders"): None if folders in ([], ["INBOX"]) else folders,
        ("mail", "auto_confirm_above"): threshold,
    }


def _check_oauth(token_url: str, client_id: str, problems: dict[str, str]) -> None:
    parts = urlsplit(token_url)
    local_http = parts.scheme == "http" and is_loopback(parts.hostname or "")
    where = "imap.oauth_token_url"
    if not token_url:
        problems[where] = "Give your OAuth client's token endpoint."
    elif not parts.hostname or not (parts.scheme == "https" or local_http) or " " in token_url:
        problems[where] = "Give the token endpoint's https:// address (http only on this computer)."
    if not client_id:
        problems["imap.oauth_client_id"] = "Give your OAuth client's id."
    elif len(client_id) > 500 or not client_id.isprintable():
        problems["imap.oauth_client_id"] = "A client id is one line of at most 500 characters."


def _threshold(text: str, problems: dict[str, str]) -> float | None:
    if not text:
        return None
    try:
        value = float(text.removesuffix("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        value = -1.0
    if not 0.5 <= value <= 1.0:
        problems["mail.auto_confirm_above"] = (
            "Give a confidence from 0.5 to 1.0 (such as 0.95), or leave it empty to review all."
        )
        return None
    return value


# The password ---------------------------------------------------------------


def _keyring() -> Any:
    """The OS keyring's backend when there is a working one, else None."""
    try:
        import keyring
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return backend if getattr(backend, "priority", 0) > 0 else None


def _store(user: str, value: str, own_file: Path, kind: secrets.SecretKind) -> str:
    """Keep a secret in the keyring, or else in a private file; where it went."""
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(kind.service, user, value)
        except Exception as exc:  # the keyring's own errors vary by backend
            raise InvalidInput(
                f"The OS keyring refused the {kind.noun} ({type(exc).__name__}); unlock it and "
                "try again.",
                field=f"imap.{kind.key}",
            ) from None
        own_file.unlink(missing_ok=True)
        return "keyring"
    secrets.write_private_file(own_file, value)
    return "file"


def _forget(user: str, own_file: Path, kind: secrets.SecretKind) -> None:
    own_file.unlink(missing_ok=True)
    backend = _keyring()
    if backend is not None and user:
        with contextlib.suppress(Exception):  # nothing stored there is fine too
            backend.delete_password(kind.service, user)
