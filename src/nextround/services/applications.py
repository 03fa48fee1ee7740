"""Applications: add, list, show, and moves along the status pipeline.

Moving an application to ``rejected`` plans the follow-up; moving it away
cancels the open steps that plan created.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa

from nextround.domain.applications import PIPELINE, Application, Status, check_can_reject
from nextround.domain.companies import Company
from nextround.domain.interviews import Interview
from nextround.domain.journal import JournalEntry
from nextround.domain.people import Person
from nextround.domain.tasks import Task
from nextround.errors import InvalidInput
from nextround.services import forms, lookup, validate
from nextround.services.context import Context
from nextround.services.playbook import reconcile_application
from nextround.storage import applications, companies, interviews, journal, people, tasks

if TYPE_CHECKING:
    import sqlalchemy as sa


@dataclass(frozen=True)
class AddedApplication:
    application: Application
    #: Earlier applications at the same company: its briefing is worth a read.
    earlier: list[Application]


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    interviews: list[Interview]
    people: dict[int, Person]
    journal: list[JournalEntry]
    tasks: list[Task]


@dataclass(frozen=True)
class Plan:
    """The follow-up plan of a rejected application, as stored after reconciling."""

    application: Application
    tasks: list[Task]


def add_application(
    ctx: Context,
    *,
    company: str,
    role: str,
    applied_on: date | None = None,
    status: Status | None = None,
    source_url: str | None = None,
    requisition_id: str | None = None,
    notes: str | None = None,
    new_company: bool = False,
    form_token: str | None = None,
) -> AddedApplication:
    """Add an application at ``company`` (a name or id).

    With ``new_company``, a name that is not exactly an existing company's
    adds that company.

    With ``form_token``, the token is spent in the same transaction: a form
    sent twice raises :class:`~nextround.services.forms.AlreadySubmitted`
    naming the application the first submit added.
    """
    role = validate.name(role, "role", field="role")
    status = status or (Status.APPLIED if applied_on else Status.SAVED)
    if status is Status.REJECTED:
        raise InvalidInput("add the application first, then record the rejection", field="status")
    if status is not Status.SAVED and applied_on is None:
        applied_on = ctx.today
    url = validate.url(source_url, "source URL", field="source_url")
    with ctx.db.transaction() as c:
        forms.check(c, ctx, form_token)
        where = _company(c, ctx, company, create=new_company)
        earlier = applications.list_all(c, ctx.owner, company_id=where.id)
        app_id = applications.add(
            c,
            ctx.owner,
            company_id=where.id,
            role=role,
            status=status,
            applied_on=applied_on,
            source_url=url,
            requisition_id=validate.optional_text(requisition_id),
            notes=(notes or "").strip(),
        )
        forms.spend(c, ctx, form_token, location(app_id))
        return AddedApplication(lookup.application(c, ctx.owner, app_id), earlier)


def location(app_id: int) -> str:
    """Where an application is shown (what a spent form token leads back to)."""
    return f"/applications/{app_id}"


def _company(c: sa.Connection, ctx: Context, ref: str, *, create: bool) -> Company:
    """The company named ``ref``; with ``create``, by name only, added unless known."""
    if create:
        name = validate.name(ref, "company", field="company")
        known = [i for i, n in companies.all_names(c, ctx.owner) if lookup.same_name(n, name)]
        company_id = known[0] if known else companies.add(c, ctx.owner, name=name)
        return lookup.company(c, ctx.owner, str(company_id))
    return lookup.company(c, ctx.owner, ref)


def company_names(ctx: Context) -> list[str]:
    """Every company's name, for picking one on a form."""
    with ctx.db.transaction() as c:
        return sorted((n for _, n in companies.all_names(c, ctx.owner)), key=str.casefold)


def edit_application(
    ctx: Context,
    app_id: int,
    *,
    role: str | None = None,
    applied_on: date | None = None,
    source_url: str | None = None,
    requisition_id: str | None = None,
    notes: str | None = None,
    expected_revision: int | None = None,
) -> Application:
    """Change an application's details (``None`` leaves a field as it is).

    With ``expected_revision``, an edit of an application changed since is
    refused with :class:`~nextround.errors.Conflict`.
    """
    values: dict[str, object] = {}
    if role is not None:
        values["role"] = validate.name(role, "role", field="role")
    if source_url is not None:
        values["source_url"] = validate.url(source_url, "source URL", field="source_url")
    if requisition_id is not None:
        values["requisition_id"] = validate.optional_text(requisition_id)
    if notes is not None:
        values["notes"] = notes.strip()
    with ctx.db.transaction() as c:
        app = lookup.application(c, ctx.owner, app_id)
        if applied_on is not None:
            _check_applied_on(app, applied_on, ctx.today)
            values["applied_on"] = applied_on
        applications.update(c, ctx.owner, app.id, values, expected_revision=expected_revision)
        app = lookup.application(c, ctx.owner, app.id)
        if app.status is Status.REJECTED:
            reconcile_application(c, ctx, app)
        return app


