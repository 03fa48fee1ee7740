"""Interviews: recording when they were and who sat in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

import sqlalchemy as sa

from nextround.domain.applications import Application
from nextround.domain.interviews import Format, Interview
from nextround.domain.people import Person
from nextround.errors import InvalidInput, NotFound
from nextround.services import forms, lookup, validate
from nextround.services.context import Context
from nextround.services.playbook import reconcile_application
from nextround.storage import interviews
from nextround.storage import people as store


def add_interview(
    ctx: Context,
    app_id: int,
    *,
    on: date,
    at: time | None = None,
    format: Format = Format.VIDEO,
    interviewers: Sequence[str] = (),
    add_new_people: bool = False,
    form_token: str | None = None,
) -> Interview:
    """Record an interview; interviewers must work at the application's company.

    With ``add_new_people``, interviewers are names of people at the company:
    a name not known there adds that person. With ``form_token``, a form
    sent twice records the interview once (see ``forms``).
    """
    with ctx.db.transaction() as c:
        forms.check(c, ctx, form_token)
        app = lookup.application(c, ctx.owner, app_id)
        if add_new_people:
            people = _people_at(c, ctx, app, interviewers)
        else:
            people = _interviewers(c, ctx, app, interviewers)
        interview_id = interviews.add(
            c,
            ctx.owner,
            application_id=app.id,
            on=on,
            at=at,
            format=format,
            interviewer_ids=[p.id for p in people],
        )
        reconcile_application(c, ctx, app)
        forms.spend(c, ctx, form_token, f"/applications/{app.id}#interview-{interview_id}")
        return next(
            i for i in interviews.of_application(c, ctx.owner, app.id) if i.id == interview_id
        )


def show_interview(ctx: Context, interview_id: int) -> Interview:
    with ctx.db.transaction() as c:
        return _interview(c, ctx, interview_id)


def list_interviews(ctx: Context, app_id: int | None = None) -> list[Interview]:
    """Every interview (of one application, if given), by date."""
    with ctx.db.transaction() as c:
        if app_id is None:
            return interviews.list_all(c, ctx.owner)
        return interviews.of_application(c, ctx.owner, lookup.application(c, ctx.owner, app_id).id)


def edit_interview(
    ctx: Context,
    interview_id: int,
    *,
    on: date | None = None,
    at: time | None = None,
    format: Format | None = None,
    interviewers: Sequence[str] | None = None,
) -> Interview:
    """Change an interview; ``None`` keeps a field, a list of interviewers replaces them."""
    values: dict[str, object] = {
        k: v for k, v in {"on": on, "at": at, "format": format}.items() if v is not None
    }
    with ctx.db.transaction() as c:
        meeting = _interview(c, ctx, interview_id)
        app = lookup.application(c, ctx.owner, meeting.application_id)
        ids = None
        if interviewers is not None:
            ids = [p.id for p in _interviewers(c, ctx, app, interviewers)]
        interviews.update(c, ctx.owner, meeting.id, values=values, interviewer_ids=ids)
        reconcile_application(c, ctx, app)
        return _interview(c, ctx, meeting.id)


def delete_interview(ctx: Context, interview_id: int) -> None:
    """Delete an interview; journal entries about it stay with the application."""
    with ctx.db.transaction() as c:
        meeting = _interview(c, ctx, interview_id)
        interviews.delete(c, ctx.owner, meeting.id)
        reconcile_application(c, ctx, lookup.application(c, ctx.owner, meeting.application_id))


def _interview(c: sa.Connection, ctx: Context, interview_id: int) -> Interview:
    found = interviews.get(c, ctx.owner, interview_id)
    if found is None:
        raise NotFound(f"no interview with id {interview_id}")
    return found


def _interviewers(
    c: sa.Connection, ctx: Context, app: Application, refs: Sequence[str]
) -> list[Person]:
    found = [lookup.person(c, ctx.owner, ref) for ref in refs]
    for person in found:
        if person.company_id != app.company_id:
            raise InvalidInput(
                f"{person.name} works at {person.company}, not {app.company}; "
                f"add the interviewer at {app.company} first"
            )
    return found


def _people_at(
    c: sa.Connection, ctx: Context, app: Application, names: Sequence[str]
) -> list[Person]:
    """The people named, found at the application's company or added there."""
    staff = store.list_all(c, ctx.owner, app.company_id)
    found: dict[int, Person] = {}
    for raw in names:
        name = validate.name(raw, "interviewer's name", field="interviewers")
        known = next((p for p in staff if lookup.same_name(p.name, name)), None)
        if known is None:
            person_id = store.add(c, ctx.owner, name=name, company_id=app.company_id)
            known = store.get_many(c, ctx.owner, [person_id])[0]
            staff.append(known)
        found.setdefault(known.id, known)
    return list(found.values())
