"""``nextround today``: the daily agenda."""

from __future__ import annotations

import click

from nextround.cli import output
from nextround.cli.state import State, json_option, pass_state
from nextround.services import agenda


@click.command()
@json_option
@pass_state
def today(state: State) -> None:
    """What is overdue, due today, and due in the next 7 days."""
    ctx = state.ctx
    found = agenda.today(ctx)
    if state.as_json:
        output.emit_json(
            {
                "today": found.today,
                "overdue": found.overdue,
                "due_today": found.due_today,
                "upcoming": found.upcoming,
            }
        )
        return
    click.secho(f"{found.today:%A %d %B %Y}", bold=True)
    click.echo()
    if found.is_empty():
        click.echo("No follow-ups due. Nice.")
        if not agenda.has_history(ctx):
            click.echo(
                "Your job search is empty. Run `nextround demo` to see nextround at work, "
                "or start with `nextround company add NAME`."
            )
        return
    output.tasks_block("Overdue", found.overdue, found.today)
    output.tasks_block("Due today", found.due_today, found.today)
    output.tasks_block("Next 7 days", found.upcoming, found.today)
    click.echo(
        "`nextround task show ID` shows a step with its draft; `task done ID` when it's done."
    )
