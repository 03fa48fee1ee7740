"""``nextround company add|list|show|edit|rm|merge``."""

from __future__ import annotations

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.companies import CompanyChanges, NewCompany
from nextround.domain.rules import UNSET
from nextround.services import companies as service
from nextround.services import network

#: How many of the people known at a company the text lists.
SHOWN = 20


@click.group("company")
def company_group() -> None:
    """Companies you applied to or want to follow."""


@company_group.command("add")
@click.argument("name")
@click.option("--website", metavar="URL")
@click.option(
    "--address", metavar="TEXT", help="Office postal address (cards go there when needed)."
)
@click.option("--careers", metavar="URL", help="Careers page or job board.")
@click.option(
    "--social", metavar="URL", multiple=True, help="A social account; repeat for several."
)
@click.option("--notes", metavar="TEXT")
@click.option(
    "--allow-duplicate", is_flag=True, help="Add it even if it looks like a known company."
)
@json_option
@pass_state
def add(
    state: State,
    /,
    name: str,
    website: str | None,
    address: str | None,
    careers: str | None,
    social: tuple[str, ...],
    notes: str | None,
    allow_duplicate: bool,
) -> None:
    """Add a company."""
    new = NewCompany(name, website, address, careers, notes or "", social)
    company = refs.unless_duplicate(
        lambda allow: service.add_company(state.ctx, new, allow_duplicate=allow), allow_duplicate
    )
    output.report(state, company, f"Added company {company.name} (id {company.id}).")


@company_group.command("edit")
@click.argument("company")
@click.option("--name", metavar="NAME", help="A new name.")
@click.option("--website", metavar="URL", help='A new website ("" clears it).')
@click.option("--address", metavar="TEXT")
@click.option("--careers", metavar="URL")
@click.option("--notes", metavar="TEXT")
@click.option(
    "--social", metavar="URL", multiple=True, help="Add a social account; repeat for several."
)
@json_option
@pass_state
def edit(
    state: State,
    /,
    company: str,
    name: str | None,
    website: str | None,
    address: str | None,
    careers: str | None,
    notes: str | None,
    social: tuple[str, ...],
) -> None:
    """Change a company's details, its name included (an empty value clears one)."""
    changes = CompanyChanges(
        name=UNSET if name is None else name,
        website=output.cleared(website),
        address=output.cleared(address),
        careers_url=output.cleared(careers),
        notes=UNSET if notes is None else notes,
        add_socials=social,
    )
    found = service.edit_company(state.ctx, refs.company(state, company), changes)
    output.report(state, found, f"Updated {found.name}.")


@company_group.command("list")
@json_option
@pass_state
def list_(state: State) -> None:
    """Every company."""
    found = service.list_companies(state.ctx)
    if state.as_json:
        output.emit_json([r.company for r in found])
    elif not found:
        click.echo("No companies yet. Add one with `nextround company add NAME`.")
    else:
        output.table(
            [
                (r.company.id, r.company.name, r.applications, r.people, r.company.website or "")
                for r in found
            ],
            ["id", "name", "applications", "people", "website"],
        )


@company_group.command("show")
@click.argument("company")
@json_option
@pass_state
def show(state: State, company: str) -> None:
    """A company with its people, applications and follow-ups."""
    view = service.show_company(state.ctx, refs.company(state, company))
    known = network.people_you_know(state.ctx, view.company.id)
    if state.as_json:
        from nextround.domain.jsonable import to_jsonable

        output.emit_json({**to_jsonable(view), "people_you_know": known})
        return
    c, today = view.company, state.ctx.today
    click.secho(f"{output.safe(c.name)} (id {c.id})", bold=True)
    for label, value in (
        ("website", c.website),
        ("careers", c.careers_url),
        ("address", c.address),
    ):
        if value:
            click.echo(f"{label}: {output.safe(value)}")
    for social in c.socials:
        followed = f"followed {social.followed_on}" if social.followed_on else "not followed yet"
        click.echo(f"{social.network}: {output.safe(social.url)} ({followed})")
    if c.notes:
        click.echo(f"notes: {output.safe(c.notes)}")
    if view.applications:
        click.secho("\nApplications", bold=True)
        for a in view.applications:
            click.echo(f"  #{a.id} {output.safe(a.role)}: {a.status.value}")
    _people_you_know(known)
    pending = [t for t in view.tasks if t.status.is_pending]
    if pending:
        click.secho("\nOpen follow-ups", bold=True)
        for t in pending:
            click.echo(output.task_line(t, today))
    click.echo(f"\nWhat to expect next time: `nextround brief {c.id}`.")


def _people_you_know(known: network.PeopleYouKnow) -> None:
    """Everyone the user knows there, from any source: how, and when last in touch."""
    if not known.people:
        return
    click.secho(f"\nPeople you know here ({len(known.people)})", bold=True)
    for p in known.people[:SHOWN]:
        who = f"{p.name} (id {p.person_id})" + (f", {p.title}" if p.title else "")
        how = [p.how] if p.how else []
        how += [f"last in touch {p.last_in_touch}"] if p.last_in_touch else []
        click.echo(output.safe(f"  {who}" + (f": {'; '.join(how)}" if how else "")))
    if len(known.people) > SHOWN:
        click.echo(f"  and {len(known.people) - SHOWN} more (`--json` lists everyone)")


@company_group.command("rm")
@click.argument("company")
@click.option("--cascade", is_flag=True, help="Also delete its applications and people.")
@json_option
@pass_state
def rm(state: State, company: str, cascade: bool) -> None:
    """Move a company to the trash (refused while applications or people belong to it)."""
    output.deleted(
        state, service.delete_company(state.ctx, refs.company(state, company), cascade=cascade)
    )


@company_group.command("merge")
@click.argument("company")
@click.option("--into", "target", required=True, metavar="COMPANY", help="The company to keep.")
@json_option
@pass_state
def merge(state: State, company: str, target: str) -> None:
    """Fold COMPANY, entered twice, into another: its applications, people and steps move."""
    merged = service.merge_companies(
        state.ctx, refs.company(state, company), refs.company(state, target)
    )
    output.merged(state, merged)
