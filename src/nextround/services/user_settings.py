"""Each user's own settings on a hosted site, kept in the database (``user_settings``).

On a hosted site the site's ``config.toml`` holds what is the whole site's
(its database, its SMTP server, the mailbox and the job boards' addresses),
and each user's rows hold what is theirs: the tables and keys of
:data:`PERSONAL`. :func:`overlay` builds the settings one user runs with: the
site's file as the base, less its ``[user]`` table (who the site's operator
is, never anyone else's name or signature), with the user's rows on top,
checked by the same loader as the file. The email a user's drafts are from
defaults to the address they log in with.

A user's own mailbox (``[imap]``) and outgoing mail server (``[smtp]``) are
theirs too: the overlay's ``imap`` is built from their rows alone (the site's
``[imap]`` is no user's), and :func:`own_smtp` reads their ``[smtp]`` for sending
their own mail, while ``settings.smtp`` stays the site's for the site's own mail
(digests, one-time links). Their passwords are never in these rows: they are kept
encrypted with the site key (:mod:`.user_secrets`), saved in the same transaction
(:func:`save`'s ``secrets``). Not hosted, nothing here is used: the settings are
config.toml's as always.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from nextround.config import Settings, config_dir, personal_fields, read_config_file
from nextround.mailconfig import ImapSettings, SmtpSettings, imap_settings, smtp_settings
from nextround.services.context import Context
from nextround.storage import user_secrets as stored_secrets
from nextround.storage import user_settings as stored

#: The settings each hosted user sets for themselves: section -> its keys. Every other
#: setting (storage, database, site, the watch's board addresses) is the site's; so are the
#: mail servers' file paths (password files, a CA file) and XOAUTH2.
PERSONAL: dict[str, frozenset[str]] = {
    "user": frozenset({"name", "email", "address", "signature"}),
    "drafts": frozenset({"language"}),
    "cards": frozenset({"size", "sheet"}),
    "playbook": frozenset(
        {
            "journal_days",
            "card_days",
            "email_days",
            "invite_days",
            "follow_days",
            "find_info_days",
            "check_back_months",
            "steps",
        }
    ),
    "linkedin": frozenset({"free_account"}),
    "interests": frozenset({"titles", "seniority", "locations", "remote"}),
    "mail": frozenset({"auto_confirm_above"}),
    "watch": frozenset({"after_rejection"}),
    "imap": frozenset({"host", "port", "security", "user", "folders"}),
    "smtp": frozenset({"host", "port", "security", "user", "from"}),
}


def is_personal(section: str, key: str) -> bool:
    return key in PERSONAL.get(section, frozenset())


def _path(settings: Settings) -> Path:
    return settings.config_path or config_dir() / "config.toml"


@lru_cache(maxsize=4)
def _site_file(path: str, stamp: tuple[int, int]) -> dict[str, Any]:
    """The site's config file as tables, read again only when it changes on disk."""
    return read_config_file(Path(path))


def site_tables(settings: Settings) -> dict[str, Any]:
    """The site's config file as tables (an absent file: none)."""
    path = _path(settings)
    try:
        found = path.stat()
    except OSError:
        return {}
    return _site_file(str(path), (found.st_mtime_ns, found.st_size))


def overlay(settings: Settings, rows: Mapping[str, Mapping[str, Any]], email: str = "") -> Settings:
    """``settings`` with one user's own: the site's file less its ``[user]``, their rows on top.

    Raises :class:`~nextround.errors.ConfigError` (naming the setting) for a value the
    config file's loader would refuse.
    """
    raw = {name: dict(table) for name, table in site_tables(settings).items()}
    raw.pop("user", None)  # the site operator's name and signature are no user's
    for section, table in rows.items():
        raw[section] = {**raw.get(section, {}), **table}
    fields = personal_fields(raw, _path(settings), os.environ)
    if email and not fields["user"].email:
        fields["user"] = replace(fields["user"], email=email)
    return replace(settings, **fields, imap=_own_imap(settings, rows))


def _own_imap(settings: Settings, rows: Mapping[str, Mapping[str, Any]]) -> ImapSettings:
    """The user's own mailbox from their rows alone (none: an empty one), checked by the
    file's loader; never the site's ``[imap]`` nor its ``NEXTROUND_IMAP_*`` variables."""
    return imap_settings({"imap": dict(rows.get("imap", {}))}, _path(settings), {})


def _own_smtp(settings: Settings, rows: Mapping[str, Mapping[str, Any]]) -> SmtpSettings:
    return smtp_settings({"smtp": dict(rows.get("smtp", {}))}, _path(settings), {})


def own_imap(ctx: Context) -> ImapSettings:
    """The mailbox the owner's scans read: on a hosted site their own ``[imap]`` (none set:
    an empty one), otherwise the config file's. No password is in it."""
    if not ctx.settings.hosted:
        return ctx.settings.imap
    with ctx.db.read() as c:
        rows = stored.read(c, ctx.owner)
    return _own_imap(ctx.settings, rows)


def own_smtp(ctx: Context) -> SmtpSettings:
    """The server the owner's own mail (congratulations emails) goes out through: on a
    hosted site their own ``[smtp]`` (none set: an empty one), otherwise the config file's.
    No password is in it (:mod:`.user_secrets` keeps a hosted user's)."""
    if not ctx.settings.hosted:
        return ctx.settings.smtp
    with ctx.db.read() as c:
        rows = stored.read(c, ctx.owner)
    return _own_smtp(ctx.settings, rows)


