"""Finding the SMTP or IMAP password: the environment, a password file, or the OS keyring.

In that order. The environment variable (``NEXTROUND_SMTP_PASSWORD``,
``NEXTROUND_IMAP_PASSWORD``) is read into the settings already;
``smtp.password_file`` / ``imap.password_file`` (or ``NEXTROUND_SMTP_PASSWORD_FILE``
/ ``NEXTROUND_IMAP_PASSWORD_FILE``) names a file holding the password on its
first line; the keyring entry is service ``nextround-smtp`` or ``nextround-imap``
and the server's user name (``keyring set nextround-imap USER``), used only when
the ``keyring`` package is installed and has a working backend. The password is
never put in an error message.

For XOAUTH2 (``imap.auth = "xoauth2"``) the OAuth client secret and refresh
token are found the same way: ``NEXTROUND_IMAP_OAUTH_CLIENT_SECRET`` /
``NEXTROUND_IMAP_OAUTH_REFRESH_TOKEN``, the files ``imap.oauth_client_secret_file``
/ ``imap.oauth_refresh_token_file`` (keep them mode 0600), or the keyring
services ``nextround-imap-oauth-client-secret`` /
``nextround-imap-oauth-refresh-token`` under the IMAP user name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nextround.errors import ConfigError
from nextround.mailconfig import ImapSettings, SmtpSettings

#: The keyring service name the SMTP password is stored under.
KEYRING_SERVICE = "nextround-smtp"
#: The keyring service name the IMAP password is stored under.
IMAP_KEYRING_SERVICE = "nextround-imap"


@dataclass(frozen=True)
class SecretKind:
    """Which server's password: the names used in messages and the keyring."""

    label: str  # "SMTP"
    section: str  # "smtp"
    service: str  # keyring service
    key: str = "password"  # the settings' name for it; its file is "<key>_file"
    noun: str = "password"

    @property
    def variable(self) -> str:
        return f"NEXTROUND_{self.label}_{self.key.upper()}"


SMTP = SecretKind("SMTP", "smtp", KEYRING_SERVICE)
IMAP = SecretKind("IMAP", "imap", IMAP_KEYRING_SERVICE)
#: XOAUTH2 (``imap.auth = "xoauth2"``): the user's own OAuth client's secret and
#: refresh token, found like the password (variable, file, keyring).
OAUTH_CLIENT_SECRET = SecretKind(
    "IMAP",
    "imap",
    "nextround-imap-oauth-client-secret",
    "oauth_client_secret",
    "OAuth client secret",
)
OAUTH_REFRESH_TOKEN = SecretKind(
    "IMAP",
    "imap",
    "nextround-imap-oauth-refresh-token",
    "oauth_refresh_token",
    "OAuth refresh token",
)


def find_password(settings: SmtpSettings | ImapSettings) -> str | None:
    """The password for ``settings.user``; None without a user (no login) or a password."""
    kind = IMAP if isinstance(settings, ImapSettings) else SMTP
    if not settings.user:
        return None
    if settings.password:
        return settings.password
    if settings.password_file is not None:
        return read_password_file(settings.password_file, kind)
    return keyring_password(settings.user, kind)


def find_oauth_secret(settings: ImapSettings, kind: SecretKind) -> str | None:
    """The OAuth client secret or refresh token (``kind``) for ``settings.user``."""
    value: str | None = getattr(settings, kind.key)
    if value:
        return value
    path: Path | None = getattr(settings, f"{kind.key}_file")
    if path is not None:
        return read_password_file(path, kind)
    return keyring_password(settings.user, kind) if settings.user else None


def store_oauth_secret(settings: ImapSettings, kind: SecretKind, value: str) -> bool:
    """Keep a new ``value`` (a rotated refresh token) where the old one was found.

    The file is rewritten whole (a new file, mode 0600, moved over the old one) or
    the keyring entry replaced. False when the old value came from the environment,
    which nextround can't change.
    """
    if getattr(settings, kind.key):
        return False
    path: Path | None = getattr(settings, f"{kind.key}_file")
    if path is not None:
        _replace_file(path, value, kind)
        return True
    return _keyring_store(settings.user, kind, value)


def _replace_file(path: Path, value: str, kind: SecretKind) -> None:
    try:
        write_private_file(path, value)
    except OSError as exc:
        raise ConfigError(
            f"can't update the {kind.label} {kind.noun} file {path}: {exc.strerror}; "
            "the next scan may need a new token"
        ) from None


def write_private_file(path: Path, value: str) -> None:
    """``value`` and a line end in ``path``, readable by this user alone (mode 0600).

    Written to a new file beside it and moved over it, so a reader never sees half
    of it; nothing is left behind when that fails (the OSError is raised).
    """
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(value + "\n")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _keyring_store(user: str, kind: SecretKind, value: str) -> bool:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return False
    backend = keyring.get_keyring()
    if getattr(backend, "priority", 0) <= 0:
        return False
    try:
        backend.set_password(kind.service, user, value)
    except KeyringError as exc:
        raise ConfigError(
            f"the OS keyring could not store the new {kind.noun} ({type(exc).__name__}); unlock it"
        ) from None
    return True


def read_password_file(path: Path, kind: SecretKind = SMTP) -> str | None:
    """The file's content without its line ending; None when it is empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"the {kind.label} {kind.noun} file {path} does not exist; check "
            f"{kind.section}.{kind.key}_file or {kind.variable}_FILE"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"the {kind.label} {kind.noun} file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(
            f"can't read the {kind.label} {kind.noun} file {path}: {exc.strerror}"
        ) from None
    return text.rstrip("\r\n") or None


def keyring_password(user: str, kind: SecretKind = SMTP) -> str | None:
    """The password stored in the OS keyring, when there is a usable one."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    backend = keyring.get_keyring()
    # The "fail" and "null" backends (no keyring on this machine) rank at or below zero.
    if getattr(backend, "priority", 0) <= 0:
        return None
    try:
        found = backend.get_password(kind.service, user)
    except KeyringError as exc:
        raise ConfigError(
            f"the OS keyring could not be read ({type(exc).__name__}); unlock it, or set "
            f"{kind.variable} or {kind.variable}_FILE"
        ) from None
    return found or None
