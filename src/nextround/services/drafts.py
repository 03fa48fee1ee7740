"""Drafts as they read now: the user's own edit, else written from the current data.

Showing a draft never writes anything. A draft the user hasn't edited is
rendered whenever it is shown, so a name, an address or a journal detail
recorded later appears in it; only the user's edits are stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from nextround.domain.journal import JournalEntry, detail_for
from nextround.domain.people import Person
from nextround.domain.playbook import DRAFTS, PlanInput, check_note
from nextround.domain.tasks import Kind, Task
from nextround.errors import InvalidInput
from nextround.services.context import Context
from nextround.services.playbook import plan_inputs
from nextround.storage import applications, journal, people
from nextround.storage.sql import Connection

if TYPE_CHECKING:
    from nextround.renderers.drafts import DraftRenderer


def current(c: Connection, ctx: Context, found: Sequence[Task]) -> list[Task]:
    """``found`` with each draft as it reads now, in the same order.

    Reads what the drafts need for all their applications at once: a fixed
    number of queries however many steps are shown.
    """
    wanted = {t.application_id for t in found if _written_here(t) and t.application_id is not None}
    if not wanted:
        return list(found)
    apps = applications.get_many(c, ctx.owner, wanted)
    inputs = plan_inputs(c, ctx, apps)
    entries = journal.of_applications(c, ctx.owner, [a.id for a in apps])
    everyone = {p.id: p for i in inputs.values() for p in (*i.interviewers, *i.not_met)}
    missing = {t.person_id for t in found if t.person_id is not None} - set(everyone)
    everyone.update((p.id, p) for p in people.get_many(c, ctx.owner, missing))
    renderer = _Renderer(ctx)
    return [
        _drafted(ctx, t, inputs[t.application_id], entries[t.application_id], everyone, renderer)
        if _written_here(t) and t.application_id in inputs
        else t
        for t in found
    ]


def _written_here(task: Task) -> bool:
    return task.kind in DRAFTS and not task.draft_edited and task.application_id is not None


class _Renderer:
    """The template engine, loaded only when a draft is actually written."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    @cached_property
    def engine(self) -> DraftRenderer:
        from nextround.renderers.drafts import DraftRenderer

        return DraftRenderer(self._ctx.settings.templates_dir)


def _drafted(
    ctx: Context,
    task: Task,
    inputs: PlanInput,
    entries: list[JournalEntry],
    everyone: dict[int, Person],
    renderer: _Renderer,
) -> Task:
    person = everyone.get(task.person_id) if task.person_id is not None else None
    detail = detail_for(person.first_name, person.name, entries) if person is not None else None
    try:
        subject, body = renderer.engine.render(
            DRAFTS[task.kind],
            {
                "person": person,
                "company": inputs.company,
                "role": inputs.application.role,
                "application_id": inputs.application.id,
                "rejected_on": inputs.rejected_on.isoformat(),
                "detail": detail,
                "user": ctx.settings.user,
            },
        )
    except InvalidInput as exc:
        return replace(task, draft=None, draft_subject=None, draft_problem=exc.message)
    problem = None
    if task.kind is Kind.LINKEDIN_INVITE:
        try:
            check_note(body, ctx.settings.playbook)
        except InvalidInput as exc:
            problem = exc.message
    return replace(task, draft_subject=subject, draft=body, draft_problem=problem)
