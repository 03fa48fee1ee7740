"""The site key: what encrypts the secrets users give a hosted site (their mailbox and
mail-server passwords), with cryptography's Fernet.

The key comes from ``NEXTROUND_SITE_KEY`` (the key itself) or the file ``[site]
key_file`` names, read only when a secret is saved or needed. A file may hold
several keys, one a line: the first encrypts, every one decrypts
(:class:`~cryptography.fernet.MultiFernet`), so a new key goes first, the old one
after it, and ``nextround site key rotate`` re-encrypts every secret under the new
one before the old line is removed. The key and the secrets are never put in an
error message.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from nextround.config import Settings
from nextround.errors import ConfigError, Conflict

if TYPE_CHECKING:
    from cryptography.fernet import MultiFernet

#: The environment variable holding the key itself (several: separated by commas).
VARIABLE = "NEXTROUND_SITE_KEY"
#: How to give a site a key, for every message that needs one.
HOW = (
    f"point [site] key_file at a key file or set {VARIABLE}; make a key with "
    "`nextround site key new FILE`"
)


def _texts(settings: Settings, env: Mapping[str, str]) -> tuple[list[str], str]:
    """The keys as text, first the one that encrypts, and where they were found."""
    if env.get(VARIABLE, "").strip():
        return [k for k in env[VARIABLE].replace(",", "\n").split() if k], VARIABLE
    path = settings.site_key_file
    if path is None:
        raise ConfigError(f"this site has no key to keep users' passwords with: {HOW}")
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise ConfigError(
            f"the site key file {path} does not exist; check [site] key_file, or make it "
            "with `nextround site key new FILE`"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "it is not a key file"
        raise ConfigError(f"can't read the site key file {path}: {why}") from None
    keys = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    return keys, f"the site key file {path}"


def keys(settings: Settings, env: Mapping[str, str] | None = None) -> MultiFernet:
    """The site's keys: the first encrypts, all decrypt. ConfigError when there are none
    or one is not a key."""
    from cryptography.fernet import Fernet, MultiFernet

    texts, where = _texts(settings, os.environ if env is None else env)
    if not texts:
        raise ConfigError(f"{where} holds no key: {HOW}")
    made = []
    for number, text in enumerate(texts, 1):
        try:
            made.append(Fernet(text.encode("ascii")))
        except (ValueError, UnicodeEncodeError):
            raise ConfigError(
                f"{where}: key {number} is not a site key (44 characters of base64); "
                "make one with `nextround site key new FILE`"
            ) from None
    return MultiFernet(made)


def encrypt(settings: Settings, value: str) -> str:
    """``value`` encrypted under the site's first key (a Fernet token, as text)."""
    return keys(settings).encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(settings: Settings, token: str, what: str = "a saved secret") -> str:
    """The secret ``token`` holds; ConfigError (naming ``what``, never the token) when no
    key of the site's opens it."""
    return opened(keys(settings), token, what)


def opened(fernet: MultiFernet, token: str, what: str) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return fernet.decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise ConfigError(
            f"{what} can't be decrypted with this site's key: the key in [site] key_file "
            f"or {VARIABLE} is not the one it was saved with (keep the old key after the "
            "new one until `nextround site key rotate` has run), or save it again"
        ) from None


def new_key_file(path: Path, keep: Path | None = None) -> None:
    """Write a new key to ``path`` (mode 0600), refusing to replace a file; the keys of
    ``keep`` (the key file in use) follow it, so what they encrypted still opens."""
    from cryptography.fernet import Fernet

    old = ""
    if keep is not None:
        try:
            old = keep.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            raise ConfigError(f"can't read the key file {keep} to keep its keys") from None
    text = Fernet.generate_key().decode("ascii") + "\n" + old
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise Conflict(
            f"{path} exists already; a site key file is never overwritten (the secrets saved "
            "with it would be lost): give another name"
        ) from None
    except OSError as exc:
        raise ConfigError(f"can't write the site key file {path}: {exc.strerror}") from None
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(text)
