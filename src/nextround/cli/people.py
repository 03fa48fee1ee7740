"""``nextround person add|list|show|edit`` and ``nextround reply``."""

from __future__ import annotations

from typing import Any

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.people import ConnectAnswer
from nextround.services import people as service
from nextround.services.people import PersonView


@click.group("person")
def person_group() -> None:
    """The people you met: interviewers, recruiters, contacts."""


_DETAILS = [
    click.option("--title", metavar="T", help="Their job title."),
    click.option("--email", metavar="E"),
    click.option("--linkedin", metavar="URL", help="LinkedIn profile URL."),
    click.option("--address", metavar="TEXT", help="Postal address for a card."),
    click.option("--notes", metavar="TEXT"),
]


def _details(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(_DETAILS):
        func = option(func)
    return func


@person_group.command("add")
@click.argument("name")
@click.option("--company", required=True, metavar="NAME", help="Where they work (name or id).")
@_details
@json_option
@pass_state
def add(state: State, /, name: str, company: str, **details: str | None) -> None:
    """Add a person at a company."""
    person = service.add_person(state.ctx, name, company=company, **_fields(details))
    if state.as_json:
        output.emit_json(person)
    else:
        click.echo(f"Added {person.name} at {person.company} (id {person.id}).")


@person_group.command("edit")
@click.argument("name")
@_details
@json_option
@pass_state
def edit(state: State, /, name: str, **details: str | None) -> None:
    """Fill in or change someone's details (a found address or email moves their steps on)."""
    person = service.edit_person(state.ctx, name, **_fields(details))
    if state.as_json:
        output.emit_json(person)
    else:
        click.echo(f"Updated {person.name}.")


def _fields(details: dict[str, str | None]) -> dict[str, Any]:
    details["linkedin_url"] = details.pop("linkedin")
    return details


@person_group.command("list")
@click.option("--company", metavar="NAME", help="Only people at this company.")
@json_option
@pass_state
def list_(state: State, company: str | None) -> None:
    """Everyone, or everyone at one company."""
    found = service.list_people(state.ctx, company)
    if state.as_json:
        output.emit_json(found)
    elif not found:
        click.echo("No people yet. Add one with `nextround person add NAME --company NAME`.")
    else:
        output.table(
            [(p.id, p.name, p.company, p.title or "", p.email or "") for p in found],
            ["id", "name", "company", "title", "email"],
        )


@person_group.command("show")
@click.argument("name")
@json_option
@pass_state
def show(state: State, name: str) -> None:
    """A person, where the relationship stands, and their steps."""
    _print(state, service.show_person(state.ctx, name))


def _print(state: State, view: PersonView) -> None:
    today = state.ctx.today
    if state.as_json:
        output.emit_json(
            {
                "person": view.person,
                "relationship": view.relationship,
                "connect_state": view.relationship.connect_state(today).value,
                "tasks": view.tasks,
                "replies": view.replies,
            }
        )
        return
    p = view.person
    click.secho(f"{p.name} (id {p.id})", bold=True)
    click.echo(f"{p.title + ' at ' if p.title else ''}{p.company}")
    for label, value in (("email", p.email), ("LinkedIn", p.linkedin_url), ("address", p.address)):
        if value:
            click.echo(f"{label}: {value}")
    if p.notes:
        click.echo(f"notes: {p.notes}")
    click.secho("\nWhere things stand", bold=True)
    for step, state_text in view.relationship.steps(today):
        click.echo(f"  {step:<20} {state_text}")
    if view.tasks:
        click.secho("\nSteps", bold=True)
        for task in view.tasks:
            click.echo(output.task_line(task, today))
    if view.replies:
        click.secho("\nReplies found in your mailbox", bold=True)
        for r in view.replies:
            day = r.received_at.date().isoformat() if r.received_at else "undated"
            click.echo(f"  #{r.id:<5} {day}  {r.subject}")
            if r.status.value == "pending":
                guess = f"reads as {r.answer}" if r.answer else "answer unclear"
                click.echo(
                    f"         OK to connect? {guess}: `nextround mail confirm {r.id}`"
                    f"{'' if r.answer else ' --yes|--no'}"
                )
            else:
                click.echo(f"         {r.status.value}{f': {r.answer}' if r.answer else ''}")


@click.command("reply")
@click.argument("person")
@click.option("--yes", "said_yes", is_flag=True, help="They said yes to connecting.")
@click.option("--no", "said_no", is_flag=True, help="They'd rather not (or said no).")
@json_option
@pass_state
def reply(state: State, person: str, said_yes: bool, said_no: bool) -> None:
    """Record the answer to "OK to connect on LinkedIn?"."""
    if said_yes == said_no:
        raise click.UsageError("say either --yes or --no")
    answer = "yes" if said_yes else "no"
    view = service.record_reply(state.ctx, person, ConnectAnswer(answer))
    if state.as_json:
        _print(state, view)
        return
    if answer == "yes":
        invite = [
            t for t in view.tasks if t.kind.value == "linkedin_invite" and t.status.is_pending
        ]
        click.echo(f"{view.person.name} said yes.")
        for task in invite:
            click.echo(
                f"Next: #{task.id} {task.title}, due {task.due}. `nextround task show {task.id}` has the note."
            )
    else:
        click.echo(f"Noted. No invitation for {view.person.name}; the thread is closed kindly.")


@person_group.command("export")
@click.option(
    "--vcard", "as_vcard", is_flag=True, default=True, help="vCard 3.0 (the only format so far)."
)
@click.option(
    "-o", "--output", "path", required=True, metavar="FILE.vcf", help="Where to write the cards."
)
@click.option("--company", metavar="NAME", help="Only people at this company.")
@json_option
@pass_state
def export(state: State, as_vcard: bool, path: str, company: str | None) -> None:
    """Everyone (or everyone at one company) as contacts for your address book."""
    from nextround.cli import files
    from nextround.services.vcards import export_people

    target = files.check_target(path, "people.vcf")
    cards = export_people(state.ctx, company)
    files.write_atomically(target, cards.data)
    if state.as_json:
        output.emit_json({"path": str(target), "people": cards.people})
    else:
        click.echo(f"Wrote {cards.people} contact{'s' if cards.people != 1 else ''} to {target}.")
