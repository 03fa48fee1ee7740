"""Finding the SMTP password: the environment, a password file, or the OS keyring.

In that order. The environment variable ``NEXTROUND_SMTP_PASSWORD`` is read
into the settings already; ``smtp.password_file`` (or
``NEXTROUND_SMTP_PASSWORD_FILE``) names a file holding the password on its
first line; the keyring entry is service ``nextround-smtp`` and the SMTP user
name (``keyring set nextround-smtp USER``), used only when the ``keyring``
package is installed and has a working backend. The password is never put in
an error message.
"""

from __future__ import annotations

from pathlib import Path

from nextround.config import SmtpSettings
from nextround.errors import ConfigError

#: The keyring service name the password is stored under.
KEYRING_SERVICE = "nextround-smtp"


def find_password(smtp: SmtpSettings) -> str | None:
    """The password for ``smtp.user``; None without a user (no login) or a password."""
    if not smtp.user:
        return None
    if smtp.password:
        return smtp.password
    if smtp.password_file is not None:
        return read_password_file(smtp.password_file)
    return keyring_password(smtp.user)


def read_password_file(path: Path) -> str | None:
    """The file's content without its line ending; None when it is empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"the SMTP password file {path} does not exist; check smtp.password_file "
            "or NEXTROUND_SMTP_PASSWORD_FILE"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"the SMTP password file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"can't read the SMTP password file {path}: {exc.strerror}") from None
    return text.rstrip("\r\n") or None


def keyring_password(user: str) -> str | None:
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
        found = backend.get_password(KEYRING_SERVICE, user)
    except KeyringError as exc:
        raise ConfigError(
            f"the OS keyring could not be read ({type(exc).__name__}); unlock it, or set "
            "NEXTROUND_SMTP_PASSWORD or NEXTROUND_SMTP_PASSWORD_FILE"
        ) from None
    return found or None
