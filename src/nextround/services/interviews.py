"""Interviews: recording when they were and who sat in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from nextround.domain.interviews import Format, Interview
from nextround.errors import InvalidInput
from nextround.services import lookup
from nextround.services.context import Context
from nextround.services.playbook import reconcile_application
from nextround.storage import interviews


def add_interview(
    ctx: Context,
    app_id: int,
    *,
    on: date,
    at: time | None = None,
    format: Format = Format.VIDEO,
    interviewers: Sequence[str] = (),
) -> Interview:
    """Record an interview; interviewers must work at the application's company."""
    with ctx.db.transaction() as c:
        app = lookup.application(c, ctx.owner, app_id)
        people = [lookup.person(c, ctx.owner, ref) for ref in interviewers]
        for person in people:
            if person.company_id != app.company_id:
                raise InvalidInput(
                    f"{person.name} works at {person.company}, not {app.company}; "
                    f"add the interviewer at {app.company} first"
                )
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
        return next(
            i for i in interviews.of_application(c, ctx.owner, app.id) if i.id == interview_id
        )
