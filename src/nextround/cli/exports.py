"""``nextround export``, ``nextround restore`` and ``nextround delete-all``.

Output files are written whole or not at all, and an existing file (or, for
CSV, an existing file in the folder) is replaced only with ``--force``: a
backup overwritten by mistake is a backup lost.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

import click

from nextround.cli import files, output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.dates import parse_date
from nextround.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from nextround.services.settings_backup import SettingsApplied

T = TypeVar("T")
FORMATS = ("json", "csv", "vcard", "record")
_EXAMPLES = {"json": "nextround.json", "vcard": "people.vcf", "record": "record.pdf"}


@click.command("export")
@click.option("--format", "kind", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option(
    "-o", "--output", "path", required=True, metavar="PATH", help="File (for csv: a folder)."
)
@click.option(
    "--from", "start", metavar="YYYY-MM-DD", help="record: first day (default: last month)."
)
@click.option("--to", "end", metavar="YYYY-MM-DD", help="record: last day (default: last month).")
@click.option("--company", metavar="NAME", help="vcard: only people at this company.")
@click.option("--force", is_flag=True, help="Replace files that exist.")
@json_option
@pass_state
def export_command(
    state: State,
    kind: str,
    path: str,
    start: str | None,
    end: str | None,
    company: str | None,
    force: bool,
) -> None:
    """Take everything along: a JSON backup, CSV files, vCards, or the application record.

    `--format json` (the default) writes the whole database; `nextround restore`
    reads it back. `csv` writes a folder with one file per record kind. `record`
    writes the applications sent from --from to --to (.csv or .pdf), as
    unemployment offices ask for them. See docs/export.md.
    """
    if kind == "csv":
        _export_csv(state, path, force)
        return
    target = _file(path, _EXAMPLES[kind], force)
    if kind == "json":
        from nextround.services.exports import write_json

        done = _streamed(target, lambda out: write_json(state.ctx, out))
        rows = sum(done.counts.values())
        output.report(
            state,
            {"format": "json", "path": str(target), "rows": done.counts, "left_out": done.left_out},
            f"Wrote the whole database to {target}: {rows} rows in {len(done.counts)} tables.",
            "Restore it into a new database: `nextround --db NEW.db init --no-setup`, then "
            f"`nextround --db NEW.db restore {target}`.",
        )
    elif kind == "vcard":
        _export_vcard(state, target, company)
    else:
        _export_record(state, target, start, end)


def _streamed(target: Path, write: Callable[[IO[bytes]], T]) -> T:
    """Write through a temporary file beside ``target`` (mode 0600: everything the user
    keeps is for their eyes only), renamed into place when whole."""
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise InvalidInput(f"can't write {target}: {exc.strerror}; choose another -o") from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb", buffering=1 << 20) as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        temporary.replace(target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InvalidInput(f"can't write {target}: {exc.strerror}") from None
        raise
    return result


def _file(path: str, example: str, force: bool) -> Path:
    target = files.check_target(path, example)
    if target.exists() and not force:
        raise InvalidInput(f"{target} exists; add --force to replace it, or choose another -o")
    return target


def _export_vcard(state: State, target: Path, company: str | None) -> None:
    from nextround.services.vcards import export_people

    cards = export_people(state.ctx, refs.company(state, company) if company else None)
    files.write_atomically(target, cards.data)
    output.report(
        state,
        {"format": "vcard", "path": str(target), "people": cards.people},
        f"Wrote {cards.people} contact{'s' if cards.people != 1 else ''} to {target}.",
    )


def _export_record(state: State, target: Path, start: str | None, end: str | None) -> None:
    from nextround.services.exports import record_file

    kind = target.suffix.lower().lstrip(".")
    if kind not in {"csv", "pdf"}:
        raise InvalidInput(f"write the application record to a .csv or a .pdf file, not {target}")
    first, last = _period(state, start, end)
    record, data = record_file(state.ctx, first, last, kind)
    files.write_atomically(target, data)
    count = len(record.lines)
    output.report(
        state,
        {"format": "record", "path": str(target), "from": first, "to": last, "applications": count},
        f"Wrote the application record from {first} to {last} to {target}: "
        f"{count} application{'s' if count != 1 else ''}.",
    )


def _period(state: State, start: str | None, end: str | None) -> tuple[date, date]:
    """--from and --to; either left out: the calendar month before today's."""
    month_end = state.ctx.today.replace(day=1) - timedelta(days=1)
    first = parse_date(start, what="--from") if start else month_end.replace(day=1)
    last = parse_date(end, what="--to") if end else month_end
    return first, last


