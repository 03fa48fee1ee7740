"""Keeping an application's follow-up plan in step with what is known.

Called after every write that can change a plan: a rejection recorded or
withdrawn, an interviewer added, a person's address or email found, an answer
to "OK to connect?", a journal entry written. The plan is reconciled, never
re-created, so running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import sqlalchemy as sa

from nextround.domain.applications import Application, Status
from nextround.domain.journal import JournalEntry, detail_for
from nextround.domain.playbook import PlanInput, PlannedTask, check_note, plan, reconcile
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.renderers.drafts import DraftRenderer
from nextround.services.context import Context
from nextround.storage import applications, companies, interviews, journal, people, tasks


def reconcile_application(connection: sa.Connection, ctx: Context, app: Application) -> list[Task]:
    """Bring the stored plan of ``app`` in line with a fresh one; return its tasks."""
    owner = ctx.owner
    stored = tasks.of_application(connection, owner, app.id)
    planned: list[PlannedTask] = []
    drafts = _Drafts(connection, ctx, app)
    if app.status is Status.REJECTED:
        planned = plan(drafts.plan_input, ctx.settings.playbook)
    changes = reconcile(planned, tasks.by_keys(connection, owner, [p.key for p in planned]), stored)
    for step in changes.create:
        tasks.create(
            connection,
            owner,
            step,
            application_id=app.id,
            draft=drafts.render(step),
            today=ctx.today,
        )
    for task, step in changes.refresh:
        draft = None if task.draft_edited else drafts.render(step)
        tasks.refresh(connection, owner, task, step, application_id=app.id, draft=draft)
    _redraft(connection, ctx, drafts, planned, stored, skip={t.id for t, _ in changes.refresh})
    tasks.set_status(connection, owner, [t.id for t in changes.finish], TaskStatus.DONE, ctx.today)
    tasks.set_status(
        connection, owner, [t.id for t in changes.cancel], TaskStatus.CANCELLED, ctx.today
    )
    return tasks.of_application(connection, owner, app.id)


def _redraft(
    connection: sa.Connection,
    ctx: Context,
    drafts: _Drafts,
    planned: list[PlannedTask],
    stored: list[Task],
    skip: set[int],
) -> None:
    """Re-render unedited drafts of pending steps: a journal detail or a new name shows up."""
    steps = {p.key: p for p in planned if p.draft}
    for task in stored:
        step = steps.get(task.key)
        if step is None or task.id in skip or task.draft_edited or not task.status.is_pending:
            continue
        subject, body = drafts.render(step)
        if (subject, body) != (task.draft_subject, task.draft):
            tasks.update(connection, ctx.owner, task.id, draft_subject=subject, draft=body)


def with_current_drafts(
    connection: sa.Connection, ctx: Context, found: Sequence[Task]
) -> list[Task]:
    """``found`` again, after re-planning their applications: an unedited draft then
    reflects today's settings and journal (a name or a signature set since, say)."""
    stale = (t.application_id for t in found if t.status.is_pending and not t.draft_edited)
    for app_id in dict.fromkeys(i for i in stale if i is not None):
        app = applications.get(connection, ctx.owner, app_id)
        if app is not None and app.status is Status.REJECTED:
            reconcile_application(connection, ctx, app)
    fresh = [tasks.get(connection, ctx.owner, t.id) for t in found]
    return [t for t in fresh if t is not None]


def reconcile_for_person(connection: sa.Connection, ctx: Context, person_id: int) -> None:
    """Re-plan every rejected application this person interviewed for."""
    for app_id in interviews.applications_of_person(connection, ctx.owner, person_id):
        app = applications.get(connection, ctx.owner, app_id)
        if app is not None and app.status is Status.REJECTED:
            reconcile_application(connection, ctx, app)


def reconcile_for_company(connection: sa.Connection, ctx: Context, company_id: int) -> None:
    for app in applications.list_all(
        connection, ctx.owner, company_id=company_id, status=Status.REJECTED
    ):
        reconcile_application(connection, ctx, app)


class _Drafts:
    """The plan's inputs and its drafts, loaded once per application and only when needed."""

    def __init__(self, connection: sa.Connection, ctx: Context, app: Application) -> None:
        self._connection, self._ctx, self._app = connection, ctx, app

    @cached_property
    def plan_input(self) -> PlanInput:
        c, owner, app = self._connection, self._ctx.owner, self._app
        company = companies.get(c, owner, app.company_id)
        assert company is not None
        ids = [
            pid for i in interviews.of_application(c, owner, app.id) for pid in i.interviewer_ids
        ]
        interviewers = people.get_many(c, owner, dict.fromkeys(ids))
        return PlanInput(
            application=app,
            company=company,
            rejected_on=app.rejected_on or self._ctx.today,
            interviewers=interviewers,
            relationships=people.relationships_of(c, owner, [p.id for p in interviewers]),
            has_journal=bool(self.entries),
        )

    @cached_property
    def entries(self) -> list[JournalEntry]:
        return journal.of_application(self._connection, self._ctx.owner, self._app.id)

    @cached_property
    def renderer(self) -> DraftRenderer:
        return DraftRenderer(self._ctx.settings.templates_dir)

    def render(self, step: PlannedTask) -> tuple[str | None, str | None]:
        if step.draft is None:
            return None, None
        inp, user = self.plan_input, self._ctx.settings.user
        person = next((p for p in inp.interviewers if p.id == step.person_id), None)
        detail = detail_for(person.first_name, person.name, self.entries) if person else None
        subject, body = self.renderer.render(
            step.draft,
            {
                "person": person,
                "company": inp.company,
                "role": self._app.role,
                "application_id": self._app.id,
                "rejected_on": inp.rejected_on.isoformat(),
                "detail": detail,
                "user": user,
            },
        )
        if step.kind is Kind.LINKEDIN_INVITE:
            body = check_note(body, self._ctx.settings.playbook)
        return subject, body
