"""Tasks: listing, showing, and marking them done, skipped or snoozed.

Finishing a step moves the relationship on: a card done is a card mailed, an
email done is a question asked, an invitation done is an invitation sent.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import sqlalchemy as sa

from nextround.domain.playbook import check_note
from nextround.domain.tasks import Kind, Task, TaskStatus, check_snooze
from nextround.errors import InvalidInput
from nextround.services import lookup
from nextround.services.context import Context
from nextround.services.playbook import with_current_drafts
from nextround.storage import companies, people, tasks


def list_tasks(ctx: Context, *, include_closed: bool = False) -> list[Task]:
    with ctx.db.transaction() as c:
        return tasks.list_all(c, ctx.owner, pending_only=not include_closed)


def show_task(ctx: Context, task_id: int) -> Task:
    with ctx.db.transaction() as c:
        return lookup.task(c, ctx.owner, task_id)


def mark_done(ctx: Context, task_id: int, on: date | None = None) -> Task:
    day = on or ctx.today
    if day > ctx.today:
        raise InvalidInput(f"{day} is in the future; give the day it was done")
    with ctx.db.transaction() as c:
        task = _pending(c, ctx, task_id, "done")
        tasks.set_status(c, ctx.owner, [task.id], TaskStatus.DONE, day)
        _advance_relationship(c, ctx.owner, task, day)
        return lookup.task(c, ctx.owner, task.id)


def skip(ctx: Context, task_id: int) -> Task:
    with ctx.db.transaction() as c:
        task = _pending(c, ctx, task_id, "skipped")
        tasks.set_status(c, ctx.owner, [task.id], TaskStatus.SKIPPED, ctx.today)
        return lookup.task(c, ctx.owner, task.id)


def snooze(ctx: Context, task_id: int, until: date) -> Task:
    with ctx.db.transaction() as c:
        task = lookup.task(c, ctx.owner, task_id)
        check_snooze(task, until, ctx.today)
        tasks.update(c, ctx.owner, task.id, status=TaskStatus.SNOOZED.value, due=until)
        return lookup.task(c, ctx.owner, task.id)


def current_task(ctx: Context, task_id: int) -> Task:
    """A task with its draft as it reads today (an unedited draft follows the settings)."""
    with ctx.db.transaction() as c:
        [task] = with_current_drafts(c, ctx, [lookup.task(c, ctx.owner, task_id)])
        return task


def edit_draft(
    ctx: Context,
    task_id: int,
    *,
    body: str | None,
    subject: str | None = None,
    expected_revision: int | None = None,
) -> Task:
    """Replace a task's draft; reconciling never overwrites an edited draft.

    With ``expected_revision``, an edit of a task changed since is refused
    with :class:`~nextround.errors.Conflict`.
    """
    with ctx.db.transaction() as c:
        task = lookup.task(c, ctx.owner, task_id)
        if not task.status.is_pending:
            raise InvalidInput(
                f"task {task.id} is {task.status.value}; only open tasks can be edited"
            )
        if task.draft is None and body is not None:
            raise InvalidInput(f"task {task.id} ({task.kind.value}) has no draft to edit")
        values: dict[str, object] = {"draft_edited": True}
        if body is not None:
            body = body.strip()
            if not body:
                raise InvalidInput("the draft can't be empty", field="body")
            values["draft"] = (
                _checked_note(body, ctx) if task.kind is Kind.LINKEDIN_INVITE else body
            )
        if subject is not None:
            if task.kind is not Kind.CONGRATS_EMAIL:
                raise InvalidInput(
                    f"task {task.id} ({task.kind.value}) is not an email; it has no subject"
                )
            values["draft_subject"] = subject.strip() or None
        tasks.update_checked(c, ctx.owner, task.id, values, expected_revision)
        return lookup.task(c, ctx.owner, task.id)


def _checked_note(body: str, ctx: Context) -> str:
    try:
        return check_note(body, ctx.settings.playbook)
    except InvalidInput as exc:
        raise InvalidInput(exc.message, field="body") from None


def _pending(c: sa.Connection, ctx: Context, task_id: int, verb: str) -> Task:
    task = lookup.task(c, ctx.owner, task_id)
    if not task.status.is_pending:
        raise InvalidInput(
            f"task {task.id} is already {task.status.value}; it can't be marked {verb}"
        )
    return task


def _advance_relationship(c: sa.Connection, owner: int, task: Task, day: date) -> None:
    if task.kind is Kind.FOLLOW_COMPANY and task.company_id is not None:
        companies.mark_followed(c, owner, task.company_id, day)
        return
    if task.person_id is None:
        return
    step = {
        Kind.THANK_YOU_CARD: {"card_mailed_on": day},
        Kind.CONGRATS_EMAIL: {"congratulated_on": day, "asked_to_connect_on": day},
        Kind.LINKEDIN_INVITE: {"invited_on": day},
    }.get(task.kind)
    if step:
        people.update_relationship(c, owner, task.person_id, **step)


def find_tasks(
    ctx: Context,
    *,
    statuses: Collection[TaskStatus] = (TaskStatus.OPEN, TaskStatus.SNOOZED),
    due_before: date | None = None,
) -> list[Task]:
    """Tasks in any of ``statuses`` (open and snoozed unless asked), due strictly before a day."""
    with ctx.db.transaction() as c:
        return tasks.find(c, ctx.owner, statuses=statuses, due_before=due_before)
