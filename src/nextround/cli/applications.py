"""``nextround app add|list|show|status`` and ``nextround reject``."""

from __future__ import annotations

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.applications import Status
from nextround.domain.dates import parse_date
from nextround.services import applications as service
from nextround.services.applications import Plan


@click.group("app")
def app_group() -> None:
    """Applications and their status pipeline."""


@app_group.command("add")
@click.option("--company", required=True, metavar="NAME", help="Company name or id.")
@click.option("--role", required=True, metavar="TITLE")
@click.option(
    "--applied", metavar="YYYY-MM-DD", help="When you applied (omit to save it for later)."
)
@click.option(
    "--status", "status_text", metavar="STATUS", help="Start at another status, e.g. interviewing."
)
@click.option("--url", metavar="URL", help="The job posting.")
@click.option("--req", metavar="ID", help="The requisition id.")
@json_option
@pass_state
def add(
    state: State,
    company: str,
    role: str,
    applied: str | None,
    status_text: str | None,
    url: str | None,
    req: str | None,
) -> None:
    """Add an application; prints its id."""
    added = service.add_application(
        state.ctx,
        company=company,
        role=role,
        applied_on=parse_date(applied, what="--applied") if applied else None,
        status=Status.parse(status_text) if status_text else None,
        source_url=url,
        requisition_id=req,
    )
    if state.as_json:
        output.emit_json(added.application)
        return
    click.echo(added.application.id)
    if added.earlier:
        roles = ", ".join(f"{a.role} ({a.status.value})" for a in added.earlier)
        click.echo(
            f"You've been here before: {roles}. "
            f"`nextround brief {added.application.company_id}` has what to expect next time.",
            err=True,
        )


@app_group.command("list")
@click.option("--status", "status_text", metavar="STATUS", help="Only applications at this status.")
@json_option
@pass_state
def list_(state: State, status_text: str | None) -> None:
    """Every application."""
    found = service.list_applications(state.ctx, Status.parse(status_text) if status_text else None)
    if state.as_json:
        output.emit_json(found)
    elif not found:
        click.echo(
            "No applications yet. Add one with `nextround app add --company NAME --role TITLE`."
        )
    else:
        output.table(
            [(a.id, a.company, a.role, a.status.value, a.applied_on or "") for a in found],
            ["id", "company", "role", "status", "applied"],
        )


@app_group.command("show")
@click.argument("app_id", type=int)
@json_option
@pass_state
def show(state: State, app_id: int) -> None:
    """An application with its interviews, journal and plan."""
    view = service.show_application(state.ctx, app_id)
    if state.as_json:
        output.emit_json(view)
        return
    a = view.application
    click.secho(f"#{a.id} {a.role} at {a.company}: {a.status.value}", bold=True)
    for label, value in (
        ("applied", a.applied_on),
        ("rejected", a.rejected_on),
        ("posting", a.source_url),
        ("requisition", a.requisition_id),
    ):
        if value:
            click.echo(f"{label}: {value}")
    if view.interviews:
        click.secho("\nInterviews", bold=True)
        for i in view.interviews:
            names = (
                ", ".join(view.people[p].name for p in i.interviewer_ids)
                or "interviewers not recorded"
            )
            at = f" {i.at:%H:%M}" if i.at else ""
            click.echo(f"  {i.on}{at} ({i.format.value}) with {names}")
    if view.journal:
        click.secho(
            f"\nJournal: {len(view.journal)} entries (`nextround journal show {a.id}`)", bold=True
        )
    if view.tasks:
        click.secho("\nPlan", bold=True)
        for t in view.tasks:
            click.echo(output.task_line(t, state.ctx.today))


@app_group.command("status")
@click.argument("app_id", type=int)
@click.argument("status_text", metavar="STATUS")
@click.option("--on", metavar="YYYY-MM-DD", help="For rejected: the day it happened.")
@json_option
@pass_state
def status(state: State, app_id: int, status_text: str, on: str | None) -> None:
    """Move an application to STATUS (saved, applied, screening, interviewing, offer,
    rejected, withdrawn, ghosted)."""
    new = Status.parse(status_text)
    day = parse_date(on, what="--on") if on else None
    print_plan(state, service.set_status(state.ctx, app_id, new, day))


@click.command("reject")
@click.argument("app_id", type=int)
@click.option(
    "--on",
    metavar="YYYY-MM-DD",
    help="The day of the rejection (default: the day already recorded, else today).",
)
@json_option
@pass_state
def reject(state: State, app_id: int, on: str | None) -> None:
    """Record a rejection and print the follow-up plan it creates."""
    day = parse_date(on, what="--on") if on else None
    print_plan(state, service.reject(state.ctx, app_id, day))


def print_plan(state: State, plan: Plan) -> None:
    a = plan.application
    if state.as_json:
        output.emit_json({"application": a, "tasks": plan.tasks})
        return
    if a.status is not Status.REJECTED:
        click.echo(f"#{a.id} {a.role} at {a.company} is now {a.status.value}.")
        cancelled = [t for t in plan.tasks if t.status.value == "cancelled"]
        if cancelled:
            click.echo(f"{len(cancelled)} open follow-up steps were cancelled.")
        return
    click.secho(f"{a.company} said no to {a.role} on {a.rejected_on}.", bold=True)
    click.echo("That's hard news. The people you met are still worth knowing; here is the plan:\n")
    today = state.ctx.today
    for task in plan.tasks:
        click.echo(output.task_line(task, today))
    click.echo(
        "\n`nextround task show ID` shows a step's draft; `nextround today` keeps you on track."
    )
