"""Restoring a JSON backup into an empty database, and deleting everything for good.

A restore is all or nothing: the file is read and checked whole, then every
row goes in inside one transaction, with its own id, timestamps and revision;
the id counters move past every id the file gave out. A database that holds
anything is refused, so a restore never mixes two searches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from nextround.domain.exports import Header, read_header
from nextround.errors import Conflict, InvalidInput, NextroundError
from nextround.services.context import Context
from nextround.storage import dump, wipe
from nextround.storage.database import REVISIONS


@dataclass(frozen=True)
class Restored:
    """What a restore put back: rows per table, and where the settings went (nowhere)."""

    counts: dict[str, int]
    version: int
    schema_revision: str
    settings_applied: bool = False


@dataclass(frozen=True)
class Wiped:
    """What delete-all removed: rows per table, backups scrubbed, the config file left."""

    counts: dict[str, int] = field(default_factory=dict)
    backups_scrubbed: int = 0
    config_file: str | None = None


def read_export(data: bytes, name: str) -> Header:
    """The checked header of a backup file's bytes; one clear error otherwise."""
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
        return read_header(document, REVISIONS)
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


def restore(ctx: Context, data: bytes, name: str = "the file") -> Restored:
    """Rebuild the database from a backup, in one transaction; refuse a database that holds rows."""
    header = read_export(data, name)
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
    return Restored(counts, header.version, header.schema_revision)


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
