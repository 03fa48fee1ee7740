"""``nextround interview add``."""

from __future__ import annotations

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.dates import parse_date
from nextround.domain.interviews import Format, parse_time
from nextround.services import interviews as service


@click.group("interview")
def interview_group() -> None:
    """Interviews and who sat in them."""


@interview_group.command("add")
@click.argument("app_id", type=int)
@click.option("--on", required=True, metavar="YYYY-MM-DD", help="The day of the interview.")
@click.option("--at", metavar="HH:MM", help="The time it started.")
@click.option(
    "--format",
    "format_text",
    default="video",
    show_default=True,
    metavar="FORMAT",
    help="phone, video, onsite, take-home or other.",
)
@click.option(
    "--with",
    "interviewers",
    multiple=True,
    metavar="PERSON",
    help="An interviewer (name or id); repeat for several.",
)
@json_option
@pass_state
def add(
    state: State,
    app_id: int,
    on: str,
    at: str | None,
    format_text: str,
    interviewers: tuple[str, ...],
) -> None:
    """Record an interview for application APP_ID."""
    interview = service.add_interview(
        state.ctx,
        app_id,
        on=parse_date(on, what="--on"),
        at=parse_time(at) if at else None,
        format=Format.parse(format_text),
        interviewers=interviewers,
    )
    if state.as_json:
        output.emit_json(interview)
    else:
        who = (
            f" with {len(interview.interviewer_ids)} interviewer{'s' if len(interview.interviewer_ids) > 1 else ''}"
            if interview.interviewer_ids
            else ""
        )
        click.echo(
            f"Recorded the {interview.format.value} interview on {interview.on}{who} (id {interview.id})."
        )
