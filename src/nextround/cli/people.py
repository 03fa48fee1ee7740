"""``nextround person add|list|show|edit|rm|merge|export`` and ``nextround reply``."""

from __future__ import annotations

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state, stacked
from nextround.cli.state import State
from nextround.domain.people import SOURCES, ConnectAnswer, NewPerson, PersonChanges
from nextround.domain.rules import UNSET
from nextround.services import people as service
from nextround.services.people import PersonView

_safe = output.safe


@click.group("person")
def person_group() -> None:
    """The people you met: interviewers, recruiters, contacts."""


_details = stacked(
    click.option("--title", metavar="T", help="Their job title."),
    click.option("--email", metavar="E"),
    click.option("--linkedin", metavar="URL", help="LinkedIn profile URL."),
    click.option("--address", metavar="TEXT", help="Postal address for a card."),
    click.option("--notes", metavar="TEXT"),
    click.option(
        "--part",
        metavar="PART",
        help="Their part in the process: recruiter, hiring-manager, interviewer, peer or "
        'executive (default: from the title; "" goes back to that).',
    ),
    click.option(
        "--language",
        metavar="CODE",
        help="The language of drafts to them: en, de, fr or es (default: the application's; "
        '"" goes back to that).',
    ),
    click.option(
        "--address-as",
        metavar="TEXT",
        help='How drafts address them, e.g. "Frau Dr. Weber", "Madame Dubois", "Sra. García" '
        '(default: their first name; "" goes back to that).',
    ),
    click.option(
        "--formal/--informal",
        default=None,
        help="Sie/vous/usted or du/tu/tú in drafts to them (default: formal in German, "
        "French and Spanish).",
    ),
)


@person_group.command("add")
@click.argument("name")
@click.option("--company", required=True, metavar="NAME", help="Where they work (name or id).")
@_details
@click.option(
    "--allow-duplicate", is_flag=True, help="Add them even if they look like someone known."
)
@json_option
@pass_state
def add(
    state: State,
    /,
    name: str,
    company: str,
    title: str | None,
    email: str | None,
    linkedin: str | None,
    address: str | None,
    notes: str | None,
    part: str | None,
    language: str | None,
    address_as: str | None,
    formal: bool | None,
    allow_duplicate: bool,
) -> None:
    """Add a person at a company."""
    new = NewPerson(
        name,
        refs.company(state, company),
        title,
        email,
        linkedin,
        address,
        notes or "",
        part,
        language=language,
        address_as=address_as,
        formal=formal,
    )
    person = refs.unless_duplicate(
        lambda allow: service.add_person(state.ctx, new, allow_duplicate=allow), allow_duplicate
    )
    output.report(
        state, person, f"Added {_safe(person.name)} at {_safe(person.company)} (id {person.id})."
    )


@person_group.command("edit")
@click.argument("person")
@click.option("--name", metavar="NAME", help="A new name (a typo fixed).")
@click.option("--company", metavar="NAME", help="Where they work now (name or id).")
@_details
@json_option
@pass_state
def edit(
    state: State,
    /,
    person: str,
    name: str | None,
    company: str | None,
    title: str | None,
    email: str | None,
    linkedin: str | None,
    address: str | None,
    notes: str | None,
    part: str | None,
    language: str | None,
    address_as: str | None,
    formal: bool | None,
) -> None:
    """Change someone's details (an empty value clears one); a found address or email moves
    their steps on."""
    changes = PersonChanges(
        name=UNSET if name is None else name,
        company_id=UNSET if company is None else refs.company(state, company),
        title=output.cleared(title),
        email=output.cleared(email),
        linkedin_url=output.cleared(linkedin),
        address=output.cleared(address),
        notes=UNSET if notes is None else notes,
        part=output.cleared(part),
        language=output.cleared(language),
        address_as=output.cleared(address_as),
        formal=UNSET if formal is None else formal,
    )
    found = service.edit_person(state.ctx, refs.person(state, person), changes)
    output.report(state, found, f"Updated {_safe(found.name)}.")


@person_group.command("list")
@click.option("--company", metavar="NAME", help="Only people at this company.")
@click.option(
    "--source",
    type=click.Choice(SOURCES),
    help="Only people from this source (linkedin: imported connections).",
)
@json_option
@pass_state
def list_(state: State, company: str | None, source: str | None) -> None:
    """Everyone, or everyone at one company or from one source."""
    company_id = refs.company(state, company) if company else None
    found = service.list_people(state.ctx, company_id, source=source)
    if state.as_json:
        output.emit_json([r.person for r in found])
    elif not found:
        click.echo("No people yet. Add one with `nextround person add NAME --company NAME`.")
    else:
        output.table(
            [
                (
                    r.person.id,
                    r.person.name,
                    r.person.company,
                    r.person.title or "",
                    r.person.email or "",
                )
                for r in found
            ],
            ["id", "name", "company", "title", "email"],
        )


