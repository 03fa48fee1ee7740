"""``nextround demo``: a realistic fictional job search in an empty database."""

from __future__ import annotations

import click

from nextround.cli.options import pass_state
from nextround.cli.state import State
from nextround.services import demo as service


@click.command("demo")
@pass_state
def demo(state: State) -> None:
    """Fill an empty database with a fictional job search, to see nextround at work."""
    state.create = True  # a first-run command: the demo may start a new database
    report = service.load_demo(state.ctx)
    click.echo(
        f"Loaded a demo job search: {report.companies} companies, {report.applications} applications "
        f"({report.rejections} rejections), {report.people} people, {report.tasks} follow-up steps."
    )
    click.echo("Try `nextround today`, `nextround app list` and `nextround task show ID`.")
