"""Tasks: listing, showing, marking them done, skipped or snoozed, and editing them.

Marking a step done, skipped or snoozed returns it with its draft; with
``drafted=False`` it comes back as stored, so that a face printing one line
(the CLI's quick commands) doesn't pay for the template engine.

Finishing a step moves the relationship on: a card done is a card mailed, an
email done is a question asked, an invitation done is an invitation sent.
Every change is conditional on the task still being open (and, when the face
sends it, on the revision the user saw): of two clients acting on one task at
once, one wins and the other is told, and nothing is half done.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from nextround.domain import rules
from nextround.domain.history import Revision, RevisionKind
from nextround.domain.playbook import DRAFTS, check_note
from nextround.domain.rules import changed
from nextround.domain.tasks import Kind, Task, TaskChanges, TaskStatus, check_snooze
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import drafts
from nextround.services.context import Context, relabel
from nextround.services.paging import EVERYTHING, Page, Window, page_of
from nextround.services.playbook import reconcile_for_company, reconcile_for_person
from nextround.storage import companies, people, revisions, tasks
from nextround.storage.sql import Connection

_PENDING = (TaskStatus.OPEN, TaskStatus.SNOOZED)


def list_tasks(ctx: Context, *, include_closed: bool = False) -> list[Task]:
    with ctx.db.read() as c:
        return drafts.current(c, ctx, tasks.list_all(c, ctx.owner, pending_only=not include_closed))


def find_tasks(
    ctx: Context,
    *,
    statuses: Collection[TaskStatus] = _PENDING,
    due_before: date | None = None,
) -> list[Task]:
    """Tasks in any of ``statuses`` (open and snoozed unless asked), due strictly before a day."""
    return find_tasks_page(ctx, EVERYTHING, statuses=statuses, due_before=due_before).items


def find_tasks_page(
    ctx: Context,
    window: Window,
    *,
    statuses: Collection[TaskStatus] = _PENDING,
    due_before: date | None = None,
) -> Page[Task]:
    """One page of :func:`find_tasks`, by day due."""
    with ctx.db.read() as c:
        found = tasks.find(c, ctx.owner, statuses=statuses, due_before=due_before, window=window)
        page = page_of(found, window, tasks.ORDER)
        return page.map(lambda items: drafts.current(c, ctx, items))


def show_task(ctx: Context, task_id: int) -> Task:
    """A task with its draft as it reads today (written from the data unless the user edited it)."""
    with ctx.db.read() as c:
        return current(c, ctx, task_id)


def draft_history(ctx: Context, task_id: int) -> list[Revision]:
    """The user's earlier versions of a draft, oldest first."""
    with ctx.db.read() as c:
        task = get(c, ctx, task_id)
        return revisions.of(c, ctx.owner, RevisionKind.DRAFT, task.id)


def current(c: Connection, ctx: Context, task_id: int) -> Task:
    [task] = drafts.current(c, ctx, [get(c, ctx, task_id)])
    return task


def get(c: Connection, ctx: Context, task_id: int) -> Task:
    found = tasks.get(c, ctx.owner, rules.record_id(task_id, "task"))
    if found is None:
        raise NotFound(f"no task with id {task_id}")
    return found


def _stale(task: Task, verb: str) -> str:
    return f"task {task.id} changed meanwhile (another window or command); it was not marked {verb}"


def mark_done(
    ctx: Context,
    task_id: int,
    on: date | None = None,
    *,
    expected_revision: int | None = None,
    drafted: bool = True,
) -> Task:
    day = rules.past_day(on, "on", "the day it was done", ctx.today) if on else ctx.today
    with ctx.change("Marked a step done") as c:
        task = _pending(c, ctx, task_id, "done")
        tasks.change(
            c,
            ctx.owner,
            task.id,
            {"status": TaskStatus.DONE.value, "done_on": day},
            from_statuses=_PENDING,
            expected_revision=expected_revision,
            stale=_stale(task, "done"),
        )
        _advance_relationship(c, ctx.owner, task, day)
        _replan(c, ctx, task)
        relabel(c, f"Done: {task.title}")
        return (current if drafted else get)(c, ctx, task.id)


def skip(
    ctx: Context, task_id: int, *, expected_revision: int | None = None, drafted: bool = True
) -> Task:
    """Skip a step: it leaves the agenda for good (re-planning never brings it back)."""
    with ctx.change("Skipped a step") as c:
        task = _pending(c, ctx, task_id, "skipped")
        tasks.change(
            c,
            ctx.owner,
            task.id,
            {"status": TaskStatus.SKIPPED.value, "done_on": ctx.today},
            from_statuses=_PENDING,
            expected_revision=expected_revision,
            stale=_stale(task, "skipped"),
        )
        relabel(c, f"Skipped: {task.title}")
        return (current if drafted else get)(c, ctx, task.id)


