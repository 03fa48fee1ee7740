"""Restoring a JSON backup into an empty database, and deleting everything for good.

A restore is all or nothing: the file is read and checked whole, then every
row goes in inside one transaction, with its own id, timestamps and revision;
the id counters move past every id the file gave out. A database that holds
anything is refused, so a restore never mixes two searches. The file's settings
are then written into ``config.toml`` (checked before anything is written; the
machine's secrets stay), unless the caller keeps the settings as they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from nextround.domain.exports import Header, read_header
from nextround.errors import Conflict, InvalidInput, NextroundError
from nextround.services import settings_backup
from nextround.services.context import Context
from nextround.services.settings_backup import SettingsApplied
from nextround.storage import dump, wipe
from nextround.storage.revision_ids import REVISIONS


@dataclass(frozen=True)
class Restored:
    """What a restore put back: rows per table, and what it changed in config.toml."""

    counts: dict[str, int]
    version: int
    schema_revision: str
    settings: SettingsApplied | None = None


@dataclass(frozen=True)
class Wiped:
    """What delete-all removed: rows per table, backups scrubbed, the config file left."""

    counts: dict[str, int] = field(default_factory=dict)
    backups_scrubbed: int = 0
    config_file: str | None = None


def read_export(data: bytes, name: str) -> Header:
    """The checked header of a backup file's bytes; one clear error otherwise."""
    return _read(data, name)[0]


def _read(data: bytes, name: str) -> tuple[Header, dict[str, Any]]:
    """The checked header and the whole parsed document."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse(name, InvalidInput("it is not UTF-8 text, so not a nextround export"))
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        _refuse(
            name,
            InvalidInput(
                f"it is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                "was it cut short or edited?"
            ),
        )
    except (ValueError, RecursionError):
        _refuse(name, InvalidInput("it holds a value no export writes (too deep or too large)"))
    try:
        return read_header(document, REVISIONS), document
    except InvalidInput as exc:
        _refuse(name, exc)


def _no_constant(word: str) -> NoReturn:
    raise ValueError(word)


def _refuse(name: str, exc: NextroundError) -> NoReturn:
    message = f"can't restore {name} (nothing was restored): {exc.message}"
    if isinstance(exc, Conflict):
        raise Conflict(message) from None
    if isinstance(exc, InvalidInput):
        raise InvalidInput(message) from None
    raise exc


def restore(
    ctx: Context, data: bytes, name: str = "the file", *, keep_settings: bool = False
) -> Restored:
    """Rebuild the database from a backup, in one transaction; refuse a database that holds rows.

    Then, unless ``keep_settings`` or on a hosted site, write the backup's settings into
    config.toml: each one that differs from the setting in force, checked before any row
    is written.
    """
    header, document = _read(data, name)
    wanted = None
    if not keep_settings and not ctx.settings.hosted:  # hosted: the settings are the site's
        try:
            wanted = settings_backup.plan(ctx.settings, document)
            settings_backup.check(ctx, wanted)
        except InvalidInput as exc:
            _refuse(name, exc)
    try:
        with ctx.db.transaction() as c:
            if dump.holding(c):
                raise Conflict(
                    f"the database {ctx.db.describe()} already holds records; restore into a new "
                    f"one: `nextround --db NEW.db init --no-setup`, then `nextround --db NEW.db restore {name}`"
                )
            counts = dump.restore(c, ctx.owner, header.tables, header.sequences)
    except (InvalidInput, Conflict) as exc:
        if "already holds records" in exc.message:
            raise
        _refuse(name, exc)
    applied = None if wanted is None else settings_backup.apply(ctx, wanted)
    return Restored(counts, header.version, header.schema_revision, applied)


def delete_all(ctx: Context) -> Wiped:
    """Remove every record of the owner, the history and the trash, also from backups."""
    with ctx.db.transaction() as c:
        gone = wipe.wipe(c, ctx.owner)
    copies = 0
    if ctx.db.path is not None:
        ctx.db.close()  # nothing may hold the file open while it is rewritten
        wipe.compact(ctx.db.path)
        copies = wipe.wipe_backups(ctx.db.path, ctx.owner)
    config = ctx.settings.config_path
    left = str(config) if config is not None and Path(config).exists() else None
    return Wiped(gone, copies, left)
