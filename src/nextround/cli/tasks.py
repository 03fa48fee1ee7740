"""``nextround tasks`` and ``nextround task show|done|skip|snooze|edit|redraft|rm``."""

from __future__ import annotations

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.dates import parse_date
from nextround.domain.rules import UNSET
from nextround.domain.tasks import Task, TaskChanges
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
    safe = output.safe
    click.secho(f"#{task.id}  {safe(task.title)}", bold=True)
    click.echo(f"kind: {task.kind.value}   due: {task.due}   status: {task.status.value}")
    if task.company:
        click.echo(
            safe(f"company: {task.company}" + (f"   person: {task.person}" if task.person else ""))
        )
    if task.url:
        click.echo(f"link: {safe(task.url)}")
    if task.draft:
        click.echo()
        if task.draft_subject:
            click.echo(f"Subject: {safe(task.draft_subject)}")
            click.echo()
        click.echo(safe(task.draft))
        if task.kind.value == "linkedin_invite":
            limit = state.ctx.settings.playbook.note_limit
            click.echo(f"\n({len(task.draft)} of {limit} characters)")
        if task.draft_edited:
            click.echo(
                "(your own wording; `nextround task edit --reset` goes back to the written one)"
            )
    if task.draft_problem:
        click.echo(f"\nNote: {safe(task.draft_problem)}", err=True)


@task_group.command("done")
@click.argument("task_id", type=int)
@click.option("--on", metavar="YYYY-MM-DD", help="When it was done (default: today).")
@json_option
@pass_state
def done(state: State, task_id: int, on: str | None) -> None:
    """Mark a task done (a card mailed, an email sent, an invitation sent)."""
    day = parse_date(on, what="--on") if on else None
    _report(state, service.mark_done(state.ctx, task_id, day, drafted=False), "Done")


@task_group.command("skip")
@click.argument("task_id", type=int)
@json_option
@pass_state
def skip(state: State, task_id: int) -> None:
    """Skip a task: it leaves the agenda, nothing else changes."""
    _report(state, service.skip(state.ctx, task_id, drafted=False), "Skipped")


@task_group.command("snooze")
@click.argument("task_id", type=int)
@click.option("--until", required=True, metavar="YYYY-MM-DD", help="The day it should come back.")
@json_option
@pass_state
def snooze(state: State, task_id: int, until: str) -> None:
    """Put a task off until a later day."""
    _report(
        state,
        service.snooze(state.ctx, task_id, parse_date(until, what="--until"), drafted=False),
        "Snoozed",
    )


@task_group.command("edit")
@click.argument("task_id", type=int)
@click.option("--text", help="The new draft (default: open $EDITOR on the current one).")
@click.option("--subject", help="The new subject line of an email draft.")
@click.option("--due", metavar="YYYY-MM-DD", help="Move the step to another day.")
@click.option(
    "--reset", is_flag=True, help="Drop your wording: the draft is written from the data again."
)
@json_option
@pass_state
def edit(
    state: State, task_id: int, text: str | None, subject: str | None, due: str | None, reset: bool
) -> None:
    """Edit a step's draft or day; later re-planning keeps your version."""
    if reset and (text is not None or subject is not None):
        raise click.UsageError("--reset drops your wording; don't give --text or --subject with it")
    if not reset and subject is None and due is None:
        text = refs.written(
            text,
            lambda: service.show_task(state.ctx, task_id).draft or "",
            ".txt",
            "Draft unchanged.",
        )
        if text is None:
            return
    changes = TaskChanges(
        due=UNSET if due is None else refs.day(due, "--due") or UNSET,
        draft_subject=UNSET if subject is None else subject,
        draft=None if reset else (UNSET if text is None else text),
    )
    _report(state, service.edit_task(state.ctx, task_id, changes), "Saved")


@task_group.command("redraft")
@click.argument("task_id", type=int)
@json_option
@pass_state
def redraft(state: State, task_id: int) -> None:
    """Word a step's draft another way (your own edits are never replaced)."""
    task = service.redraft(state.ctx, task_id)
    if state.as_json:
        output.emit_json(task)
        return
    print_task(task, state)


@task_group.command("rm")
@click.argument("task_id", type=int)
@json_option
@pass_state
def rm(state: State, task_id: int) -> None:
    """Take a step out of the plan for good (it is skipped; `nextround undo` puts it back)."""
    _report(state, service.skip(state.ctx, task_id, drafted=False), "Removed from the plan")


def _report(state: State, task: Task, verb: str) -> None:
    until = f" (until {task.due})" if verb == "Snoozed" else ""
    output.report(state, task, output.safe(f"{verb}: #{task.id} {task.title}") + until)
