"""``nextround tasks`` and ``nextround task show|done|skip|snooze|edit``."""

from __future__ import annotations

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.dates import parse_date
from nextround.domain.tasks import Task
from nextround.services import tasks as service


@click.command("tasks")
@click.option(
    "--all", "include_closed", is_flag=True, help="Include done, skipped and cancelled tasks."
)
@json_option
@pass_state
def tasks_command(state: State, include_closed: bool) -> None:
    """Every open task (with --all, every task), by due date."""
    found = service.list_tasks(state.ctx, include_closed=include_closed)
    if state.as_json:
        output.emit_json(found)
        return
    if not found:
        click.echo("No open tasks. Nice.")
        return
    for task in found:
        click.echo(output.task_line(task, state.ctx.today))


@click.group("task")
def task_group() -> None:
    """Show one task, or mark it done, skipped or snoozed."""


@task_group.command("show")
@click.argument("task_id", type=int)
@json_option
@pass_state
def show(state: State, task_id: int) -> None:
    """A task with its draft."""
    task = service.show_task(state.ctx, task_id)
    if state.as_json:
        output.emit_json(task)
        return
    print_task(task, state)


def print_task(task: Task, state: State) -> None:
    click.secho(f"#{task.id}  {task.title}", bold=True)
    click.echo(f"kind: {task.kind.value}   due: {task.due}   status: {task.status.value}")
    if task.company:
        click.echo(
            f"company: {task.company}" + (f"   person: {task.person}" if task.person else "")
        )
    if task.url:
        click.echo(f"link: {task.url}")
    if task.draft:
        click.echo()
        if task.draft_subject:
            click.echo(f"Subject: {task.draft_subject}")
            click.echo()
        click.echo(task.draft)
        if task.kind.value == "linkedin_invite":
            limit = state.ctx.settings.playbook.note_limit
            click.echo(f"\n({len(task.draft)} of {limit} characters)")


@task_group.command("done")
@click.argument("task_id", type=int)
@click.option("--on", metavar="YYYY-MM-DD", help="When it was done (default: today).")
@json_option
@pass_state
def done(state: State, task_id: int, on: str | None) -> None:
    """Mark a task done (a card mailed, an email sent, an invitation sent)."""
    day = parse_date(on, what="--on") if on else None
    _report(state, service.mark_done(state.ctx, task_id, day), "Done")


@task_group.command("skip")
@click.argument("task_id", type=int)
@json_option
@pass_state
def skip(state: State, task_id: int) -> None:
    """Skip a task: it leaves the agenda, nothing else changes."""
    _report(state, service.skip(state.ctx, task_id), "Skipped")


@task_group.command("snooze")
@click.argument("task_id", type=int)
@click.option("--until", required=True, metavar="YYYY-MM-DD", help="The day it should come back.")
@json_option
@pass_state
def snooze(state: State, task_id: int, until: str) -> None:
    """Put a task off until a later day."""
    _report(state, service.snooze(state.ctx, task_id, parse_date(until, what="--until")), "Snoozed")


@task_group.command("edit")
@click.argument("task_id", type=int)
@click.option("--text", help="The new draft (default: open $EDITOR on the current one).")
@click.option("--subject", help="The new subject line of an email draft.")
@json_option
@pass_state
def edit(state: State, task_id: int, text: str | None, subject: str | None) -> None:
    """Edit a task's draft; later re-planning keeps your version."""
    if text is None and subject is None:
        current = service.show_task(state.ctx, task_id)
        text = click.edit(current.draft or "", extension=".txt")
        if text is None:
            click.echo("Draft unchanged.")
            return
    _report(
        state, service.edit_draft(state.ctx, task_id, body=text, subject=subject), "Draft saved for"
    )


def _report(state: State, task: Task, verb: str) -> None:
    if state.as_json:
        output.emit_json(task)
    else:
        click.echo(
            f"{verb}: #{task.id} {task.title}"
            + (f" (until {task.due})" if verb == "Snoozed" else "")
        )
