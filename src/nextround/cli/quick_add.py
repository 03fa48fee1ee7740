"""``nextround add "LINE"``: quick add from the command line, with a preview first."""

from __future__ import annotations

import dataclasses
from datetime import date

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.errors import InvalidInput
from nextround.services import quick_add as service

_safe = output.safe


@click.command("add")
@click.argument("line")
@click.option("--company", metavar="NAME", help="The company, when the line doesn't say it.")
@click.option("--person", metavar="NAME", help="A person to add or match.")
@click.option("--title", metavar="TEXT", help="The person's title.")
@click.option("--role", metavar="TEXT", help="The role applied for.")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="The interview's day.")
@click.option("-y", "--yes", is_flag=True, help="Save without asking.")
@json_option
@pass_state
def add(
    state: State,
    /,
    line: str,
    company: str | None,
    person: str | None,
    title: str | None,
    role: str | None,
    on: str | None,
    yes: bool,
) -> None:
    """Add an application, a person or an interview from one line, or a posting's URL.

    Examples: "Dana Smith, Acme Robotics, interview Tuesday"; "Backend Engineer at
    Acme Robotics"; "Dana Smith, recruiter at Initech". It shows what it will add
    and asks before saving (--yes saves at once); options fill what the line leaves out.
    """
    ctx = state.ctx
    seen = service.read_line(ctx, line)
    if any(v is not None for v in (company, person, title, role, on)):
        d = seen.draft
        draft = dataclasses.replace(
            d,
            company=d.company if company is None else company,
            person=d.person if person is None else person,
            title=d.title if title is None else title,
            role=d.role if role is None else role,
            interview_on=d.interview_on if on is None else _day(on),
        )
        # Options take over from what the line could not read, except a day left unread:
        # an interview is never dropped silently.
        unread_day = seen.draft.interview_on is None and on is None and "interview" in line.lower()
        asked = tuple(q for q in seen.questions if "day" in q) if unread_day else ()
        seen = service.preview(ctx, draft, asked=asked)
    if not state.as_json:
        _show(seen)
    if not seen.ready:
        raise InvalidInput(
            f"{seen.questions[0]} Say it with --company, --person, --role or --on, "
            "or change the line."
        )
    if not yes and (state.as_json or not click.confirm("Save?", default=True)):
        if state.as_json:
            output.emit_json({"preview": seen.draft, "adds": seen.adds, "saved": None})
        return
    saved = service.save(ctx, seen.draft)
    output.report(
        state,
        {"preview": seen.draft, "adds": seen.adds, "saved": saved},
        f"Saved. {saved.label} (undo with `nextround undo`).",
    )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--on {text!r} is not a date; write YYYY-MM-DD", field="on") from None


def _show(seen: service.Preview) -> None:
    d = seen.draft
    for label, value in (
        ("Company", d.company),
        ("Role", d.role),
        ("Person", d.person + (f", {d.title}" if d.title else "")),
        ("Interview", f"{d.interview_on:%a %-d %b %Y}" if d.interview_on else ""),
        ("Location", d.location),
        ("Posting", d.source_url),
    ):
        if value:
            click.echo(f"{label + ':':11}{_safe(value)}")
    for what in seen.adds:
        click.echo(f"  will {_safe(what[0].lower() + what[1:])}")