def snooze(
    ctx: Context,
    task_id: int,
    until: date,
    *,
    expected_revision: int | None = None,
    drafted: bool = True,
) -> Task:
    rules.day(until, "until", "snooze date", ctx.today)
    with ctx.change("Snoozed a step") as c:
        task = _pending(c, ctx, task_id, "snoozed")
        check_snooze(task, until, ctx.today)
        tasks.change(
            c,
            ctx.owner,
            task.id,
            {"status": TaskStatus.SNOOZED.value, "due": until, "done_on": None},
            from_statuses=_PENDING,
            expected_revision=expected_revision,
            stale=_stale(task, "snoozed"),
        )
        relabel(c, f"Snoozed until {until}: {task.title}")
        return (current if drafted else get)(c, ctx, task.id)


def edit_task(
    ctx: Context, task_id: int, changes: TaskChanges, *, expected_revision: int | None = None
) -> Task:
    """Change a step's day or its draft; re-planning never overwrites an edited draft.

    An earlier edit of the draft is kept as a revision; ``draft=None`` goes
    back to the draft written from the data.
    """
    values = changed(changes.checked(ctx.today))
    with ctx.change("Edited a step") as c:
        task = current(c, ctx, task_id)
        if not task.status.is_pending:
            raise InvalidInput(
                f"task {task.id} is {task.status.value}; only open tasks can be edited"
            )
        row = _draft_values(c, ctx, task, values)
        if "due" in values:
            row["due"] = values["due"]
        tasks.change(
            c,
            ctx.owner,
            task.id,
            row,
            from_statuses=_PENDING,
            expected_revision=expected_revision,
            stale=_stale(task, "edited"),
        )
        relabel(c, f"Edited: {task.title}")
        return current(c, ctx, task.id)


def redraft(ctx: Context, task_id: int) -> Task:
    """The step's draft in another wording (the next one for this person, in turn).

    A draft the user edited is theirs: it is refused, not overwritten.
    """
    with ctx.change("Asked for another wording") as c:
        task = get(c, ctx, task_id)
        if task.kind not in DRAFTS:
            raise InvalidInput(f"task {task.id} ({task.kind.value}) has no draft")
        if task.draft_edited:
            raise Conflict(
                f"task {task.id}'s draft is your own edit; `nextround task edit {task.id} --reset` "
                "goes back to the written draft, which can then be worded again"
            )
        tasks.change(
            c,
            ctx.owner,
            task.id,
            {"draft_variant": task.draft_variant + 1},
            from_statuses=_PENDING,
            stale=_stale(task, "worded again"),
        )
        relabel(c, f"Another wording: {task.title}")
        return current(c, ctx, task.id)


def _draft_values(
    c: Connection, ctx: Context, task: Task, values: dict[str, object]
) -> dict[str, object]:
    if "draft" not in values and "draft_subject" not in values:
        return {}
    if task.kind not in DRAFTS:
        raise InvalidInput(
            f"task {task.id} ({task.kind.value}) has no draft to edit", field="draft"
        )
    if "draft_subject" in values and task.kind is not Kind.CONGRATS_EMAIL:
        raise InvalidInput(
            f"task {task.id} ({task.kind.value}) is not an email; it has no subject",
            field="draft_subject",
        )
    if task.draft_edited and task.draft is not None:
        revisions.keep(c, ctx.owner, RevisionKind.DRAFT, task.id, task.draft, task.draft_subject)
    if values.get("draft", "") is None:  # back to the written draft
        return {"draft": None, "draft_subject": None, "draft_edited": False}
    body = str(values.get("draft", task.draft or ""))
    if task.kind is Kind.LINKEDIN_INVITE:
        try:
            body = check_note(body, ctx.settings.playbook)
        except InvalidInput as exc:
            raise InvalidInput(exc.message, field="draft") from None
    subject = values.get("draft_subject", task.draft_subject)
    return {"draft": body, "draft_subject": subject, "draft_edited": True}


def _pending(c: Connection, ctx: Context, task_id: int, verb: str) -> Task:
    task = get(c, ctx, task_id)
    if not task.status.is_pending:
        on = f" on {task.done_on}" if task.done_on else ""
        raise Conflict(
            f"task {task.id} is already {task.status.value}{on}; it can't be marked {verb}"
        )
    return task


def _replan(c: Connection, ctx: Context, task: Task) -> None:
    """A step done moves the relationship on, which the plan depends on (a card mailed
    needs no address any more)."""
    if task.kind is Kind.FOLLOW_COMPANY and task.company_id is not None:
        reconcile_for_company(c, ctx, task.company_id)
    elif task.person_id is not None and task.kind in _ADVANCES:
        reconcile_for_person(c, ctx, task.person_id)


_ADVANCES = frozenset({Kind.THANK_YOU_CARD, Kind.CONGRATS_EMAIL, Kind.LINKEDIN_INVITE})


def _advance_relationship(c: Connection, owner: int, task: Task, day: date) -> None:
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
        people.update_relationship(c, owner, task.person_id, step)
