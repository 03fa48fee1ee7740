"""The IMAP account and scan settings as the web's Settings page edits them.

Saved to ``[imap]`` and ``[mail]`` in config.toml by the settings service (kept
the user's own with tomlkit, checked by the app's loader before it replaces
the file). The password never goes into that file and is never shown again:
it is stored in the OS keyring (service ``nextround-imap``, the user name)
when there is a working one, else in a file only this user can read
(``imap-password`` beside config.toml, mode 0600) that ``imap.password_file``
names. Both are where :mod:`nextround.mail.secrets` looks for it.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

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
    "imap.folders",
    "mail.auto_confirm_above",
)
SECURITY_CHOICES = (
    ("ssl", "SSL/TLS (usually port 993)"),
    ("starttls", "STARTTLS (usually port 143)"),
    ("none", "None (only for a server on this computer)"),
)
PASSWORD_FILE = "imap-password"  # noqa: S105 - the name of the file, not a password
_HOST = re.compile(r"[A-Za-z0-9._:\[\]-]{1,253}")
_MAX_FOLDER = 200


@dataclass(frozen=True)
class AccountForm:
    """What the form shows: the settings as text, and where the password is (never itself)."""

    values: dict[str, str]
    #: "keyring", "file", "environment", "oauth" (XOAUTH2, no password) or "" (none saved).
    password_in: str


def current(ctx: Context) -> AccountForm:
    imap, threshold = ctx.settings.imap, ctx.settings.mail.auto_confirm_above
    values = {
        "imap.host": imap.host,
        "imap.port": str(imap.port or ""),
        "imap.security": imap.security,
        "imap.user": imap.user,
        "imap.folders": ", ".join(imap.folders),
        "mail.auto_confirm_above": "" if threshold is None else f"{threshold:g}",
    }
    return AccountForm(values, password_where(imap))


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


def folders(ctx: Context) -> list[str]:
    """The folders on the saved account's server that can be scanned (asks the server)."""
    return list_folders(ctx.settings.imap)


def save(
    ctx: Context, values: Mapping[str, str], *, password: str = "", forget: bool = False
) -> Settings:
    """Check and save the account; a new ``password`` is stored, ``forget`` removes it.

    Raises :class:`~nextround.services.settings.InvalidSettings` naming each field
    that needs another look (nothing is saved then).
    """
    changes = _parse(values)
    if password and ("\n" in password or "\r" in password or "\0" in password):
        raise settings.InvalidSettings({"imap.password": "A password is one line of text."})
    user = changes[("imap", "user")] or ""
    own_file = _password_file(ctx.settings)
    if forget or not changes[("imap", "host")]:
        _forget(ctx.settings.imap.user or user, own_file)
        if ctx.settings.imap.password_file == own_file:
            changes[("imap", "password_file")] = None
    elif password:
        stored_in = _store(user, password, own_file)
        changes[("imap", "password_file")] = str(own_file) if stored_in == "file" else None
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
        ("imap", "folders"): None if folders in ([], ["INBOX"]) else folders,
        ("mail", "auto_confirm_above"): threshold,
    }


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


def _password_file(current: Settings) -> Path:
    return settings.config_path(current).parent / PASSWORD_FILE


def _keyring() -> Any:
    """The OS keyring's backend when there is a working one, else None."""
    try:
        import keyring
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return backend if getattr(backend, "priority", 0) > 0 else None


def _store(user: str, password: str, own_file: Path) -> str:
    """Keep the password in the keyring, or else in a private file; where it went."""
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(secrets.IMAP_KEYRING_SERVICE, user, password)
        except Exception as exc:  # the keyring's own errors vary by backend
            raise InvalidInput(
                f"The OS keyring refused the password ({type(exc).__name__}); unlock it and "
                "try again.",
                field="imap.password",
            ) from None
        own_file.unlink(missing_ok=True)
        return "keyring"
    own_file.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".imap-", dir=own_file.parent)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(password + "\n")
        Path(name).replace(own_file)
    finally:
        Path(name).unlink(missing_ok=True)
    return "file"


def _forget(user: str, own_file: Path) -> None:
    own_file.unlink(missing_ok=True)
    backend = _keyring()
    if backend is not None and user:
        with contextlib.suppress(Exception):  # nothing stored there is fine too
            backend.delete_password(secrets.IMAP_KEYRING_SERVICE, user)
