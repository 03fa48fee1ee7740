"""``nextround import KIND PATH [--dry-run]``: people and steps brought in from other files.

Every kind runs through :func:`run_import`: the file is read and planned
(``--dry-run`` stops there and writes nothing), then written in one
transaction. On a terminal a progress bar shows the reading and the writing
of long files; ``--json`` prints the whole report, row by row.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.services.imports import ImportReport, Progress

#: Rows listed in the text output of a dry run (``--json`` lists every one).
SHOWN = 50
_LABELS = {"linkedin": "LinkedIn", "google": "Google Contacts", "vcard": "vCard", "csv": "CSV"}


@click.group("import")
def import_group() -> None:
    """Bring in people from another place: LinkedIn's data export, address books."""


_path = click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)
)
_dry_run = click.option(
    "--dry-run", is_flag=True, help="Show what would be created, matched, updated and skipped."
)


@import_group.command("linkedin")
@_path
@_dry_run
@json_option
@pass_state
def linkedin(state: State, path: Path, dry_run: bool) -> None:
    """LinkedIn's data export: the .zip, or Connections.csv or Invitations.csv from it.

    Connections become people (without a company record until you link one);
    someone you planned to invite who shows up as a connection is marked
    connected, and the invitation step done. See docs/imports.md.
    """
    run_import(state, "linkedin", path, dry_run)


def run_import(state: State, kind: str, path: Path, dry_run: bool) -> None:
    """Import ``path`` as ``kind`` and say what happened (the same for every kind)."""
    from nextround.services.imports import import_file

    with path.open("rb") as raw, _progress(state, path, raw) as (data, writing):
        report = import_file(
            state.ctx, kind, data, name=path.name, dry_run=dry_run, progress=writing
        )
    if state.as_json:
        output.emit_json(report)
        return
    _print(report, kind)


def _print(report: ImportReport, kind: str) -> None:
    what = f"{report.file} ({_LABELS.get(kind, kind)})"
    if report.dry_run:
        click.echo(f"Dry run of {what}: {report.summary()}.")
        shown = report.rows[:SHOWN]
    else:
        click.echo(f"Imported {what}: {report.summary()}.")
        shown = tuple(r for r in report.rows if r.outcome.value == "skipped")[:SHOWN]
    for row in shown:
        who = f" {row.name}" if row.name else ""
        click.echo(output.safe(f"  {row.where}: {row.outcome.value}{who}: {row.reason}"))
    listed = len(report.rows) if report.dry_run else report.counts["skipped"]
    if listed > len(shown):
        click.echo(f"  ... and {listed - len(shown)} more (--json lists every row).")
    if report.dry_run:
        click.echo("Nothing was written. Run the command again without --dry-run to import.")
    elif report.change_id is not None:
        click.echo("Changed your mind? `nextround undo` takes the whole import back.")


@contextmanager
def _progress(
    state: State, path: Path, raw: BinaryIO
) -> Iterator[tuple[BinaryIO, Progress | None]]:
    """The file to read (counted by a progress bar on a terminal) and the writing's callback."""
    if state.as_json or not sys.stderr.isatty():
        yield raw, None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    with Bar(console=Console(stderr=True), transient=True) as bar:
        reading = bar.wrap_file(raw, total=path.stat().st_size, description=f"Reading {path.name}")
        task = bar.add_task("Writing", total=None, visible=False)

        def writing(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=True)

        yield reading, writing


# The address-book and spreadsheet kinds add their commands to the group above.
from nextround.cli import import_tables as _more_kinds  # noqa: E402, F401
