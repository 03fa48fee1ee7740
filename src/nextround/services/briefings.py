"""The company briefing: everything known about one company, gathered for "what to expect next time".

Read in one transaction; the result is plain data (a :class:`Briefing`) that
the renderers turn into Markdown or HTML and the faces into JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, time

from nextround.domain.applications import Application
from nextround.domain.briefings import (
    ApplicationNotes,
    Briefing,
    EventKind,
    JournalNote,
    PersonMet,
    Section,
    TimelineEvent,
    last_no,
)
from nextround.domain.interviews import Interview
from nextround.domain.journal import JournalEntry, sections
from nextround.domain.people import Person, Relationship
from nextround.domain.since_no import SinceNo
from nextround.domain.tasks import Task
from nextround.renderers.briefings import (
    application_title,
    event_text,
    follow_up_text,
    note_title,
    opening_line,
    person_line,
    since_no_heading,
    since_no_items,
    when,
)
from nextround.services import since_no
from nextround.services.companies import get as get_company
from nextround.services.context import Context
from nextround.services.network import known_at
from nextround.storage import applications, interviews, journal, people, tasks, watch

__all__ = [
    "HIGHLIGHTS",
    "Briefing",
    "application_title",
    "company_briefing",
    "event_text",
    "follow_up_text",
    "journal_html",
    "note_title",
    "person_line",
    "since_no_heading",
    "since_no_items",
    "when",
]

#: The journal sections worth reading first before meeting a company again.
HIGHLIGHTS = ("Questions they asked", "What went well", "What I would do differently")

Interviews = Mapping[int, list[Interview]]


def company_briefing(ctx: Context, company_id: int) -> Briefing:
    """The briefing for one company: everything known, for "what to expect next time"."""
    with ctx.db.read() as c:
        company = get_company(c, ctx, company_id)
        apps = _chronological(applications.list_all(c, ctx.owner, company_id=company.id))
        held = interviews.of_applications(c, ctx.owner, [a.id for a in apps])
        entries = journal.of_applications(c, ctx.owner, [a.id for a in apps])
        staff = people.list_all(c, ctx.owner, company.id)
        known = {p.id for p in staff}
        staff += people.get_many(c, ctx.owner, _interviewer_ids(held) - known)
        bonds = people.relationships_of(c, ctx.owner, [p.id for p in staff])
        pending = tasks.pending_of_company(c, ctx.owner, company.id)
        steps = tasks.of_company(c, ctx.owner, company.id)
        watched = watch.of_company(c, ctx.owner, company.id) is not None
        turned_down = last_no(apps)
        changed = since_no.of_applications(c, ctx.owner, [turned_down] if turned_down else [])
        since = changed.get(turned_down.id) if turned_down else None
        warm = known_at(c, ctx, [company])[company.id].people if _new_roles(since) else ()
    timeline = _timeline(apps, held, {p.id: p for p in staff}, ctx.today)
    return Briefing(
        company=company,
        today=ctx.today,
        opening=opening_line(company, apps, timeline, len(staff)),
        applications=tuple(apps),
        timeline=timeline,
        people=_people_met(staff, bonds, held, ctx.today, steps),
        journal=_journal(apps, entries, held),
        follow_ups=tuple(pending),
        since_no=since,
        watched=watched,
        people_you_know=warm,
    )


def _new_roles(since: SinceNo | None) -> bool:
    """Whether a role was posted or reopened since the no: then who the user knows counts."""
    return since is not None and bool(since.reopened or since.new_roles)


def _chronological(apps: Iterable[Application]) -> list[Application]:
    """Oldest first; applications saved for later (no date yet) come last."""
    return sorted(apps, key=lambda a: (a.applied_on or date.max, a.id))


def _interviewer_ids(held: Interviews) -> set[int]:
    return {pid for found in held.values() for i in found for pid in i.interviewer_ids}


def _timeline(
    apps: Sequence[Application], held: Interviews, by_id: Mapping[int, Person], today: date
) -> tuple[TimelineEvent, ...]:
    """Applications sent, interviews and rejections, in the order they happened."""
    events: list[TimelineEvent] = []
    for app in apps:
        base = TimelineEvent(date.min, EventKind.APPLIED, app.id, app.role, app.status)
        if app.applied_on is not None:
            events.append(replace(base, on=app.applied_on))
        events += [_interview_event(base, i, by_id, today) for i in held[app.id]]
        if app.rejected_on is not None:
            events.append(replace(base, on=app.rejected_on, kind=EventKind.REJECTED))
    order = list(EventKind)
    return tuple(sorted(events, key=lambda e: (e.on, order.index(e.kind), e.at or time.min)))


def _interview_event(
    base: TimelineEvent, interview: Interview, by_id: Mapping[int, Person], today: date
) -> TimelineEvent:
    return replace(
        base,
        on=interview.on,
        kind=EventKind.INTERVIEW,
        at=interview.at,
        format=interview.format,
        people=tuple(by_id[p] for p in interview.interviewer_ids if p in by_id),
        notes=interview.notes,
        upcoming=interview.on > today,
    )


def _people_met(
    staff: Sequence[Person],
    bonds: Mapping[int, Relationship],
    held: Interviews,
    today: date,
    steps: Iterable[Task] = (),
) -> tuple[PersonMet, ...]:
    """Everyone known there, the people met in interviews first, in the order you met them;
    each with their follow-up steps on the task list."""
    theirs: dict[int, list[Task]] = {}
    for task in sorted(steps, key=lambda t: (t.due, t.id)):
        if task.person_id is not None:
            theirs.setdefault(task.person_id, []).append(task)
    days: dict[tuple[int, bool], set[date]] = {}
    for interview in (i for found in held.values() for i in found):
        for pid in interview.interviewer_ids:
            days.setdefault((pid, interview.on > today), set()).add(interview.on)
    met = []
    for person in staff:
        bond = bonds.get(person.id, Relationship(person.id))
        past, coming = (tuple(sorted(days.get((person.id, c), ()))) for c in (False, True))
        state, taken = bond.connect_state(today), tuple(bond.steps(today))
        listed = tuple(theirs.get(person.id, ()))
        met.append(PersonMet(person, bond, state, taken, past, coming, listed))
    return tuple(sorted(met, key=lambda m: (m.met_on[:1] or (date.max,), m.person.name)))


def _journal(
    apps: Sequence[Application], entries: Mapping[int, list[JournalEntry]], held: Interviews
) -> tuple[ApplicationNotes, ...]:
    """Journal notes by application, the newest application and entry first."""
    groups = []
    for app in reversed(apps):
        by_id = {i.id: i for i in held[app.id]}
        newest = sorted(entries[app.id], key=lambda e: (e.written_on, e.id), reverse=True)
        notes = tuple(_note(e, by_id.get(e.interview_id or 0)) for e in newest)
        if notes:
            groups.append(ApplicationNotes(app, notes))
    return tuple(groups)


def _note(entry: JournalEntry, interview: Interview | None) -> JournalNote:
    """An entry split into its sections, the ones in HIGHLIGHTS first and in that order."""
    found = [Section(heading or "Notes", text) for heading, text in sections(entry.body).items()]
    keys = [h.casefold() for h in HIGHLIGHTS]
    highlights = sorted(
        (s for s in found if s.heading.casefold() in keys),
        key=lambda s: keys.index(s.heading.casefold()),
    )
    other = tuple(s for s in found if s.heading.casefold() not in keys)
    return JournalNote(
        entry,
        tuple(highlights),
        other,
        interview.on if interview else None,
        interview.format if interview else None,
    )


def render_briefing(briefing: Briefing, kind: str) -> str:
    """The briefing as ``markdown`` or as a standalone, sanitised ``html`` page."""
    from nextround.renderers import briefings as render

    return render.to_html(briefing) if kind == "html" else render.to_markdown(briefing)


def journal_html(markdown: str) -> object:
    """A journal section's Markdown as sanitised HTML (markup-safe: a template shows it as is).

    Raw HTML in the journal is shown as text and unsafe links are dropped.
    """
    from nextround.renderers import briefings as render

    return render.journal_html(markdown)
