"""A hosted user's own mailbox (IMAP) and outgoing mail server (SMTP), as Settings edits them.

On a hosted site the site's ``[imap]`` and ``[smtp]`` are the site's: each user
gives their own servers here. The server, port, security, user name, folders
and sender are saved as the user's own settings (:mod:`.user_settings`); the
passwords encrypted with the site key (:mod:`.user_secrets`), in the same
transaction, and never shown again: the forms only say whether one is saved.
XOAUTH2 is not offered on a hosted site (a refresh token that changes as it is
used would need saving back from the scan); a password or app password is.
Off a hosted site the IMAP form is :mod:`.mail_account`'s and SMTP the config
file's, as always.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any

from nextround.config import Settings
from nextround.errors import ConfigError
from nextround.mail.imap_folders import list_folders
from nextround.mailconfig import is_loopback
from nextround.services import mail_account, user_secrets, user_settings
from nextround.services.context import Context
from nextround.services.settings import InvalidSettings

#: The SMTP form's fields, as config.toml names them.
SMTP_FIELDS = ("smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.from")
SMTP_SECURITY = (
    ("starttls", "STARTTLS (usually port 587)"),
    ("ssl", "SSL/TLS (usually port 465)"),
    ("none", "None (only for a server on the site's own machine)"),
)
_HOST = re.compile(r"[A-Za-z0-9._:\[\]-]{1,253}")
_OAUTH = ("auth", "oauth_token_url", "oauth_client_id")


@dataclass(frozen=True)
class ServerForm:
    """What a form shows: the settings as text and whether a password is saved (never it)."""

    values: dict[str, str]
    password_saved: bool


def imap_form(ctx: Context) -> mail_account.AccountForm:
    """The IMAP form: a hosted user's own mailbox ("site": a password is saved, encrypted)."""
    if not ctx.settings.hosted:
        return mail_account.current(ctx)
    imap = user_settings.own_imap(ctx)  # never the site's, nor its keyring or files
    threshold = ctx.settings.mail.auto_confirm_above
    values = {
        "imap.host": imap.host,
        "imap.port": str(imap.port or ""),
        "imap.security": imap.security,
        "imap.user": imap.user,
        "imap.auth": "password",
        "imap.oauth_token_url": "",
        "imap.oauth_client_id": "",
        "imap.folders": ", ".join(imap.folders),
        "mail.auto_confirm_above": "" if threshold is None else f"{threshold:g}",
    }
    saved = bool(imap.user) and "imap.password" in user_secrets.saved(ctx)
    return mail_account.AccountForm(values, "site" if saved else "", {})


def folders(ctx: Context) -> list[str]:
    """The folders on the user's mailbox that can be scanned (asks the server)."""
    return list_folders(user_secrets.mailbox(ctx))


def save_imap(
    ctx: Context, values: Mapping[str, str], *, password: str = "", forget: bool = False
) -> Settings:
    """Save a hosted user's own mailbox and its password (typed: replaced; ``forget``
    or no server: removed). InvalidSettings names each field to look at again."""
    if (values.get("imap.auth") or "password").strip().lower() != "password":
        raise InvalidSettings(
            {"imap.auth": "On this site your mailbox signs in with a password or app password."}
        )
    changes = mail_account._parse(values)
    for key in _OAUTH:
        changes.pop(("imap", key), None)
    host, user = changes[("imap", "host")], changes[("imap", "user")]
    typed = _typed(ctx, "imap.password", password, forget=forget or not host, needed=bool(user))
    return _save(ctx, changes, typed)


def smtp_form(ctx: Context) -> ServerForm:
    smtp = user_settings.own_smtp(ctx)
    values = {
        "smtp.host": smtp.host,
        "smtp.port": str(smtp.port or ""),
        "smtp.security": smtp.security,
        "smtp.user": smtp.user,
        "smtp.from": smtp.sender,
    }
    saved = bool(smtp.user) and "smtp.password" in user_secrets.saved(ctx)
    return ServerForm(values, saved)


def save_smtp(
    ctx: Context, values: Mapping[str, str], *, password: str = "", forget: bool = False
) -> Settings:
    """Save a hosted user's own outgoing mail server and its password, like :func:`save_imap`."""
    if not ctx.settings.hosted:
        raise InvalidSettings({"form": "Here the mail server is set in the settings above."})
    got = {name: values.get(name, "").strip() for name in SMTP_FIELDS}
    problems: dict[str, str] = {}
    host, user, sender = got["smtp.host"], got["smtp.user"], got["smtp.from"]
    if host and not _HOST.fullmatch(host):
        problems["smtp.host"] = "Give the server's name only, like smtp.example.com."
    port = got["smtp.port"]
    if port and (not port.isdigit() or not 1 <= int(port) <= 65535):
        problems["smtp.port"] = "Give a port from 1 to 65535, or leave it empty."
    security = got["smtp.security"].lower() or "starttls"
    if security not in dict(SMTP_SECURITY):
        problems["smtp.security"] = "Choose STARTTLS, SSL/TLS or None."
    elif security == "none" and host and not is_loopback(host):
        problems["smtp.security"] = (
            "None would send your password unencrypted; choose STARTTLS or SSL/TLS."
        )
    if sender and "@" not in parseaddr(sender)[1]:
        problems["smtp.from"] = "Give an address like you@example.com, or leave it empty."
    if problems:
        raise InvalidSettings(problems)
    changes: dict[tuple[str, str], Any] = {
        ("smtp", "host"): host or None,
        ("smtp", "port"): int(port) if port and host else None,
        ("smtp", "security"): None if security == "starttls" or not host else security,
        ("smtp", "user"): user or None if host else None,
        ("smtp", "from"): sender or None if host else None,
    }
    typed = _typed(
        ctx, "smtp.password", password, forget=forget or not host, needed=bool(host and user)
    )
    return _save(ctx, changes, typed)


def _typed(
    ctx: Context, name: str, password: str, *, forget: bool, needed: bool
) -> dict[str, str | None]:
    """The change to the password ``name``: forgotten, replaced, or none (kept)."""
    if forget:
        return {name: None}
    if password:
        return {name: password}
    if needed and name not in user_secrets.saved(ctx):
        raise InvalidSettings({name: "Give the password (or app password) you log in with."})
    return {}


def _save(
    ctx: Context, changes: Mapping[tuple[str, str], Any], typed: Mapping[str, str | None]
) -> Settings:
    """Check and save the settings and the passwords together, one transaction."""
    try:
        sealed = user_secrets.sealed(ctx.settings, typed)  # the site key, before any write
    except ConfigError as exc:
        raise InvalidSettings({next(iter(typed)): _sentence(exc.message)}) from None
    try:
        return user_settings.save(ctx, changes, sealed)
    except ConfigError as exc:  # the file's loader refused a value
        named = re.search(r"\b(imap|smtp|mail)\.[a-z_]+", exc.message)
        text = re.sub(r"^config file \S+: ", "", exc.message)
        raise InvalidSettings({named.group(0) if named else "form": _sentence(text)}) from None


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
