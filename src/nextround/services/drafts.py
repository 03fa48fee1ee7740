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

from nextround.domain.applications import Application
from nextround.domain.journal import JournalEntry, detail_for
from nextround.domain.playbook import DRAFTS, PlanInput, check_note
from nextround.domain.tasks import Kind, Task
from nextround.errors import InvalidInput
from nextround.services.context import Context
from nextround.services.playbook import plan_input
from nextround.storage import applications, journal, people
from nextround.storage.sql import Connection

if TYPE_CHECKING:
    from nextround.renderers.drafts import DraftRenderer


def current(c: Connection, ctx: Context, found: Sequence[Task]) -> list[Task]:
    """``found`` with each draft as it reads now, in the same order."""
    wanted = {t.application_id for t in found if _written_here(t) and t.application_id is not None}
    apps = {a.id: _Application(c, ctx, a) for a in applications.get_many(c, ctx.owner, wanted)}
    renderer = _Renderer(ctx)
    return [
        _drafted(t, apps[t.application_id], renderer)
        if _written_here(t) and t.application_id in apps
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


class _Application:
    """One application's plan inputs and journal, read once for all its drafts."""

    def __init__(self, c: Connection, ctx: Context, app: Application) -> None:
        self._c, self.ctx, self.app = c, ctx, app

    @cached_property
    def inputs(self) -> PlanInput:
        return plan_input(self._c, self.ctx, self.app)

    @cached_property
    def entries(self) -> list[JournalEntry]:
        return journal.of_application(self._c, self.ctx.owner, self.app.id)

    def person(self, person_id: int | None) -> object:
        if person_id is None:
            return None
        known = next((p for p in self.inputs.interviewers if p.id == person_id), None)
        return known or next(iter(people.get_many(self._c, self.ctx.owner, [person_id])), None)


def _drafted(task: Task, app: _Application, renderer: _Renderer) -> Task:
    ctx = app.ctx
    person = app.person(task.person_id)
    first, full = (getattr(person, "first_name", ""), getattr(person, "name", ""))
    detail = detail_for(first, full, app.entries) if person is not None else None
    try:
        subject, body = renderer.engine.render(
            DRAFTS[task.kind],
            {
                "person": person,
                "company": app.inputs.company,
                "role": app.app.role,
                "application_id": app.app.id,
                "rejected_on": app.inputs.rejected_on.isoformat(),
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
