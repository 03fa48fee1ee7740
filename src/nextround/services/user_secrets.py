"""The secrets a hosted user gives the site: their mailbox's and mail server's passwords.

Each is encrypted with the site key (:mod:`.site_key`) before it reaches the
database, which keeps only the ciphertext (``user_secrets``, one row per owner and
name, kept apart by row-level security on PostgreSQL). No face ever gets a value
back: :func:`saved` says which are set, and only the services that log in to the
user's own servers open one (:func:`opened`). A secret is saved with the settings
it belongs to, in their transaction (:func:`sealed`, then
:func:`nextround.services.user_settings.save`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from nextround import log
from nextround.config import Settings
from nextround.errors import ConfigError, InvalidInput
from nextround.mail import secrets
from nextround.mailconfig import ImapSettings, SmtpSettings
from nextround.services import site_key, user_settings
from nextround.services.context import Context
from nextround.storage import user_secrets as stored

#: The secrets a user can give, and what each is called in messages.
NAMES = {
    "imap.password": "your mailbox's password",
    "smtp.password": "your mail server's password",
}


def _known(name: str) -> str:
    if name not in NAMES:
        raise InvalidInput(f"not a secret this site keeps: {name}", field=name)
    return name


def sealed(settings: Settings, changes: Mapping[str, str | None]) -> dict[str, str | None]:
    """``changes`` (name -> the secret as typed, None: forget it) encrypted for storing.

    A value must be one line; a missing or broken site key is refused here, before
    anything is written."""
    found: dict[str, str | None] = {}
    for name, value in changes.items():
        _known(name)
        if value is not None and any(ch in value for ch in "\r\n\0"):
            raise InvalidInput("A password is one line of text.", field=name)
        found[name] = None if value is None else site_key.encrypt(settings, value)
    return found


def save(ctx: Context, changes: Mapping[str, str | None]) -> None:
    """Save (or, with None, forget) some of the owner's secrets, in one transaction."""
    ready = sealed(ctx.settings, changes)
    with ctx.db.transaction() as c:
        stored.write(c, ctx.owner, ready)


def saved(ctx: Context) -> frozenset[str]:
    """The names of the owner's saved secrets: all any face learns of them."""
    with ctx.db.read() as c:
        return frozenset(stored.names(c, ctx.owner))


def opened(ctx: Context, name: str) -> str | None:
    """The owner's secret ``name`` in the clear, for logging in to their own server;
    None when none is saved. Never hand it to a face."""
    with ctx.db.read() as c:
        token = stored.ciphertext(c, ctx.owner, _known(name))
    if token is None:
        return None
    return site_key.decrypt(ctx.settings, token, NAMES[name][:1].upper() + NAMES[name][1:])


def rotate(ctx: Context) -> int:
    """Re-encrypt every user's secrets under the site's first key, in one transaction;
    how many. A secret no key opens stops it all (nothing is changed)."""
    fernet = site_key.keys(ctx.settings)
    with ctx.all_owners.transaction() as c:
        rows = stored.every(c)
        for owner, name, token in rows:
            what = f"the secret {name} of user {owner}"
            clear = site_key.opened(fernet, token, what[:1].upper() + what[1:])
            stored.rewrite(c, owner, name, fernet.encrypt(clear.encode("utf-8")).decode("ascii"))
    log.info("site key rotated: %d secrets re-encrypted", len(rows))
    return len(rows)


# Logging in to the user's own servers ---------------------------------------------

#: Why a hosted user's scan of their mailbox is refused: none is set up yet.
NO_MAILBOX = (
    "on this hosted site each person reads their own mailbox, and yours isn't set up yet: "
    "add your IMAP server, user name and password in Settings, under "
    "“Reading your mailbox (IMAP)” (or scan mail files, mbox or .eml, instead)"
)
#: Why a hosted user's email isn't sent: they have no mail server of their own set up.
NO_SMTP = (
    "on this hosted site your emails go out through your own mail server, and none is set "
    "up yet: add its server, user name and password in Settings, under "
    "“Sending your email (SMTP)” (or open the email in your mail app instead)"
)


def mailbox(ctx: Context) -> ImapSettings:
    """The IMAP account the owner's scan reads, ready to log in to: a hosted user's own
    (with their saved password), else the config file's. ConfigError when none is set up."""
    imap = user_settings.own_imap(ctx)
    if not ctx.settings.hosted:
        if not imap.host:
            raise ConfigError(
                "no IMAP account is set up: add [imap] host, user and folders to the config "
                "file, or set NEXTROUND_IMAP_HOST and NEXTROUND_IMAP_USER"
            )
        return imap
    if not imap.host:
        raise ConfigError(NO_MAILBOX)
    password = _saved(ctx, "imap.password", imap.user, imap.host)
    return replace(imap, password=password)


def mail_server(ctx: Context) -> tuple[SmtpSettings, str | None]:
    """The server the owner's emails go out through and its password: a hosted user's own
    (their saved password), else the config file's (found as always). ConfigError on a
    hosted site without one."""
    smtp = user_settings.own_smtp(ctx)
    if not ctx.settings.hosted:
        return smtp, secrets.find_password(smtp)
    if not smtp.configured:
        raise ConfigError(NO_SMTP)
    return smtp, _saved(ctx, "smtp.password", smtp.user, smtp.host)


#: Where each password is missing from, and where in Settings it is added.
_MISSING = {
    "imap.password": ("your mailbox", "Reading your mailbox (IMAP)"),
    "smtp.password": ("your mail server", "Sending your email (SMTP)"),
}


def _saved(ctx: Context, name: str, user: str, host: str) -> str | None:
    """The owner's saved password ``name``; ConfigError saying where to add it when the
    account has a user name but no password is saved."""
    password = opened(ctx, name)
    if user and not password:
        what, section = _MISSING[name]
        raise ConfigError(
            f"no password is saved for {what} ({user} at {host}): add it in Settings, "
            f"under “{section}”"
        )
    return password