def _check_applied_on(app: Application, applied_on: date, today: date) -> None:
    if applied_on > today:
        raise InvalidInput(
            f"applied date {applied_on} is in the future; give the day you applied",
            field="applied_on",
        )
    if app.rejected_on and applied_on > app.rejected_on:
        raise InvalidInput(
            f"applied date {applied_on} is after the rejection ({app.rejected_on})",
            field="applied_on",
        )


#: Cards per column on the board; the list view pages through the rest.
BOARD_COLUMN = 25
PAGE_SIZE = 100


@dataclass(frozen=True)
class Column:
    status: Status
    count: int
    applications: list[Application]  # the newest ``BOARD_COLUMN`` of them

    @property
    def more(self) -> int:
        return self.count - len(self.applications)


@dataclass(frozen=True)
class Page:
    applications: list[Application]
    total: int
    number: int
    pages: int


def board(ctx: Context, only: Status | None = None, per_column: int = BOARD_COLUMN) -> list[Column]:
    """The pipeline by status, newest first; one query per column whatever the total."""
    with ctx.db.transaction() as c:
        counts = applications.counts_by_status(c, ctx.owner)
        return [
            Column(
                s, counts.get(s, 0), applications.newest(c, ctx.owner, status=s, limit=per_column)
            )
            for s in PIPELINE
            if only in (None, s)
        ]


def page(ctx: Context, only: Status | None = None, number: int = 1, size: int = PAGE_SIZE) -> Page:
    """One page of the list view, newest first."""
    with ctx.db.transaction() as c:
        counts = applications.counts_by_status(c, ctx.owner)
        total = counts.get(only, 0) if only else sum(counts.values())
        pages = max(1, -(-total // size))
        number = min(max(1, number), pages)
        found = applications.newest(
            c, ctx.owner, status=only, limit=size, offset=(number - 1) * size
        )
        return Page(found, total, number, pages)


def list_applications(ctx: Context, status: Status | None = None) -> list[Application]:
    with ctx.db.transaction() as c:
        return applications.list_all(c, ctx.owner, status=status)


def show_application(ctx: Context, app_id: int) -> ApplicationView:
    with ctx.db.transaction() as c:
        app = lookup.application(c, ctx.owner, app_id)
        found = interviews.of_application(c, ctx.owner, app.id)
        ids = {pid for i in found for pid in i.interviewer_ids}
        return ApplicationView(
            app,
            found,
            {p.id: p for p in people.get_many(c, ctx.owner, ids)},
            journal.of_application(c, ctx.owner, app.id),
            tasks.of_application(c, ctx.owner, app.id),
        )


def set_status(ctx: Context, app_id: int, status: Status, on: date | None = None) -> Plan:
    """Move an application; a rejection plans the follow-up, leaving it cancels open steps."""
    with ctx.db.transaction() as c:
        return move(c, ctx, lookup.application(c, ctx.owner, app_id), status, on)


def move(
    c: sa.Connection, ctx: Context, app: Application, status: Status, on: date | None = None
) -> Plan:
    """:func:`set_status` inside a caller's transaction (a confirmed mail suggestion)."""
    values: dict[str, object] = {"status": status.value}
    if status is Status.REJECTED:
        check_can_reject(app)
        rejected_on = on or app.rejected_on or ctx.today
        if rejected_on > ctx.today:
            raise InvalidInput(
                f"rejection date {rejected_on} is in the future; give the day it happened",
                field="on",
            )
        if app.applied_on and rejected_on < app.applied_on:
            raise InvalidInput(
                f"rejection date {rejected_on} is before the application was sent ({app.applied_on})",
                field="on",
            )
        values["rejected_on"] = rejected_on
    elif app.status is Status.REJECTED:
        values["rejected_on"] = None
    if status is not Status.SAVED and app.applied_on is None:
        values["applied_on"] = ctx.today
    applications.update(c, ctx.owner, app.id, values)
    app = lookup.application(c, ctx.owner, app.id)
    return Plan(app, reconcile_application(c, ctx, app))


def reject(ctx: Context, app_id: int, on: date | None = None) -> Plan:
    """Record a rejection (again, harmlessly) and return its whole plan."""
    return set_status(ctx, app_id, Status.REJECTED, on)


def delete_application(ctx: Context, app_id: int) -> None:
    """Delete an application with its interviews, journal entries and plan, in one go."""
    with ctx.db.transaction() as c:
        app = lookup.application(c, ctx.owner, app_id)
        applications.delete(c, ctx.owner, app.id)