def _export_csv(state: State, path: str, force: bool) -> None:
    from nextround.services.exports import CSV_FILES, csv_files

    folder = Path(path).expanduser()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file; --format csv writes a folder of files")
    if not folder.parent.is_dir():
        raise InvalidInput(f"can't write {folder}: the folder {folder.parent} does not exist")
    if folder.is_dir():
        taken = [n for n in CSV_FILES if (folder / n).exists()]
        if taken and not force:
            raise InvalidInput(f"{folder / taken[0]} exists; add --force to replace the files")
        counts = {}
        for name, data, rows in csv_files(state.ctx):
            files.write_atomically(folder / name, data)
            counts[name] = rows
    else:
        counts = _new_folder(folder, csv_files(state.ctx))
    output.report(
        state,
        {"format": "csv", "path": str(folder), "files": counts},
        f"Wrote {len(counts)} CSV files to {folder}: "
        + ", ".join(f"{n} ({c})" for n, c in counts.items())
        + ".",
    )


def _new_folder(folder: Path, contents: Iterable[tuple[str, bytes, int]]) -> dict[str, int]:
    """Build the folder beside its place, then rename it in: never half written.

    The folder is the user's own (mode 0700, as made by ``mkdtemp``).
    """
    try:
        building = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    except OSError as exc:
        raise InvalidInput(f"can't write {folder}: {exc.strerror}; choose another -o") from None
    counts = {}
    try:
        for name, data, rows in contents:
            (building / name).write_bytes(data)
            counts[name] = rows
        building.rename(folder)
    except OSError as exc:
        raise InvalidInput(f"can't write {folder}: {exc.strerror}") from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return counts


@click.command("restore")
@click.argument("path", metavar="FILE")
@click.option(
    "--keep-settings", is_flag=True, help="Leave config.toml as it is; restore only the records."
)
@json_option
@pass_state
def restore_command(state: State, path: str, keep_settings: bool) -> None:
    """Rebuild an empty database from a JSON backup (`nextround export --format json`).

    The backup's settings are written into config.toml too (your passwords and
    other secrets there stay as they are); the report names each one changed.
    """
    from nextround.services.backup import restore

    source = Path(path).expanduser()
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"there is no file {source}") from None
    except OSError as exc:
        raise InvalidInput(f"can't read {source}: {exc.strerror}") from None
    done = restore(state.ctx, data, str(source), keep_settings=keep_settings)
    rows = sum(done.counts.values())
    output.report(
        state,
        done,
        f"Restored {rows} rows in {len(done.counts)} tables from {source}.",
        *_settings_lines(done.settings),
    )


def _settings_lines(applied: SettingsApplied | None) -> list[str]:
    """What the restore did to config.toml, in words."""
    if applied is None:
        return [
            "Settings in the file were not applied (--keep-settings): config.toml stays as it is."
        ]
    if applied.path is None:
        return ["Settings in the file were not applied: no config file is in use."]
    lines = []
    if applied.problem:
        lines.append(
            f"The settings were not applied ({applied.problem}); config.toml stays as it was."
        )
    elif applied.changed:
        lines.append(f"Settings written to {applied.path}: {', '.join(applied.changed)}.")
        if applied.earlier_copy:
            lines.append(f"The file as it was is kept as {applied.earlier_copy}.")
    else:
        lines.append(f"Settings: {applied.path} already matched the backup; nothing changed.")
    if applied.kept:
        lines.append(
            f"Kept this machine's own (the backup has the default): {', '.join(applied.kept)}."
        )
    if applied.skipped:
        lines.append(
            f"Settings this nextround doesn't know were skipped: {', '.join(applied.skipped)}."
        )
    return lines


@click.command("delete-all")
@click.option("--yes", is_flag=True, help="Don't ask.")
@json_option
@pass_state
def delete_all_command(state: State, yes: bool) -> None:
    """Delete every record, the history and the trash, for good (also from backups)."""
    from nextround.services.backup import delete_all

    if not yes:
        if not refs.interactive():
            raise click.UsageError("deleting everything can't be undone; add --yes to go ahead")
        click.echo(f"This deletes everything in {state.ctx.db.describe()}, for good.")
        word = click.prompt("Type delete to go ahead", default="", show_default=False)
        if word.strip().lower() != "delete":
            raise click.ClickException("nothing was deleted")
    done = delete_all(state.ctx)
    rows = sum(done.counts.values())
    lines = [f"Deleted {rows} rows; the history and the trash are gone too."]
    if done.backups_scrubbed:
        lines.append(f"Also removed from {done.backups_scrubbed} copies kept before upgrades.")
    if done.config_file:
        lines.append(f"Your settings stay in {done.config_file}; delete that file too if you like.")
    output.report(state, done, *lines)
