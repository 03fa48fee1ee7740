"""Applications: add, list, show, edit, delete, and moves along the status pipeline.

Moving an application to ``rejected`` plans the follow-up; moving it away
cancels the open steps that plan created. Every move is kept, with its day,
as the application's history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from nextround import log
from nextround.domain import rules
from nextround.domain.applications import (
    PIPELINE,
    Application,
    ApplicationChanges,
    NewApplication,
    Salary,
    Status,
    check_can_reject,
    check_dates,
    check_salary,
)
from nextround.domain.companies import normal_name
from nextround.domain.history import StatusEvent
from nextround.domain.interviews import Interview
from nextround.domain.journal import JournalEntry
from nextround.domain.people import Person
from nextround.domain.playbook import plan_notes
from nextround.domain.rules import changed
from nextround.domain.tasks import Task
from nextround.errors import InvalidInput
from nextround.services import application_list, drafts, forms, lookup
from nextround.services.context import Context, last_change, relabel
from nextround.services.paging import EVERYTHING
from nextround.services.playbook import plan_input, reconcile_application
from nextround.services.results import Deleted, count
from nextround.storage import applications, companies, interviews, journal, people, tasks
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class AddedApplication:
    application: Application
    #: Earlier applications at the same company: its briefing is worth a read.
    earlier: list[Application]
    #: The company was added for this application.
    company_created: bool = False


@dataclass(frozen=True)
class ApplicationView:
    """An application with everything that hangs on it."""

    application: Application
    interviews: list[Interview]
    people: dict[int, Person]
    journal: list[JournalEntry]
    tasks: list[Task]
    #: Each move along the pipeline, oldest first.
    history: list[StatusEvent]
    #: Why the plan leaves someone out (an interview called off by the rejection).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """An application after a move, and its follow-up plan."""

    application: Application
    tasks: list[Task]
    notes: tuple[str, ...] = ()
    #: How many open steps the move cancelled.
    cancelled: int = 0
    #: At a new rejection with ``watch.after_rejection`` on: what watching the company said.
    watch_note: str = ""


def add_application(
    ctx: Context, new: NewApplication, *, form_token: str | None = None
) -> AddedApplication:
    """Add an application at a known company, or at a new one added with it.

    With ``form_token``, the token is spent in the same transaction: a form
    sent twice raises :class:`~nextround.services.forms.AlreadySubmitted`
    naming the application the first submit added.
    """
    new = new.checked(ctx.today)
    status = new.status or (Status.APPLIED if new.applied_on else Status.SAVED)
    applied_on = new.applied_on
    if status is not Status.SAVED and applied_on is None:
        applied_on = ctx.today
    with ctx.change(f"Added {new.role}") as c:
        forms.check(c, ctx, form_token)
        company_id, created = _company(c, ctx, new)
        _referrer(c, ctx, new.referrer_id)
        earlier = applications.list_all(c, ctx.owner, company_id=company_id)
        app_id = applications.add(
            c,
            ctx.owner,
            {
                **_details(new),
                "company_id": company_id,
                "status": status.value,
                "applied_on": applied_on,
            },
        )
        if status is not Status.SAVED:
            applications.add_event(c, ctx.owner, app_id, applied_on or ctx.today, status, None)
        forms.spend(c, ctx, form_token, "application", app_id)
        app = get(c, ctx, app_id)
        relabel(c, f"Added {app.role} at {app.company}")
    if created:
        log.info("added company %s for application %d", app.company, app.id)
    return AddedApplication(app, earlier, created)


def _details(new: NewApplication | ApplicationChanges) -> dict[str, object]:
    """The detail columns of an input (enums as their values); only what it sets."""
    names = (
        "role",
        "source_url",
        "requisition_id",
        "notes",
        "location",
        "work_mode",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "description",
        "source",
        "referrer_id",
        "applied_on",
        "language",
    )
    found = changed(new)
    values = {k: found[k] for k in names if k in found}
    for key in ("work_mode", "salary_period", "source"):
        if values.get(key) is not None:
            values[key] = str(getattr(values[key], "value", values[key]))
    if "notes" in values and values["notes"] is None:
        values["notes"] = ""
    if "description" in values and values["description"] is None:
        values["description"] = ""
    values.pop("applied_on", None)
    return values


def _company(c: Connection, ctx: Context, new: NewApplication) -> tuple[int, bool]:
    """The application's company: known by id, else found by its name, else added."""
    if new.company_id is not None:
        lookup.by_id(companies.get, c, ctx, new.company_id, "company")
        return new.company_id, False
    assert new.new_company is not None
    wanted = normal_name(new.new_company)
    for company_id, name in companies.all_names(c, ctx.owner):
        if name == new.new_company or normal_name(name) == wanted:
            return company_id, False
    return companies.add(c, ctx.owner, {"name": new.new_company}), True


