"""Keeping an application's follow-up plan in step with what is known.

Called after every write that can change a plan: a rejection recorded or
withdrawn, an interviewer added, a person's address or email found, an answer
to "OK to connect?", a journal entry written. The plan is reconciled, never
re-created, so running it twice changes nothing. Drafts are not written here:
they are made from the current data whenever a step is shown
(:mod:`nextround.services.drafts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from nextround.domain.applications import Application, Status
from nextround.domain.interviews import Interview, InterviewStatus
from nextround.domain.playbook import PlanInput, met_at, plan, reconcile, to_call_off
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.services.context import Context
from nextround.storage import applications, companies, interviews, journal, people, tasks
from nextround.storage.sql import Connection


def reconcile_application(c: Connection, ctx: Context, app: Application) -> list[Task]:
    """Bring the stored plan of ``app`` in line with a fresh one; return its tasks."""
    owner = ctx.owner
    _call_off_interviews(c, ctx, app)
    stored = tasks.of_application(c, owner, app.id)
    rejected = app.status is Status.REJECTED
    planned = plan(plan_input(c, ctx, app), ctx.settings.playbook) if rejected else []
    # A reopened role's step comes from a watch run, not from the plan: it stays while
    # the rejection does, and is cancelled with the rest when the rejection is withdrawn.
    of_plan = [t for t in stored if not (rejected and t.kind is Kind.REOPENED_ROLE)]
    changes = reconcile(planned, tasks.by_keys(c, owner, [p.key for p in planned]), of_plan)
    for step in changes.create:
        tasks.create(c, owner, step, application_id=app.id, today=ctx.today)
    for task, step in changes.refresh:
        tasks.refresh(c, owner, task, step, application_id=app.id)
    tasks.set_status(c, owner, [t.id for t in changes.finish], TaskStatus.DONE, ctx.today)
    tasks.set_status(c, owner, [t.id for t in changes.cancel], TaskStatus.CANCELLED, ctx.today)
    return tasks.of_application(c, owner, app.id)


def _call_off_interviews(c: Connection, ctx: Context, app: Application) -> None:
    """Interviews still to come when the company said no won't happen (and come back if it didn't)."""
    rejected_on = app.rejected_on or ctx.today if app.status is Status.REJECTED else None
    off, back = to_call_off(interviews.of_application(c, ctx.owner, app.id), rejected_on)
    for interview_id in off:
        interviews.update(c, ctx.owner, interview_id, {"status": InterviewStatus.CALLED_OFF})
    for interview_id in back:
        interviews.update(c, ctx.owner, interview_id, {"status": InterviewStatus.PLANNED})


def plan_input(c: Connection, ctx: Context, app: Application) -> PlanInput:
    """What the plan of ``app`` depends on, as stored now."""
    return plan_inputs(c, ctx, [app])[app.id]


def plan_inputs(c: Connection, ctx: Context, apps: Sequence[Application]) -> dict[int, PlanInput]:
    """The plan inputs of several applications, in a fixed number of queries."""
    owner = ctx.owner
    ids = [a.id for a in apps]
    held = interviews.of_applications(c, owner, ids)
    entries = journal.of_applications(c, owner, ids)
    offices = {co.id: co for co in companies.get_many(c, owner, {a.company_id for a in apps})}
    seated = {pid for found in held.values() for i in found for pid in i.interviewer_ids}
    by_id = {p.id: p for p in people.get_many(c, owner, seated)}
    bonds = people.relationships_of(c, owner, list(by_id))
    found = {}
    for app in apps:
        rejected_on = app.rejected_on or ctx.today
        met = [by_id[pid] for pid in met_at(held[app.id], rejected_on) if pid in by_id]
        kept_away = _kept_away(held[app.id], rejected_on)
        found[app.id] = PlanInput(
            application=app,
            company=offices[app.company_id],
            rejected_on=rejected_on,
            interviewers=met,
            relationships={p.id: bonds[p.id] for p in met if p.id in bonds},
            has_journal=bool(entries[app.id]),
            not_met=[by_id[pid] for pid in kept_away if pid in by_id and by_id[pid] not in met],
        )
    return found


def _kept_away(held: Sequence[Interview], rejected_on: date) -> list[int]:
    """People the rejection kept the user from meeting (not a meeting the user cancelled)."""
    return list(
        dict.fromkeys(
            pid
            for i in held
            if i.status is InterviewStatus.CALLED_OFF
            or (i.status is InterviewStatus.PLANNED and i.on > rejected_on)
            for pid in i.interviewer_ids
        )
    )


def reconcile_for_person(c: Connection, ctx: Context, person_id: int) -> None:
    """Re-plan every rejected application this person interviewed for."""
    for app_id in interviews.applications_of_person(c, ctx.owner, person_id):
        app = applications.get(c, ctx.owner, app_id)
        if app is not None and app.status is Status.REJECTED:
            reconcile_application(c, ctx, app)


def reconcile_for_company(c: Connection, ctx: Context, company_id: int) -> None:
    for app in applications.list_all(c, ctx.owner, company_id=company_id, status=Status.REJECTED):
        reconcile_application(c, ctx, app)


def reconcile_ids(c: Connection, ctx: Context, app_ids: set[int]) -> None:
    """Re-plan these applications (those still there)."""
    for app in applications.get_many(c, ctx.owner, sorted(app_ids)):
        reconcile_application(c, ctx, app)
