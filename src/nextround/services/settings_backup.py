"""The settings part of the JSON backup: written from the settings model, applied on restore.

The export is derived from :class:`nextround.config.Settings`: every field of
each section's dataclass (``[playbook]``, ``[user]``, ``[smtp]``, ...; the
sections :data:`nextround.configfile.SECTIONS` lists) under its config-file
key, except what :data:`SECRET` names (passwords, password files, tokens, OAuth
client secrets) and what is not a setting of the file (:data:`NOT_IN_FILE`).
A new field is carried without a change here; a test fails when the loader
takes a key the export leaves out, or a field whose name looks secret is not
classified.

A restore writes the file's settings into ``config.toml`` (through tomlkit,
checked by the app's own loader before it replaces the file), leaving the
machine's secrets and every key the backup doesn't carry as they are.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from nextround.config import Settings, load_settings
from nextround.configfile import SECTIONS
from nextround.errors import InvalidInput
from nextround.services.context import Context
from nextround.watchconfig import DEFAULT_BASES

#: Settings never exported, and never touched by a restore: the machine keeps its own.
SECRET = frozenset(
    {
        ("smtp", "password"),
        ("smtp", "password_file"),
        ("imap", "password"),
        ("imap", "password_file"),
        ("imap", "oauth_client_secret"),
        ("imap", "oauth_client_secret_file"),
        ("imap", "oauth_refresh_token"),
        ("imap", "oauth_refresh_token_file"),
        ("site", "key_file"),  # the site key's file: users' passwords open with it
        ("oidc", "client_secret_file"),
    }
)
#: Fields named like a secret that hold none (checked by a test, like SECRET).
NOT_SECRET = frozenset({("imap", "oauth_token_url")})
#: Fields of the model that no config file sets (fixed in code), and the machine's own
#: database and how it connects to it (``[storage] db``; ``[database]``: pool sizes, timeouts
#: and libpq parameters such as TLS files, which belong to this machine, not to a backup).
NOT_IN_FILE = frozenset(
    {
        ("database", "pool_min_size"),
        ("database", "pool_max_size"),
        ("database", "pool_timeout"),
        ("database", "connect_timeout"),
        ("database", "prepared_statements"),
        ("database", "connect"),
        ("watch", "attempts"),
        ("watch", "backoff"),
        ("watch", "max_bytes"),
        ("watch", "per_host"),
        ("watch", "workers"),
        ("watch", "user_agent"),
        ("storage", "db"),
        # How a hosted site lets people in: the site's own, never one user's backup.
        ("site", "hosted"),
        ("site", "url"),
        ("site", "signup"),
        ("oidc", "issuer"),
        ("oidc", "client_id"),
        ("oidc", "label"),
    }
)
#: Fields whose key in the config file is another: (section, field) -> (section, key).
RENAMED = {
    ("smtp", "sender"): ("smtp", "from"),
    ("playbook", "linkedin_free_account"): ("linkedin", "free_account"),
}
_SECRET_WORDS = re.compile(r"password|secret|token|credential|api_?key", re.IGNORECASE)


def looks_secret(section: str, key: str) -> bool:
    """Whether a setting's name suggests a secret and it isn't classified as holding none."""
    return (section, key) in SECRET or (
        bool(_SECRET_WORDS.search(key)) and (section, key) not in NOT_SECRET
    )


def _sections(settings: Settings) -> Iterator[tuple[str, object]]:
    """Each section of the config file that has a dataclass in ``settings``, in model order."""
    for item in fields(settings):
        if item.name in SECTIONS:
            value = getattr(settings, item.name)
            if is_dataclass(value):
                yield item.name, value


def _value(value: object) -> object:
    """A setting as the config file writes it (a whole float as a whole number)."""
    if isinstance(value, Enum):
        return _value(value.value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, frozenset | set):
        return sorted(_value(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, tuple | list):
        return [_value(v) for v in value]
    return value


def settings_without_secrets(settings: Settings) -> dict[str, dict[str, object]]:
    """The settings as a config file holds them, without secrets; ``None`` for one not set."""
    found: dict[str, dict[str, object]] = {}
    for section, model in _sections(settings):
        for item in fields(model):  # type: ignore[arg-type]
            where, key = RENAMED.get((section, item.name), (section, item.name))
            if (where, key) in NOT_IN_FILE or looks_secret(where, key):
                continue
            value = getattr(model, item.name)
            table = found.setdefault(where, {})
            if section == "watch" and item.name == "bases":
                table.update({f"{kind}_url": value[kind] for kind in DEFAULT_BASES})
            else:
                table[key] = _value(value)
    return found


def exported_keys() -> frozenset[tuple[str, str]]:
    """Every (section, key) the export writes."""
    model = settings_without_secrets(Settings(db_url="", today=datetime.now(UTC).date()))
    return frozenset((s, k) for s, table in model.items() for k in table)


@dataclass(frozen=True)
class SettingsPlan:
    """What a restore would change in config.toml: (section, key) -> value; the machine's own
    settings where the backup has the default (kept); keys this nextround doesn't know."""

    changes: dict[tuple[str, str], object]
    skipped: tuple[str, ...]
    kept: tuple[str, ...] = ()

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(f"{s}.{k}" for s, k in self.changes)


