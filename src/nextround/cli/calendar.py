"""``nextround calendar -o FILE.ics``: open tasks and interviews for a calendar app."""

from __future__ import annotations

import click

from nextround.cli import files, output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.services.calendar import CalendarExport, export_calendar


@click.command("calendar")
@click.option(
    "-o", "--output", "path", required=True, metavar="FILE.ics", help="Where to write the calendar."
)
@json_option
@pass_state
def calendar_command(state: State, path: str) -> None:
    """Open tasks and interviews as an .ics file for your calendar app.

    Tasks are all-day events on their due day; interviews are timed events.
    Import the file again after changes: events are updated, not duplicated,
    and finished tasks are marked cancelled.
    """
    target = files.check_target(path, "nextround.ics")
    export = export_calendar(state.ctx)
    files.write_atomically(target, export.data)
    if state.as_json:
        output.emit_json(
            {
                "path": str(target),
                "events": export.events,
                "open_tasks": export.open_tasks,
                "closed_tasks": export.closed_tasks,
                "interviews": export.interviews,
            }
        )
    else:
        click.echo(_summary(export, str(target)))


def _summary(export: CalendarExport, where: str) -> str:
    if not export.events:
        return f"Wrote an empty calendar to {where}: no open tasks or interviews yet."
    return (
        f"Wrote {_count(export.events, 'event')} to {where}: "
        f"{_count(export.open_tasks, 'open task')}, "
        f"{_count(export.closed_tasks, 'finished task')} (marked cancelled), "
        f"{_count(export.interviews, 'interview')}."
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
