"""``nextround app add|list|show|edit|rm|status|history`` and ``nextround reject``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state, stacked
from nextround.cli.state import State
from nextround.domain.applications import Application, ApplicationChanges, NewApplication, Status
from nextround.domain.rules import UNSET
from nextround.errors import NotFound
from nextround.services import applications as service
from nextround.services.applications import Plan

if TYPE_CHECKING:
    from nextround.services.watch import WatchOffer

_safe = output.safe


@click.group("app")
def app_group() -> None:
    """Applications and their status pipeline."""


_details = stacked(
    click.option("--url", metavar="URL", help="The job posting."),
    click.option("--req", metavar="ID", help="The requisition id."),
    click.option("--location", metavar="PLACE"),
    click.option("--work-mode", metavar="MODE", help="onsite, hybrid or remote."),
    click.option("--salary-min", type=int, metavar="N"),
    click.option("--salary-max", type=int, metavar="N"),
    click.option("--currency", metavar="CODE", help="EUR, USD, GBP, ..."),
    click.option("--period", metavar="PERIOD", help="year, month, week, day or hour."),
    click.option(
        "--description", metavar="TEXT", help="The job description (kept after the posting goes)."
    ),
    click.option(
        "--source", metavar="SOURCE", help="job_board, referral, recruiter, company_site or other."
    ),
    click.option("--referrer", metavar="PERSON", help="Who referred you (name or id)."),
    click.option("--notes", metavar="TEXT"),
    click.option(
        "--language",
        metavar="CODE",
        help="The language the process runs in, and its drafts are written in: en, de, fr or "
        'es (default: [drafts] language in config.toml; "" goes back to that).',
    ),
)


def _fields(state: State, given: dict[str, Any], *, editing: bool) -> dict[str, Any]:
    """The options as input fields; when editing, an option left out stays as it is."""
    names = {
        "url": "source_url",
        "req": "requisition_id",
        "location": "location",
        "work_mode": "work_mode",
        "salary_min": "salary_min",
        "salary_max": "salary_max",
        "currency": "salary_currency",
        "period": "salary_period",
        "description": "description",
        "source": "source",
        "notes": "notes",
        "language": "language",
    }
    found: dict[str, Any] = {}
    for option, field in names.items():
        value = given.get(option)
        if editing:
            found[field] = (
                output.cleared(value)
                if isinstance(value, str)
                else (UNSET if value is None else value)
            )
        elif value is not None:
            found[field] = value
    referrer = given.get("referrer")
    if referrer is not None:
        found["referrer_id"] = refs.person(state, referrer) if referrer.strip() else None
    return found


@app_group.command("add")
@click.option(
    "--company", required=True, metavar="NAME", help="Company name or id; a new name adds it."
)
@click.option("--role", required=True, metavar="TITLE")
@click.option(
    "--applied", metavar="YYYY-MM-DD", help="When you applied (omit to save it for later)."
)
@click.option(
    "--status", "status_text", metavar="STATUS", help="Start at another status, e.g. interviewing."
)
@_details
@json_option
@pass_state
def add(
    state: State,
    /,
    company: str,
    role: str,
    applied: str | None,
    status_text: str | None,
    **details: Any,
) -> None:
    """Add an application; prints its id."""
    try:
        company_id, new_company = refs.company(state, company), None
    except NotFound:
        company_id, new_company = None, company
    new = NewApplication(
        role=role,
        company_id=company_id,
        new_company=new_company,
        status=Status.parse(status_text) if status_text else None,
        applied_on=refs.day(applied, "--applied"),
        **_fields(state, details, editing=False),
    )
    added = service.add_application(state.ctx, new)
    app = added.application
    if state.as_json:
        output.emit_json(app)
        return
    click.echo(app.id)
    if added.company_created:
        click.echo(f"Added the company {_safe(app.company)} (id {app.company_id}) too.", err=True)
    if added.earlier:
        roles = ", ".join(f"{_safe(a.role)} ({a.status.value})" for a in added.earlier)
        click.echo(
            f"You've been here before: {roles}. "
            f"`nextround brief {app.company_id}` has what to expect next time.",
            err=True,
        )


@app_group.command("edit")
@click.argument("app_id", type=int)
@click.option("--role", metavar="TITLE")
@click.option("--applied", metavar="YYYY-MM-DD", help='The day you applied ("" clears it).')
@_details
@json_option
@pass_state
def edit(
    state: State, /, app_id: int, role: str | None, applied: str | None, **details: Any
) -> None:
    """Change an application's details (an empty value clears one)."""
    changes = ApplicationChanges(
        role=UNSET if role is None else role,
        applied_on=UNSET if applied is None else refs.day(applied, "--applied"),
        **_fields(state, details, editing=True),
    )
    app = service.edit_application(state.ctx, app_id, changes)
    output.report(state, app, f"Updated #{app.id} {_safe(app.role)} at {_safe(app.company)}.")


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
    click.secho(f"#{a.id} {_safe(a.role)} at {_safe(a.company)}: {a.status.value}", bold=True)
    for label, value in _facts(a):
        click.echo(f"{label}: {_safe(str(value))}")
    if view.interviews:
        click.secho("\nInterviews", bold=True)
        for i in view.interviews:
            names = (
                ", ".join(view.people[p].name for p in i.interviewer_ids)
                or "interviewers not recorded"
            )
            at = f" {i.at:%H:%M}" if i.at else ""
            off = "" if i.happens else f" [{i.status.value.replace('_', ' ')}]"
            click.echo(_safe(f"  {i.on}{at} ({i.format.value}) with {names} (id {i.id}){off}"))
    if view.journal:
        count = len(view.journal)
        click.secho(
            f"\nJournal: {count} {'entry' if count == 1 else 'entries'} (`nextround journal show {a.id}`)",
            bold=True,
        )
    if view.tasks:
        click.secho("\nPlan", bold=True)
        for t in view.tasks:
            click.echo(output.task_line(t, state.ctx.today))
    for note in view.notes:
        click.echo(f"  {_safe(note)}")


