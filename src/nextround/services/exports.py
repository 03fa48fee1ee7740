"""Taking everything along: the JSON backup, CSV per record kind, the application record.

The backup (``docs/export.md``) holds every record of the owner, the change
history and the settings without secrets; :mod:`nextround.services.backup`
restores it. Each use case returns the bytes and counts; the faces write them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import IO

from nextround.domain.exports import (
    FORMAT,
    VERSION,
    ApplicationRecord,
    record_line,
)
from nextround.errors import InvalidInput
from nextround.renderers.exports import csv_table, record_csv
from nextround.services import user_settings
from nextround.services.context import Context
from nextround.services.settings_backup import settings_without_secrets
from nextround.storage import dump
from nextround.storage.application_record import applications_sent
from nextround.storage.dump_values import Column
from nextround.storage.revision_ids import HEAD
from nextround.storage.sql import Connection

#: Tables of the backup that are not records of their own (left out of CSV exports).
NOT_RECORDS = frozenset({"changes", "change_rows", "mail_folders", "user_settings"})


@dataclass(frozen=True)
class JsonExport:
    """The backup file's bytes, rows per table, and what was left out as secret."""

    data: bytes
    counts: dict[str, int]
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class CsvExport:
    """One CSV file per record kind (file name -> bytes), and rows per file."""

    files: dict[str, bytes]
    counts: dict[str, int] = field(default_factory=dict)


def write_json(ctx: Context, out: IO[bytes], now: datetime | None = None) -> JsonExport:
    """Write the documented, versioned JSON backup to ``out``, a row per line, as it is read.

    Rows are read a batch at a time (one read transaction: a consistent
    picture), so an export of any size holds little in memory.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    counts: dict[str, int] = {}
    settings = _settings(ctx)
    with ctx.db.read() as c:
        found = dump.plan(c)
        head = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": moment.isoformat().replace("+00:00", "Z"),
            "schema_revision": HEAD,
            "left_out": [*dump.LEFT_OUT, *sorted(found.left_out)],
            "settings": settings,
            "sequences": found.sequences,
        }
        out.write(b"{\n")
        for key, value in head.items():
            out.write(f" {_json(key)}: {_json(value)},\n".encode())
        out.write(b' "tables": {')
        for number, (table, kept) in enumerate(found.columns.items()):
            out.write(f"{',' if number else ''}\n  {_json(table)}: [".encode())
            counts[table] = 0
            for row in dump.rows_of(c, ctx.owner, table, kept):
                out.write(f"{',' if counts[table] else ''}\n   {_json(row)}".encode())
                counts[table] += 1
            out.write(b"\n  ]" if counts[table] else b"]")
        out.write(b"\n }\n}\n")
    return JsonExport(b"", counts, tuple(found.left_out))


def _settings(ctx: Context) -> dict[str, dict[str, object]]:
    """The settings a backup carries: on a hosted site only the user's own (see
    :mod:`.user_settings`), never the site's server settings."""
    if not ctx.settings.hosted:
        return settings_without_secrets(ctx.settings)
    own = user_settings.for_owner(ctx.settings, ctx, ctx.owner)  # however ctx was made
    own = replace(own, smtp=user_settings.own_smtp(ctx))  # their own server, not the site's
    return user_settings.exported(settings_without_secrets(own))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def export_json(ctx: Context, now: datetime | None = None) -> JsonExport:
    """The whole backup in memory (the web's download; the CLI streams it to a file)."""
    buffer = io.BytesIO()
    done = write_json(ctx, buffer, now)
    return JsonExport(buffer.getvalue(), done.counts, done.left_out)


#: The files of a CSV export, one per record kind.
CSV_FILES = tuple(f"{t}.csv" for t in dump.EXPORTED if t not in NOT_RECORDS)


def csv_files(ctx: Context) -> Iterator[tuple[str, bytes, int]]:
    """Each CSV file in turn, as (name, bytes, rows), with a header line; one table in memory."""
    with ctx.db.read() as c:
        found = dump.plan(c)
        for table, kept in found.columns.items():
            if table in NOT_RECORDS:
                continue
            data, rows = _csv_file(c, ctx.owner, table, kept)
            yield f"{table}.csv", data, rows


def _csv_file(c: Connection, owner: int, table: str, kept: list[Column]) -> tuple[bytes, int]:
    """One table as CSV, written as its rows are read; and how many rows."""
    names = [col.name for col in kept]
    counted = 0

    def rows() -> Iterator[list[object]]:
        nonlocal counted
        for row in dump.rows_of(c, owner, table, kept):
            counted += 1
            yield [row.get(n) for n in names]

    data = csv_table(names, rows())
    return data, counted


def export_csv(ctx: Context) -> CsvExport:
    """Every CSV file in memory (``companies.csv``, ``people.csv``, ...)."""
    files, counts = {}, {}
    for name, data, rows in csv_files(ctx):
        files[name], counts[name] = data, rows
    return CsvExport(files, counts)


def application_record(ctx: Context, start: date, end: date) -> ApplicationRecord:
    """The applications sent from ``start`` to ``end`` (both included), oldest first."""
    if end < start:
        raise InvalidInput(
            f"the period ends ({end}) before it starts ({start}); swap --from and --to",
            field="to",
        )
    with ctx.db.read() as c:
        facts = applications_sent(c, ctx.owner, start, end)
    return ApplicationRecord(
        start=start,
        end=end,
        name=ctx.settings.user.name,
        address=ctx.settings.user.address,
        lines=tuple(record_line(f) for f in facts),
    )


def record_file(ctx: Context, start: date, end: date, kind: str) -> tuple[ApplicationRecord, bytes]:
    """The application record as ``csv`` or ``pdf`` bytes."""
    record = application_record(ctx, start, end)
    if kind == "csv":
        return record, record_csv(record)
    if kind == "pdf":
        from nextround.renderers.record import record_pdf  # WeasyPrint: only when asked

        return record, record_pdf(record)
    raise InvalidInput(f"an application record is written as .csv or .pdf, not {kind!r}")
