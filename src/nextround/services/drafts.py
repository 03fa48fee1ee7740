"""Drafts as they read now: the user's own edit, else written from the current data.

Showing a draft never writes anything. A draft the user hasn't edited is
rendered whenever it is shown, so a name, an address or a topic recorded
later appears in it; only the user's edits are stored, and which wording it
uses (:func:`redraft` moves that on).

What a draft says comes from :mod:`nextround.services.draft_facts`; the
wording of each of its sentences from :mod:`nextround.domain.drafting`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from nextround.domain import draft_language
from nextround.domain.applications import Application
from nextround.domain.drafting import choose
from nextround.domain.people import Person
from nextround.domain.playbook import DRAFTS, PlanInput, check_note
from nextround.domain.tasks import Kind, Task
from nextround.errors import InvalidInput
from nextround.services import draft_facts
from nextround.services.context import Context
from nextround.services.draft_facts import Draft, Known, Voice
from nextround.services.playbook import plan_inputs
from nextround.storage import applications, people
from nextround.storage.sql import Connection

if TYPE_CHECKING:
    from nextround.renderers.drafts import DraftRenderer

_MONTHS = re.compile(r":(\d+)m$")
_NOTES = (Kind.LINKEDIN_INVITE, Kind.FIND_EMAIL)


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
    known = draft_facts.gather(c, ctx, apps, [t for t in found if _written_here(t)])
    everyone = {p.id: p for i in inputs.values() for p in (*i.interviewers, *i.not_met)}
    missing = {t.person_id for t in found if t.person_id is not None} - set(everyone)
    everyone.update((p.id, p) for p in people.get_many(c, ctx.owner, missing))
    renderer = _Renderer(ctx)
    return [
        _drafted(ctx, t, inputs[t.application_id], known, everyone, renderer)
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
        from nextround.renderers.drafts import shared

        return shared(self._ctx.settings.templates_dir)


def _drafted(
    ctx: Context,
    task: Task,
    inputs: PlanInput,
    known: Known,
    everyone: dict[int, Person],
    renderer: _Renderer,
) -> Task:
    person = everyone.get(task.person_id) if task.person_id is not None else None
    try:
        if task.kind is Kind.CHECK_BACK:
            person = draft_facts.warmest(inputs)[0]
        voice = _voice(ctx, inputs.application, person, renderer)
        draft = _draft(ctx, task, inputs, known, person, voice)
        subject, body = _render(ctx, task, inputs, person, draft, renderer, voice)
        if task.kind in _NOTES and len(body) > ctx.settings.playbook.note_limit:
            draft = draft_facts.short_note(draft)
            subject, body = _render(ctx, task, inputs, person, draft, renderer, voice)
    except InvalidInput as exc:
        return replace(task, draft=None, draft_subject=None, draft_problem=exc.message)
    problem = None
    if task.kind in _NOTES:
        try:
            check_note(body, ctx.settings.playbook)
        except InvalidInput as exc:
            problem = exc.message
    return replace(task, draft_subject=subject, draft=body, draft_problem=problem)


def language_of(ctx: Context, app: Application | None, person: Person | None) -> str:
    """The language of a draft to ``person``: theirs, else the application's, else the default."""
    default = ctx.settings.drafts.language
    for code in (person and person.language, app and app.language, default):
        if code in draft_language.NAMES:
            return str(code)
    return draft_language.DEFAULT


def address_example(c: Connection, ctx: Context, person: Person) -> str | None:
    """A form of address to suggest ("Frau Dr. Weber") when drafts to ``person`` are formal
    German, French or Spanish and none is set (their latest application's language)."""
    if person.address_as or person.company_id is None:
        return None
    apps = applications.of_companies(c, ctx.owner, [person.company_id])[person.company_id]
    code = language_of(ctx, apps[-1] if apps else None, person)
    return draft_language.address_example(
        code, draft_language.register(code, person.formal), person.address_as
    )


def _voice(ctx: Context, app: Application, person: Person | None, renderer: _Renderer) -> Voice:
    code = language_of(ctx, app, person)
    formal = draft_language.register(code, person.formal if person is not None else None)
    return Voice(code, formal, renderer.engine.wordings_for(code, formal))


def _draft(
    ctx: Context, task: Task, inputs: PlanInput, known: Known, person: Person | None, voice: Voice
) -> Draft:
    if task.kind is Kind.CHECK_BACK:
        found = _MONTHS.search(task.key)
        months = int(found[1]) if found else min(ctx.settings.playbook.check_back_months)
        planned = ctx.settings.playbook.check_back_months
        return draft_facts.for_check_back(task, inputs, known, months, planned, voice)
    if person is None:
        raise InvalidInput(f"task {task.id} has nobody to write to; record who you met first")
    return draft_facts.for_person(task, inputs, person, known, voice)


def _render(
    ctx: Context,
    task: Task,
    inputs: PlanInput,
    person: Person | None,
    draft: Draft,
    renderer: _Renderer,
    voice: Voice,
) -> tuple[str | None, str]:
    kind = DRAFTS[task.kind]
    wordings = {slot: voice.words.get(f"{kind}.{slot}", {}) for slot, _ in draft.slots}
    chosen = choose(wordings, draft.slots, draft.facts, draft.seat, optional=draft.optional)
    chosen = {slot: draft_language.polish(text, voice.language) for slot, text in chosen.items()}
    address = person.addressed_in(voice.language, voice.formal) if person is not None else ""
    return renderer.engine.render(
        kind,
        {
            "person": person,
            "company": inputs.company,
            "role": inputs.application.role,
            "application_id": inputs.application.id,
            "rejected_on": inputs.rejected_on.isoformat(),
            "user": ctx.settings.user,
            "s": chosen,
            # Templates written before slots: the journal's free text is no longer spliced in.
            "detail": None,
            "lang": voice.language,
            "formal": voice.formal,
            "address": address,
            "greeting": draft_language.greeting(address, voice.language, voice.formal, "letter"),
            "card_greeting": draft_language.greeting(address, voice.language, voice.formal, "card"),
            "note_greeting": draft_language.greeting(address, voice.language, voice.formal, "note"),
            **draft.extra,
        },
        voice.language,
    )