def _facts(a: Application) -> list[tuple[str, object]]:
    facts: list[tuple[str, object | None]] = [
        ("applied", a.applied_on),
        ("rejected", a.rejected_on),
        ("location", a.location),
        ("work", a.work_mode.value if a.work_mode else None),
        ("salary", str(a.salary) if a.salary else None),
        ("source", a.source.value.replace("_", " ") if a.source else None),
        ("referred by", a.referrer),
        ("posting", a.source_url),
        ("requisition", a.requisition_id),
        ("drafts in", a.language),
        ("notes", a.notes),
    ]
    return [(k, v) for k, v in facts if v]


@app_group.command("history")
@click.argument("app_id", type=int)
@json_option
@pass_state
def history(state: State, app_id: int) -> None:
    """Every move of an application along the pipeline, with its day."""
    view = service.show_application(state.ctx, app_id)
    if state.as_json:
        output.emit_json(view.history)
        return
    a = view.application
    click.secho(f"#{a.id} {_safe(a.role)} at {_safe(a.company)}", bold=True)
    if not view.history:
        click.echo("  saved, not applied yet")
    for event in view.history:
        moved = (
            f"{event.from_status} \u2192 {event.to_status}"
            if event.from_status
            else event.to_status
        )
        click.echo(f"  {event.on}  {moved}")


@app_group.command("rm")
@click.argument("app_id", type=int)
@json_option
@pass_state
def rm(state: State, app_id: int) -> None:
    """Move an application to the trash, with its interviews, journal and plan."""
    output.deleted(state, service.delete_application(state.ctx, app_id))


@app_group.command("status")
@click.argument("app_id", type=int)
@click.argument("status_text", metavar="STATUS")
@click.option("--on", metavar="YYYY-MM-DD", help="The day it happened (default: today).")
@json_option
@pass_state
def status(state: State, app_id: int, status_text: str, on: str | None) -> None:
    """Move an application to STATUS (saved, applied, screening, interviewing, offer,
    rejected, withdrawn, ghosted)."""
    new = Status.parse(status_text)
    print_plan(
        state, service.set_status(state.ctx, app_id, new, refs.day(on, "--on"), drafted=False)
    )


@click.command("reject")
@click.argument("app_id", type=int)
@click.option(
    "--on",
    metavar="YYYY-MM-DD",
    help="The day of the rejection (default: the day already recorded, else today).",
)
@click.option(
    "--watch", is_flag=True, help="Also watch the company's job board (`nextround watch run`)."
)
@json_option
@pass_state
def reject(state: State, app_id: int, on: str | None, watch: bool) -> None:
    """Record a rejection and print the follow-up plan it creates."""
    plan = service.reject(state.ctx, app_id, refs.day(on, "--on"), drafted=False)
    offer = None
    if watch and not plan.watch_note:
        from nextround.services.watch import watch_after_rejection

        offer = watch_after_rejection(state.ctx, plan.application.company_id)
    print_plan(state, plan, offer)


def print_plan(state: State, plan: Plan, offer: WatchOffer | None = None) -> None:
    a = plan.application
    if state.as_json:
        found: dict[str, object] = {
            "application": a,
            "tasks": plan.tasks,
            "notes": list(plan.notes),
        }
        if plan.watch_note:
            found["watch_note"] = plan.watch_note
        output.emit_json(found if offer is None else {**found, "watch": offer})
        return
    if a.status is not Status.REJECTED:
        click.echo(f"#{a.id} {_safe(a.role)} at {_safe(a.company)} is now {a.status.value}.")
        if plan.cancelled:
            click.echo(
                f"{plan.cancelled} open follow-up step{'s were' if plan.cancelled != 1 else ' was'} cancelled."
            )
        return
    click.secho(f"{_safe(a.company)} said no to {_safe(a.role)} on {a.rejected_on}.", bold=True)
    click.echo("That's hard news. The people you met are still worth knowing; here is the plan:\n")
    for task in plan.tasks:
        click.echo(output.task_line(task, state.ctx.today))
    for note in plan.notes:
        click.echo(f"\n{_safe(note)}")
    if offer is not None or plan.watch_note:
        click.echo(f"\n{_safe(offer.note if offer is not None else plan.watch_note)}")
    click.echo(
        "\n`nextround task show ID` shows a step's draft; `nextround today` keeps you on track."
    )
