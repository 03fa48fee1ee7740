"""Interviews: when they were, how, and who sat in them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nextround import log
from nextround.domain.applications import Application
from nextround.domain.history import Revision, RevisionKind
from nextround.domain.interviews import Interview, InterviewChanges, NewInterview
from nextround.domain.people import Person
from nextround.domain.rules import changed
from nextround.errors import InvalidInput
from nextround.services import applications as apps
from nextround.services import forms, lookup
from nextround.services.context import Context, last_change, relabel
from nextround.services.paging import EVERYTHING, Page, Window, page_of
from nextround.services.playbook import reconcile_application
from nextround.services.resolve import same_name
from nextround.services.results import Deleted
from nextround.storage import interviews, people, revisions
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class InterviewView:
    """An interview, its application and the people in it; warnings worth a second look."""

    interview: Interview
    application: Application
    people: tuple[Person, ...]
    revisions: tuple[Revision, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        from nextround.domain.jsonable import to_jsonable

        return {
            "interview": to_jsonable(self.interview),
            "application_id": self.application.id,
            "people": [{"id": p.id, "name": p.name} for p in self.people],
            "revisions": to_jsonable(self.revisions),
            "warnings": list(self.warnings),
        }


def add_interview(
    ctx: Context, new: NewInterview, *, form_token: str | None = None
) -> InterviewView:
    """Record an interview; interviewers are people at the application's company.

    Names in ``new_interviewers`` are found at the company or added there.
    An interview before the application was sent is kept, with a warning:
    recruiter screens often come first.
    """
    new = new.checked(ctx.today)
    with ctx.change("Added an interview") as c:
        forms.check(c, ctx, form_token)
        app = apps.get(c, ctx, new.application_id)
        seated = _interviewers(c, ctx, app, new.interviewer_ids)
        seated += _people_at(c, ctx, app, new.new_interviewers, known=seated)
        interview_id = interviews.add(
            c,
            ctx.owner,
            {
                "application_id": app.id,
                "on": new.on,
                "at": new.at,
                "format": new.format,
                "notes": new.notes,
                "kind": new.kind,
            },
            [p.id for p in seated],
        )
        relabel(c, f"Added the interview of {new.on} for {app.role} at {app.company}")
        reconcile_application(c, ctx, apps.get(c, ctx, app.id))
        forms.spend(c, ctx, form_token, "interview", interview_id)
        return _view(c, ctx, interview_id)


def show_interview(ctx: Context, interview_id: int) -> InterviewView:
    with ctx.db.read() as c:
        return _view(c, ctx, interview_id, with_revisions=True)


def list_interviews(ctx: Context, app_id: int | None = None) -> list[Interview]:
    """Every interview (of one application, if given), by date."""
    return interview_page(ctx, EVERYTHING, app_id).items


def interview_page(ctx: Context, window: Window, app_id: int | None = None) -> Page[Interview]:
    """One page of :func:`list_interviews`, by day and time."""
    with ctx.db.read() as c:
        if app_id is not None:
            app_id = apps.get(c, ctx, app_id).id
        found = interviews.list_all(c, ctx.owner, app_id, window)
    return page_of(found, window, interviews.ORDER)


def edit_interview(
    ctx: Context,
    interview_id: int,
    changes: InterviewChanges,
    *,
    expected_revision: int | None = None,
) -> InterviewView:
    """Change an interview (a list of interviewers replaces the list); the earlier one is kept."""
    values = changed(changes.checked(ctx.today))
    ids = values.pop("interviewer_ids", None)
    names = values.pop("new_interviewers", ())
    topics = values.pop("topics", None)
    if "notes" in values and values["notes"] is None:
        values["notes"] = ""
    with ctx.change("Edited an interview") as c:
        meeting = get(c, ctx, interview_id)
        app = apps.get(c, ctx, meeting.application_id)
        relabel(c, f"Edited the interview of {meeting.on} for {app.role} at {app.company}")
        revisions.keep(c, ctx.owner, RevisionKind.INTERVIEW, meeting.id, describe(c, ctx, meeting))
        interviews.update(c, ctx.owner, meeting.id, values, expected_revision=expected_revision)
        if ids is not None or names:
            seated = _interviewers(c, ctx, app, ids if ids is not None else meeting.interviewer_ids)  # type: ignore[arg-type]
            seated += _people_at(c, ctx, app, names, known=seated)  # type: ignore[arg-type]
            interviews.set_interviewers(c, ctx.owner, meeting.id, [p.id for p in seated])
        if topics:
            _set_topics(c, ctx, meeting.id, topics)  # type: ignore[arg-type]
        reconcile_application(c, ctx, app)
        return _view(c, ctx, meeting.id)


def _set_topics(
    c: Connection, ctx: Context, interview_id: int, topics: dict[int, tuple[str, ...]]
) -> None:
    """Topics are per interviewer: each person named must have sat in the interview."""
    seated = get(c, ctx, interview_id).interviewer_ids
    if strangers := [pid for pid in topics if pid not in seated]:
        names = ", ".join(p.name for p in people.get_many(c, ctx.owner, strangers))
        raise InvalidInput(
            f"{names or f'person {strangers[0]}'} did not sit in this interview; "
            "topics are kept per interviewer (add them with --with first)",
            field="topics",
        )
    interviews.set_topics(c, ctx.owner, interview_id, topics)


def describe(c: Connection, ctx: Context, meeting: Interview) -> str:
    """An interview in a few lines, as kept when it is edited."""
    seated = people.get_many(c, ctx.owner, meeting.interviewer_ids)
    names = ", ".join(p.name for p in seated)
    at = f" {meeting.at:%H:%M}" if meeting.at else ""
    kind = f" {meeting.kind.value}" if meeting.kind else ""
    head = f"{meeting.on}{at}, {meeting.format.value}{kind}, {meeting.status.value}"
    lines = [head, f"with {names}" if names else "interviewers not recorded"]
    lines += [
        f"talked with {p.name} about: {'; '.join(meeting.topics_with(p.id))}"
        for p in seated
        if meeting.topics_with(p.id)
    ]
    return "\n".join(lines + ([f"\n{meeting.notes}"] if meeting.notes else []))


def delete_interview(ctx: Context, interview_id: int) -> Deleted:
    """Move an interview to the trash; journal entries about it stay with the application."""
    with ctx.change("Deleted an interview", trash=True) as c:
        meeting = get(c, ctx, interview_id)
        app = apps.get(c, ctx, meeting.application_id)
        interviews.delete(c, ctx.owner, meeting.id)
        relabel(c, f"Deleted the interview of {meeting.on} for {app.role} at {app.company}")
        reconcile_application(c, ctx, app)
    name = f"interview of {meeting.on} for {app.role} at {app.company}"
    return Deleted("interview", meeting.id, name, last_change(ctx))


def get(c: Connection, ctx: Context, interview_id: int) -> Interview:
    return lookup.by_id(interviews.get, c, ctx, interview_id, "interview")


def _view(
    c: Connection, ctx: Context, interview_id: int, *, with_revisions: bool = False
) -> InterviewView:
    meeting = get(c, ctx, interview_id)
    app = apps.get(c, ctx, meeting.application_id)
    warnings: tuple[str, ...] = ()
    if app.applied_on and meeting.on < app.applied_on:
        warnings = (
            f"this interview ({meeting.on}) is before the application was sent ({app.applied_on}); "
            "kept as given, since recruiter screens often come first",
        )
        log.warning("interview %d is dated before its application %d was sent", meeting.id, app.id)
    kept = revisions.of(c, ctx.owner, RevisionKind.INTERVIEW, meeting.id) if with_revisions else []
    return InterviewView(
        meeting,
        app,
        tuple(people.get_many(c, ctx.owner, meeting.interviewer_ids)),
        tuple(kept),
        warnings,
    )


def _interviewers(
    c: Connection, ctx: Context, app: Application, ids: Sequence[int]
) -> list[Person]:
    found = people.get_many(c, ctx.owner, ids)
    if missing := set(ids) - {p.id for p in found}:
        raise InvalidInput(f"no person with id {min(missing)}", field="interviewer_ids")
    for person in found:
        if person.company_id != app.company_id:
            raise InvalidInput(
                f"{person.name} works at {person.company}, not {app.company}; "
                f"add the interviewer at {app.company} first",
                field="interviewer_ids",
            )
    return found


def _people_at(
    c: Connection, ctx: Context, app: Application, names: Sequence[str], *, known: Sequence[Person]
) -> list[Person]:
    """The people named, found at the application's company or added there."""
    staff = people.list_all(c, ctx.owner, app.company_id)
    found: dict[int, Person] = {}
    for name in names:
        match = next((p for p in staff if same_name(p.name, name)), None)
        if match is None:
            person_id = people.add(c, ctx.owner, {"name": name, "company_id": app.company_id})
            match = people.get_many(c, ctx.owner, [person_id])[0]
            staff.append(match)
        if match.id not in {p.id for p in known}:
            found.setdefault(match.id, match)
    return list(found.values())
