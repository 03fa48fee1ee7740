"""``nextround company add|list|show|edit``."""

from __future__ import annotations

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.services import companies as service


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
@json_option
@pass_state
def add(
    state: State,
    name: str,
    website: str | None,
    address: str | None,
    careers: str | None,
    social: tuple[str, ...],
) -> None:
    """Add a company."""
    company = service.add_company(
        state.ctx, name, website=website, address=address, careers_url=careers, socials=social
    )
    if state.as_json:
        output.emit_json(company)
    else:
        click.echo(f"Added company {company.name} (id {company.id}).")


@company_group.command("edit")
@click.argument("name")
@click.option("--website", metavar="URL")
@click.option("--address", metavar="TEXT")
@click.option("--careers", metavar="URL")
@click.option(
    "--social", metavar="URL", multiple=True, help="Add a social account; repeat for several."
)
@json_option
@pass_state
def edit(
    state: State,
    name: str,
    website: str | None,
    address: str | None,
    careers: str | None,
    social: tuple[str, ...],
) -> None:
    """Fill in or change a company's details."""
    company = service.edit_company(
        state.ctx, name, website=website, address=address, careers_url=careers, socials=social
    )
    if state.as_json:
        output.emit_json(company)
    else:
        click.echo(f"Updated {company.name}.")


@company_group.command("list")
@json_option
@pass_state
def list_(state: State) -> None:
    """Every company."""
    found = service.list_companies(state.ctx)
    if state.as_json:
        output.emit_json(found)
    elif not found:
        click.echo("No companies yet. Add one with `nextround company add NAME`.")
    else:
        output.table([(c.id, c.name, c.website or "") for c in found], ["id", "name", "website"])


@company_group.command("show")
@click.argument("name")
@json_option
@pass_state
def show(state: State, name: str) -> None:
    """A company with its people, applications and follow-ups."""
    view = service.show_company(state.ctx, name)
    if state.as_json:
        output.emit_json(view)
        return
    c, today = view.company, state.ctx.today
    click.secho(f"{c.name} (id {c.id})", bold=True)
    for label, value in (
        ("website", c.website),
        ("careers", c.careers_url),
        ("address", c.address),
    ):
        if value:
            click.echo(f"{label}: {value}")
    for social in c.socials:
        followed = f"followed {social.followed_on}" if social.followed_on else "not followed yet"
        click.echo(f"{social.network}: {social.url} ({followed})")
    if view.applications:
        click.secho("\nApplications", bold=True)
        for a in view.applications:
            click.echo(f"  #{a.id} {a.role}: {a.status.value}")
    if view.people:
        click.secho("\nPeople", bold=True)
        for p in view.people:
            click.echo(f"  {p.name}" + (f", {p.title}" if p.title else ""))
    pending = [t for t in view.tasks if t.status.is_pending]
    if pending:
        click.secho("\nOpen follow-ups", bold=True)
        for t in pending:
            click.echo(output.task_line(t, today))
    click.echo(f"\nWhat to expect next time: `nextround brief {c.id}`.")