@person_group.command("show")
@click.argument("person")
@json_option
@pass_state
def show(state: State, person: str) -> None:
    """A person, where the relationship stands, and their steps."""
    _print(state, service.show_person(state.ctx, refs.person(state, person)))


def _print(state: State, view: PersonView) -> None:
    if state.as_json:
        output.emit_json(view)
        return
    today, p = state.ctx.today, view.person
    click.secho(f"{_safe(p.name)} (id {p.id})", bold=True)
    where = (
        p.company if p.company_id is not None else p.company and f"{p.company} (no company record)"
    )
    if p.title or where:
        click.echo(_safe(" at ".join(x for x in (p.title, where) if x)))
    click.echo(f"part: {p.plays.label}" + ("" if p.part else " (from the title)"))
    if p.language or p.address_as or p.formal is not None:
        register = {None: "", True: "formal", False: "informal"}[p.formal]
        said = [p.language or "", register, f"addressed as {p.address_as}" if p.address_as else ""]
        click.echo(_safe("drafts: " + ", ".join(x for x in said if x)))
    if view.address_example:
        hint = f"Set how to address them, e.g. --address-as '{view.address_example}'"
        click.secho(f"hint: formal drafts greet them by full name. {hint}", dim=True)
    if p.source != "manual":
        click.echo(f"from: {p.source}")
    details = (
        ("email", p.email),
        ("phone", p.phone),
        ("LinkedIn", p.linkedin_url),
        ("address", p.address),
    )
    for label, value in details:
        if value:
            click.echo(f"{label}: {_safe(value)}")
    if p.notes:
        click.echo(f"notes: {_safe(p.notes)}")
    click.secho("\nWhere things stand", bold=True)
    for stage in view.milestones:
        text = f"{stage.state} {stage.done_on}" if stage.done_on else stage.state
        click.echo(f"  {stage.label:<32} {text}")
    if view.tasks:
        click.secho("\nSteps", bold=True)
        for task in view.tasks:
            click.echo(output.task_line(task, today))
    if view.replies:
        _replies(view)


def _replies(view: PersonView) -> None:
    click.secho("\nReplies found in your mailbox", bold=True)
    for r in view.replies:
        day = r.received_at.date().isoformat() if r.received_at else "undated"
        click.echo(f"  #{r.id:<5} {day}  {_safe(r.subject)}")
        if r.status.value == "pending":
            guess = f"reads as {r.answer}" if r.answer else "answer unclear"
            click.echo(
                f"         OK to connect? {guess}: `nextround mail confirm {r.id}`"
                f"{'' if r.answer else ' --yes|--no'}"
            )
        else:
            click.echo(f"         {r.status.value}{f': {r.answer}' if r.answer else ''}")


@person_group.command("rm")
@click.argument("person")
@json_option
@pass_state
def rm(state: State, person: str) -> None:
    """Move someone to the trash; their open steps are cancelled with them."""
    output.deleted(state, service.delete_person(state.ctx, refs.person(state, person)))


@person_group.command("merge")
@click.argument("person")
@click.option("--into", "target", required=True, metavar="PERSON", help="The person to keep.")
@json_option
@pass_state
def merge(state: State, person: str, target: str) -> None:
    """Fold PERSON, entered twice, into another: interviews, steps and replies move."""
    done = service.merge_people(state.ctx, refs.person(state, person), refs.person(state, target))
    output.merged(state, done)


@click.command("reply")
@click.argument("person")
@click.option("--yes", "said_yes", is_flag=True, help="They said yes to connecting.")
@click.option("--no", "said_no", is_flag=True, help="They'd rather not (or said no).")
@click.option("--clear", is_flag=True, help="Take back an answer recorded by mistake.")
@json_option
@pass_state
def reply(state: State, person: str, said_yes: bool, said_no: bool, clear: bool) -> None:
    """Record the answer to "OK to connect on LinkedIn?"."""
    if said_yes + said_no + clear != 1:
        raise click.UsageError("say one of --yes, --no or --clear")
    answer = None if clear else ConnectAnswer("yes" if said_yes else "no")
    view = service.record_reply(state.ctx, refs.person(state, person), answer)
    if state.as_json:
        _print(state, view)
        return
    name = _safe(view.person.name)
    if answer is None:
        click.echo(f"Took back {name}'s answer.")
    elif answer is ConnectAnswer.YES:
        click.echo(f"{name} said yes.")
        for task in (
            t for t in view.tasks if t.kind.value == "linkedin_invite" and t.status.is_pending
        ):
            click.echo(
                f"Next: #{task.id} {_safe(task.title)}, due {task.due}. `nextround task show {task.id}` has the note."
            )
    else:
        click.echo(f"Noted. No invitation for {name}; the thread is closed kindly.")


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
    cards = export_people(state.ctx, refs.company(state, company) if company else None)
    files.write_atomically(target, cards.data)
    if state.as_json:
        output.emit_json({"path": str(target), "people": cards.people})
    else:
        click.echo(f"Wrote {cards.people} contact{'s' if cards.people != 1 else ''} to {target}.")