def _referrer(c: Connection, ctx: Context, person_id: int | None) -> None:
    if person_id is not None and people.get(c, ctx.owner, person_id) is None:
        raise InvalidInput(
            f"no person with id {person_id} to name as the referrer", field="referrer_id"
        )


def edit_application(
    ctx: Context, app_id: int, changes: ApplicationChanges, *, expected_revision: int | None = None
) -> Application:
    """Change an application's details (unset fields stay as they are).

    With ``expected_revision``, an edit of an application changed since is
    refused with :class:`~nextround.errors.Conflict`.
    """
    checked = changes.checked(ctx.today)
    values = _details(checked)
    if "applied_on" in changed(checked):
        values["applied_on"] = checked.applied_on
    with ctx.change("Edited an application") as c:
        app = get(c, ctx, app_id)
        relabel(c, f"Edited {app.role} at {app.company}")
        _referrer(c, ctx, values.get("referrer_id"))  # type: ignore[arg-type]
        after = _as_edited(app, values)
        check_dates(after.applied_on, after.rejected_on)
        check_salary(after)
        expect = None if expected_revision is None else {"revision": expected_revision}
        if values or expect:
            applications.update(c, ctx.owner, app.id, values, expect=expect)
        app = get(c, ctx, app.id)
        if app.status is Status.REJECTED:
            reconcile_application(c, ctx, app)
        return app


def _as_edited(app: Application, values: dict[str, object]) -> Application:
    salary = app.salary or Salary(None, None)
    low = values.get("salary_min", salary.minimum)
    high = values.get("salary_max", salary.maximum)
    return replace(
        app,
        applied_on=values.get("applied_on", app.applied_on),  # type: ignore[arg-type]
        salary=Salary(low, high) if low is not None or high is not None else None,  # type: ignore[arg-type]
    )


#: Cards per column on the board; the list view pages through the rest.
BOARD_COLUMN = 25


@dataclass(frozen=True)
class Column:
    status: Status
    count: int
    applications: list[Application]  # the newest ``BOARD_COLUMN`` of them

    @property
    def more(self) -> int:
        return self.count - len(self.applications)


def board(ctx: Context, only: Status | None = None, per_column: int = BOARD_COLUMN) -> list[Column]:
    """The pipeline by status, in the order set by hand (else newest first); a query per column."""
    with ctx.db.read() as c:
        counts = applications.counts_by_status(c, ctx.owner)
        return [
            Column(s, counts.get(s, 0), applications.column(c, ctx.owner, s, limit=per_column))
            for s in PIPELINE
            if only in (None, s)
        ]


def list_applications(ctx: Context, status: Status | None = None) -> list[Application]:
    return application_list.page(ctx, EVERYTHING, status).items


def show_application(ctx: Context, app_id: int) -> ApplicationView:
    with ctx.db.read() as c:
        app = get(c, ctx, app_id)
        found = interviews.of_application(c, ctx.owner, app.id)
        ids = {pid for i in found for pid in i.interviewer_ids}
        notes = plan_notes(plan_input(c, ctx, app)) if app.status is Status.REJECTED else ()
        return ApplicationView(
            app,
            found,
            {p.id: p for p in people.get_many(c, ctx.owner, ids)},
            journal.of_application(c, ctx.owner, app.id),
            drafts.current(c, ctx, tasks.of_application(c, ctx.owner, app.id)),
            applications.events(c, ctx.owner, app.id),
            notes,
        )


def get(c: Connection, ctx: Context, app_id: int) -> Application:
    return lookup.by_id(applications.get, c, ctx, app_id, "application")


