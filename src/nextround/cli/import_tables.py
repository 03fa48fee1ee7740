"""``nextround import google|vcard|csv PATH``: address books, and other trackers' spreadsheets.

Google Contacts and vCard files run like every import (:func:`run_import`).
A tracker's CSV or XLSX needs its columns understood first: the command
shows the mapping it guessed (or the saved ``--mapping NAME``) and how each
status word maps to nextround's pipeline, and imports only once the user
says yes (at a terminal), or with ``--yes`` or a saved mapping.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from nextround.cli import output
from nextround.cli.imports import _dry_run, _path, _print, _progress, import_group, run_import
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State

if TYPE_CHECKING:
    from nextround.services.import_tables import TableImport, TableOptions


@import_group.command("google")
@_path
@_dry_run
@json_option
@pass_state
def google(state: State, path: Path, dry_run: bool) -> None:
    """A Google Contacts export ("Google CSV", either layout).

    Contacts become people (without a company record), with their e-mail,
    phone, job, and postal address ready for cards. See docs/imports.md.
    """
    run_import(state, "google", path, dry_run)


@import_group.command("vcard")
@_path
@_dry_run
@json_option
@pass_state
def vcard(state: State, path: Path, dry_run: bool) -> None:
    """A vCard file (.vcf, versions 2.1, 3.0 and 4.0; many cards in one file).

    Cards become people (without a company record); a card with no name is
    skipped with its line. See docs/imports.md.
    """
    run_import(state, "vcard", path, dry_run)


@import_group.command("csv")
@_path
@_dry_run
@click.option("--mapping", "mapping", metavar="NAME", help="Use the column mapping saved as NAME.")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADER",
    help="Take FIELD from the column HEADER (FIELD= leaves it out); repeatable.",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    metavar="WORD=STATUS",
    help="Map the file's status WORD to a nextround status; repeatable.",
)
@click.option(
    "--date-order",
    type=click.Choice(["dmy", "mdy"]),
    help="How dates like 03/04/2026 are written: day first (dmy) or month first (mdy).",
)
@click.option("--save-mapping", "save_as", metavar="NAME", help="Save the mapping as NAME.")
@click.option("--yes", is_flag=True, help="Import with the mapping shown, without asking.")
@json_option
@pass_state
def csv(
    state: State,
    path: Path,
    dry_run: bool,
    mapping: str | None,
    columns: tuple[str, ...],
    statuses: tuple[str, ...],
    date_order: str | None,
    save_as: str | None,
    yes: bool,
) -> None:
    """Another tracker's spreadsheet (CSV or XLSX): applications, companies, contacts.

    The columns are guessed from the header (Company, Role, Status, Date
    Applied, Link, Salary, Location, Notes, Contact, Contact Email); correct
    them with --column, map status words with --status, and save the result
    with --save-mapping NAME to reuse it with --mapping NAME. See docs/imports.md.
    """
    from nextround.services.import_tables import TableOptions

    options = TableOptions.from_pairs(
        mapping=mapping, columns=columns, statuses=statuses, date_order=date_order, save_as=save_as
    )
    preview = _run(state, path, options, dry_run=True)
    if dry_run:
        _show(state, preview)
        return
    asked = not (yes or mapping)
    if asked:
        _confirm(state, preview)
    _show(state, _run(state, path, options, dry_run=False), mapping=not asked)


def _run(state: State, path: Path, options: TableOptions, *, dry_run: bool) -> TableImport:
    from nextround.services.import_mapping import mappings_file
    from nextround.services.import_tables import import_table

    with path.open("rb") as raw, _progress(state, path, raw) as (data, writing):
        return import_table(
            state.ctx,
            data,
            name=path.name,
            options=options,
            mappings_file=mappings_file(state.ctx),
            dry_run=dry_run,
            progress=writing,
        )


def _confirm(state: State, preview: TableImport) -> None:
    if state.as_json or not sys.stdin.isatty():
        raise click.UsageError(
            "check the mapping with --dry-run, then add --yes (or use a saved --mapping NAME) "
            "to import"
        )
    _mapping_lines(preview)
    click.echo(f"Would import: {preview.report.summary()}.")
    click.confirm("Import with this mapping?", abort=True)


def _show(state: State, done: TableImport, *, mapping: bool = True) -> None:
    if state.as_json:
        output.emit_json(done)
        return
    if mapping:  # not again right after the user said yes to it
        _mapping_lines(done)
    _print(done.report, "csv")
    if done.saved_as:
        click.echo(
            f"Saved the mapping as {done.saved_as!r}: next time, --mapping {done.saved_as!r}."
        )


def _mapping_lines(found: TableImport) -> None:
    from nextround.services.import_tables import status_lines

    name = f" {found.mapping.name!r}" if found.mapping.name else " (guessed from the header)"
    click.echo(f"Columns{name}:")
    for field, column in found.mapping.columns.items():
        click.echo(output.safe(f"  {field:<14} <- {column}"))
    unused = [c for c in found.header if c.strip() and c not in found.mapping.columns.values()]
    if unused:
        click.echo(output.safe(f"  (not imported: {', '.join(unused)})"))
    if found.statuses:
        click.echo("Statuses:")
        for line in status_lines(found.statuses):
            click.echo(output.safe(f"  {line}"))
