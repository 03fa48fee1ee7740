"""``nextround digest``: steps due and what changed at watched companies, printed or emailed."""

from __future__ import annotations

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State


@click.command("digest")
@click.option(
    "--period",
    type=click.Choice(["daily", "weekly"]),
    default="daily",
    show_default=True,
    help="Daily: steps due by today. Weekly: due this week too.",
)
@click.option(
    "--since",
    metavar="YYYY-MM-DD",
    help="What changed since this day (a look back; the last digest is not moved).",
)
@click.option("--email", is_flag=True, help="Email it to yourself through your SMTP server.")
@json_option
@pass_state
def digest_command(state: State, /, period: str, since: str | None, email: bool) -> None:
    """Steps due and overdue, and what changed at watched companies since the last digest.

    Says nothing (and sends nothing) when nothing is due or changed.
    """
    from nextround.services import digest as service

    made = service.make(state.ctx, period, refs.day(since, "--since"), email=email)
    if made.digest.is_empty():
        return
    if state.as_json:
        output.emit_json({**made.digest.to_json(), "emailed_to": made.emailed_to or None})
    elif made.emailed_to:
        click.echo(output.safe(f"Digest emailed to {made.emailed_to}."))
    else:
        for line in service.as_text(made.digest).splitlines():
            click.echo(output.safe(line))