def set_status(
    ctx: Context,
    app_id: int,
    status: Status,
    on: date | None = None,
    *,
    expected_revision: int | None = None,
    drafted: bool = True,
) -> Plan:
    """Move an application; a rejection plans the follow-up, leaving it cancels open steps.

    The plan's steps come with their drafts; ``drafted=False`` returns them as
    stored (a face that shows only titles skips the template engine).
    """
    with ctx.change("Moved an application") as c:
        app = get(c, ctx, app_id)
        before = app.status
        plan = move(c, ctx, app, status, on, expected_revision=expected_revision)
        plan = replace(plan, tasks=drafts.current(c, ctx, plan.tasks)) if drafted else plan
    if status is Status.REJECTED and before is not Status.REJECTED:
        plan = watched_after(ctx, plan)
    return plan


def watched_after(ctx: Context, plan: Plan) -> Plan:
    """With the ``watch.after_rejection`` setting on, the company is watched (no fetch)."""
    if not ctx.settings.watch.after_rejection:
        return plan
    from nextround.services.watch import watch_after_rejection

    offer = watch_after_rejection(ctx, plan.application.company_id)
    return replace(plan, watch_note=offer.note)


def move(
    c: Connection,
    ctx: Context,
    app: Application,
    status: Status,
    on: date | None = None,
    *,
    expected_revision: int | None = None,
) -> Plan:
    """:func:`set_status` inside a caller's change (a confirmed mail suggestion)."""
    if on is not None:
        rules.past_day(on, "on", "the date of the move", ctx.today)
    day = on or ctx.today
    values: dict[str, object] = {"status": status.value}
    if status is Status.REJECTED:
        check_can_reject(app)
        rejected_on = on or app.rejected_on or ctx.today
        rules.past_day(rejected_on, "on", "rejection date", ctx.today)
        if app.applied_on and rejected_on < app.applied_on:
            raise InvalidInput(
                f"rejection date {rejected_on} is before the application was sent ({app.applied_on})",
                field="on",
            )
        values["rejected_on"] = day = rejected_on
    elif app.status is Status.REJECTED:
        values["rejected_on"] = None
    if status is not app.status:
        values["position"] = None  # on top of its new board column
    if status is not Status.SAVED and app.applied_on is None:
        values["applied_on"] = day
    expect: dict[str, object] = {"status": app.status.value}
    if expected_revision is not None:
        expect["revision"] = expected_revision
    before = [t for t in tasks.of_application(c, ctx.owner, app.id) if t.status.is_pending]
    moved = (
        status is not app.status or values.get("rejected_on", app.rejected_on) != app.rejected_on
    )
    if moved or "applied_on" in values or expected_revision is not None:
        applications.update(c, ctx.owner, app.id, values, expect=expect)
    if moved:
        applications.add_event(c, ctx.owner, app.id, day, status, app.status)
    app = get(c, ctx, app.id)
    relabel(c, _move_label(app))
    planned = reconcile_application(c, ctx, app)
    pending = {t.id for t in planned if t.status.is_pending}
    cancelled = sum(1 for t in before if t.id not in pending)
    notes = plan_notes(plan_input(c, ctx, app)) if status is Status.REJECTED else ()
    return Plan(app, planned, notes, cancelled)


def _move_label(app: Application) -> str:
    if app.status is Status.REJECTED:
        return f"Recorded the no from {app.company} ({app.role})"
    return f"Moved {app.role} at {app.company} to {app.status.value}"


def reject(ctx: Context, app_id: int, on: date | None = None, *, drafted: bool = True) -> Plan:
    """Record a rejection (again, harmlessly) and return its whole plan."""
    return set_status(ctx, app_id, Status.REJECTED, on, drafted=drafted)


def delete_application(ctx: Context, app_id: int) -> Deleted:
    """Move an application to the trash with its interviews, journal entries and plan."""
    with ctx.change("Deleted an application", trash=True) as c:
        app = get(c, ctx, app_id)
        held = interviews.of_application(c, ctx.owner, app.id)
        entries = journal.count_of_application(c, ctx.owner, app.id)
        applications.delete(c, ctx.owner, app.id)
        relabel(c, f"Deleted {app.role} at {app.company}")
    also = tuple(
        text
        for text, n in (
            (count(len(held), "interview"), len(held)),
            (count(entries, "journal entry", "journal entries"), entries),
        )
        if n
    )
    return Deleted("application", app.id, f"{app.role} at {app.company}", last_change(ctx), also)