def for_owner(
    settings: Settings, ctx: Context, owner: int, stamp: tuple[int, str] | None = None
) -> Settings:
    """The settings ``owner`` runs with on a hosted site (``settings`` as they are otherwise).

    ``stamp``: the owner's settings stamp and email as this transaction read them
    (:attr:`~nextround.storage.logins.SessionRow.settings_stamp`, which every change to
    their rows raises in the same transaction): the settings built for the same stamp
    are used without reading the rows again. Rows read after the stamp are at least as
    new as it, so what is kept under a stamp is never older than the stamp says."""
    if not settings.hosted:
        return settings
    beside = (id(settings), _file_state(settings), _environment())  # what overlay reads too
    by_stamp = None if stamp is None else (*beside, owner, stamp)
    kept = None if by_stamp is None else _BY_STAMP.get(by_stamp, settings)
    if kept is not None:
        return kept
    # As ``owner``: on PostgreSQL row-level security shows a transaction its owner's rows only.
    with ctx.fresh(owner=owner).db.read() as c:
        found = stored.own(c, owner)
    made = _OVERLAID.get((*beside, found), settings)
    if made is None:
        rows, email = found
        made = overlay(settings, stored.tables(rows), email)
        _OVERLAID.put((*beside, found), settings, made)
    if by_stamp is not None:
        _BY_STAMP.put(by_stamp, settings, made)
    return made


class _Kept:
    """Settings built for a key, the last :data:`KEPT` of them (a site's processes serve the
    same users again and again). Each is kept with the site's settings it was built on, and
    given only for those very settings (the key holds their ``id``, which a later object
    may reuse)."""

    KEPT = 256

    def __init__(self) -> None:
        self._kept: OrderedDict[Hashable, tuple[Settings, Settings]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, settings: Settings) -> Settings | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0] is not settings:
                return None
            self._kept.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, settings: Settings, made: Settings) -> None:
        with self._lock:
            self._kept[key] = (settings, made)
            while len(self._kept) > self.KEPT:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


#: :func:`overlay`'s results by everything it reads: the site's settings (whose own file),
#: that file's state, the environment's nextround variables, and the user's stored rows
#: and email. A request reads the rows, and builds the settings only when they changed.
_OVERLAID = _Kept()
#: The same by the user's settings stamp instead of their rows (:func:`for_owner`): no
#: rows read while it holds.
_BY_STAMP = _Kept()


def _file_state(settings: Settings) -> tuple[int, int] | None:
    """The site file's modification time and size (None when it can't be read)."""
    try:
        stat = _path(settings).stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _environment() -> tuple[tuple[str, str], ...]:
    """The environment's nextround variables, which the settings read."""
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("NEXTROUND_")))


def personal(ctx: Context, *, stamp: tuple[int, str] | None = None) -> Context:
    """``ctx`` running with its owner's own settings when the site is hosted (``stamp``:
    see :func:`for_owner`)."""
    if ctx.settings.hosted:
        ctx.settings = for_owner(ctx.settings, ctx, ctx.owner, stamp)
    return ctx


def site_changes(settings: Settings, changes: Mapping[tuple[str, str], Any]) -> list[str]:
    """The settings in ``changes`` that are the site's and would change: "section.key" each."""
    site = site_tables(settings)
    return sorted(
        f"{section}.{key}"
        for (section, key), value in changes.items()
        if not is_personal(section, key) and site.get(section, {}).get(key) != value
    )


def save(
    ctx: Context,
    changes: Mapping[tuple[str, str], Any],
    secrets: Mapping[str, str | None] | None = None,
) -> Settings:
    """Save the owner's personal settings in ``changes`` (None: back to the site's default),
    checked as a whole before any is written; the owner's settings now in force are returned.
    A value that is what the site's default gives is not kept (the user follows the site's
    default). Settings that are the site's are left out (refuse them first:
    :func:`site_changes`). ``secrets`` (name -> ciphertext, None: forget it; see
    :func:`nextround.services.user_secrets.sealed`) are written in the same transaction."""
    mine = {where: value for where, value in changes.items() if is_personal(*where)}
    with ctx.db.transaction() as c:
        stored_secrets.write(c, ctx.owner, secrets or {})
        rows = stored.read(c, ctx.owner)
        for (section, key), value in mine.items():
            table = rows.setdefault(section, {})
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value
        email = stored.account_email(c, ctx.owner)
        fresh = overlay(ctx.settings, rows, email)
        smtp = _own_smtp(ctx.settings, rows)
        # A setting that gives what the site's default gives follows the site's default.
        for section, key in sorted((s, k) for s, table in rows.items() for k in table):
            without = {**rows, section: {k: v for k, v in rows[section].items() if k != key}}
            same = _own_smtp(ctx.settings, without) == smtp
            if same and overlay(ctx.settings, without, email) == fresh:
                rows = without
                mine[(section, key)] = None
        stored.write(c, ctx.owner, mine)
    return fresh


def exported(tables: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, object]]:
    """Of the settings an export carries, only the personal ones (a hosted user's export)."""
    found: dict[str, dict[str, object]] = {}
    for section, table in tables.items():
        kept = {k: v for k, v in table.items() if is_personal(section, k)}
        if kept:
            found[section] = kept
    return found


def for_owners(settings: Settings, ctx: Context, owners: list[int]) -> dict[int, Settings]:
    """:func:`for_owner` of every owner in ``owners``, read in one transaction across owners
    (the scheduled digest of a hosted site); ``settings`` for each where not hosted."""
    if not settings.hosted:
        return dict.fromkeys(owners, settings)
    with ctx.all_owners.read() as c:
        found = stored.read_owners(c, owners)
    return {o: overlay(settings, rows, email) for o, (rows, email) in found.items()}