def plan(settings: Settings, document: Mapping[str, Any]) -> SettingsPlan:
    """The changes that bring ``settings`` to the backup's; InvalidInput for a value no export
    writes. Keys this nextround doesn't know (or secrets, which no export holds) are skipped.
    A setting the backup leaves at its default doesn't erase one this machine has set."""
    given = document.get("settings", {})
    if not isinstance(given, dict):
        raise InvalidInput('"settings" must be an object of settings tables')
    known = exported_keys()
    now = settings_without_secrets(settings)
    default = settings_without_secrets(Settings(db_url="", today=settings.today))
    changes: dict[tuple[str, str], object] = {}
    skipped: list[str] = []
    kept: list[str] = []
    for section, table in given.items():
        if not isinstance(table, dict):
            raise InvalidInput(f"settings.{section} must be an object of settings")
        for key, value in table.items():
            if (section, key) not in known:
                skipped.append(_shown(f"{section}.{key}"))
                continue
            _check(value, f"settings.{section}.{key}")
            if value == now[section][key]:
                continue
            if value == default[section][key]:
                kept.append(f"{section}.{key}")
            else:
                changes[section, key] = value
    return SettingsPlan(changes, tuple(skipped), tuple(kept))


def _shown(name: str) -> str:
    """A name from the file as a report line can show it: printable, not too long."""
    name = name if name.isprintable() else repr(name)
    return name if len(name) <= 60 else name[:59] + "…"


def _check(value: object, where: str, depth: int = 0) -> None:
    if isinstance(value, list) and depth == 0:
        for item in value:
            _check(item, where, 1)
        return
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(f"{where} holds text that is not valid Unicode") from None
        return
    if value is None and depth == 0:
        return
    if not isinstance(value, bool | int | float) or abs(value) > 2**53:
        raise InvalidInput(f"{where} holds a value no export writes")


@dataclass(frozen=True)
class SettingsApplied:
    """What a restore did to config.toml: the keys changed, skipped or kept, and where a copy
    of the file as it was went."""

    path: str | None
    changed: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    earlier_copy: str | None = None
    #: The machine's own settings left where the backup has the default.
    kept: tuple[str, ...] = ()
    #: Why the settings could not be written (the records are restored all the same).
    problem: str | None = None


def check(ctx: Context, wanted: SettingsPlan) -> None:
    """Refuse (InvalidInput) settings the app's loader would refuse, before anything is
    written: the changed file is built and loaded beside a copy, never in place."""
    import tempfile

    path = ctx.settings.config_path
    if path is None or not wanted.changes:
        return
    with tempfile.TemporaryDirectory(prefix="nextround-restore-") as folder:
        trial = Path(folder) / "config.toml"
        if path.exists():
            shutil.copyfile(path, trial)
        _write(replace(ctx, settings=replace(ctx.settings, config_path=trial)), wanted)


def apply(ctx: Context, wanted: SettingsPlan) -> SettingsApplied:
    """Write the changes into config.toml, keeping a copy of the file as it was."""
    path = ctx.settings.config_path
    if path is None:
        return SettingsApplied(None, skipped=wanted.skipped)
    copy = None
    try:
        if wanted.changes and path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            copy = path.with_name(f"{path.name}.before-restore-{stamp}")
            shutil.copy2(path, copy)
        _write(ctx, wanted)
    except OSError as exc:
        return SettingsApplied(
            str(path), skipped=wanted.skipped, problem=f"can't write {path}: {exc.strerror}"
        )
    except InvalidInput as exc:
        return SettingsApplied(str(path), skipped=wanted.skipped, problem=exc.message)
    return SettingsApplied(
        str(path), wanted.changed, wanted.skipped, str(copy) if copy else None, wanted.kept
    )


def _write(ctx: Context, wanted: SettingsPlan) -> None:
    from nextround.services import settings as saving

    if not wanted.changes:
        return
    try:
        saving.save_changes(ctx, wanted.changes)
    except saving.InvalidSettings as exc:
        problems = "; ".join(v[:1].lower() + v[1:] for v in exc.fields.values())
        raise InvalidInput(f"its settings are not ones this nextround takes ({problems})") from None


def reloaded(settings: Settings) -> Settings:
    """``settings`` with every section as config.toml (and the environment) say now; the
    database and today's date as they were."""
    import os

    if settings.config_path is None:
        return settings
    fresh = load_settings(
        db=settings.db_url, environ={**os.environ, "NEXTROUND_CONFIG": str(settings.config_path)}
    )
    return replace(
        fresh,
        today=settings.today,
        today_pinned=settings.today_pinned,
        templates_dir=settings.templates_dir,
    )
