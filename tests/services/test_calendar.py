"""The calendar and people exports through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
import vobject

from nextround.domain.applications import Status
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import InterviewChanges, InterviewStatus, NewInterview
from nextround.domain.people import NewPerson, PersonChanges
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.errors import NotFound
from nextround.services import applications, companies, interviews, people, resolve, tasks
from nextround.services.calendar import CLOSED_KEPT_DAYS, export_calendar
from nextround.services.context import Context
from nextround.services.vcards import export_people
from tests.services.scenario import Scenario, interviewed

REJECTED_ON = date(2026, 11, 20)
LONG_AGO = datetime(2026, 1, 2, 3, 4, 5)


def rejected(ctx: Context) -> Scenario:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    return s


def events(ctx: Context) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(export_calendar(ctx).data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def uid(task: Task) -> str:
    return f"task-1-{task.id}@nextround.local"


def pin_change_times(ctx: Context, when: datetime = LONG_AGO) -> None:
    with ctx.db.transaction() as c:
        c.execute("UPDATE tasks SET updated_at = :when", {"when": when})


def on_day(ctx: Context, today: date) -> Context:
    return Context(ctx.db, replace(ctx.settings, today=today))


def first(ctx: Context, kind: Kind) -> Task:
    return next(t for t in tasks.list_tasks(ctx) if t.kind is kind)


def test_every_open_task_and_every_interview_is_an_event(ctx: Context) -> None:
    s = interviewed(ctx)
    interviews.add_interview(
        ctx,
        NewInterview(s.app_id, date(2026, 11, 18), at=time(9, 15), interviewer_ids=(s.dana_id,)),
    )
    applications.reject(ctx, s.app_id, REJECTED_ON)
    export = export_calendar(ctx)
    found = events(ctx)
    open_tasks = tasks.list_tasks(ctx)
    assert (export.open_tasks, export.closed_tasks, export.interviews) == (len(open_tasks), 0, 2)
    assert export.events == len(found)
    for task in open_tasks:
        event = found[uid(task)]
        assert (str(event["SUMMARY"]), event.decoded("DTSTART")) == (task.title, task.due)
    meetings = [e for u, e in found.items() if u.startswith("interview-")]
    assert [m.decoded("DTSTART") for m in meetings] == [
        date(2026, 11, 10),
        datetime(2026, 11, 18, 9, 15),
    ]
    assert str(meetings[0]["DESCRIPTION"]) == "With Dana Smith, Lee Wong."
    assert str(meetings[1]["SUMMARY"]) == "Video interview: Backend Engineer at Acme Robotics"
    assert {str(m["STATUS"]) for m in meetings} == {"CONFIRMED"}


def test_an_interview_called_off_or_cancelled_stays_as_a_cancelled_event(ctx: Context) -> None:
    s = interviewed(ctx)
    later = interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 12, 3), at=time(9, 15), interviewer_ids=(s.dana_id,))
    ).interview
    before = events(ctx)[f"interview-1-{later.id}@nextround.local"]
    assert str(before["STATUS"]) == "CONFIRMED"
    applications.reject(ctx, s.app_id, REJECTED_ON)
    assert interviews.show_interview(ctx, later.id).interview.status is InterviewStatus.CALLED_OFF
    after = events(ctx)[f"interview-1-{later.id}@nextround.local"]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    [held] = [
        i for i in applications.show_application(ctx, s.app_id).interviews if i.id != later.id
    ]
    interviews.edit_interview(ctx, held.id, InterviewChanges(status=InterviewStatus.CANCELLED))
    assert str(events(ctx)[f"interview-1-{held.id}@nextround.local"]["STATUS"]) == "CANCELLED"


def test_the_stored_change_time_is_the_events_stamp(ctx: Context) -> None:
    rejected(ctx)
    pin_change_times(ctx)
    for found in events(ctx).values():
        if str(found["UID"]).startswith("task-"):
            assert found.decoded("LAST-MODIFIED") == LONG_AGO.replace(tzinfo=UTC)
            assert found.decoded("DTSTAMP") == LONG_AGO.replace(tzinfo=UTC)
        else:
            assert found.decoded("DTSTAMP") == datetime(2026, 11, 25, tzinfo=UTC)


def test_a_task_marked_done_is_cancelled_with_a_higher_sequence(ctx: Context) -> None:
    rejected(ctx)
    card = first(ctx, Kind.THANK_YOU_CARD)
    pin_change_times(ctx)
    before = events(ctx)[uid(card)]
    tasks.mark_done(ctx, card.id)
    after = events(ctx)[uid(card)]
    assert str(before["STATUS"]) == "CONFIRMED"
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert str(after["DESCRIPTION"]).startswith("Done on 2026-11-25.")


def test_a_snoozed_task_moves_and_stays_confirmed(ctx: Context) -> None:
    rejected(ctx)
    journal_task = first(ctx, Kind.JOURNAL)
    before = events(ctx)[uid(journal_task)]
    tasks.snooze(ctx, journal_task.id, date(2026, 12, 4))
    after = events(ctx)[uid(journal_task)]
    assert after.decoded("DTSTART") == date(2026, 12, 4)
    assert after.decoded("DTEND") == date(2026, 12, 5)
    assert str(after["STATUS"]) == "CONFIRMED"
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1


def test_a_replanned_title_shows_with_a_higher_sequence(ctx: Context) -> None:
    rejected(ctx)
    card = next(t for t in tasks.list_tasks(ctx) if t.title.endswith("(address needed)"))
    before = events(ctx)[uid(card)]
    people.edit_person(
        ctx, resolve.person(ctx, "Lee Wong"), PersonChanges(address="Lee Wong\n2 Side Street")
    )
    after = events(ctx)[uid(card)]
    assert str(after["SUMMARY"]) == "Write a thank-you card to Lee Wong"
    assert after["SEQUENCE"] > before["SEQUENCE"]


def test_closed_tasks_stay_for_a_while_then_drop_out(ctx: Context) -> None:
    rejected(ctx)
    journal_task = first(ctx, Kind.JOURNAL)
    tasks.skip(ctx, journal_task.id)
    pin_change_times(ctx)
    last_day = journal_task.due + timedelta(days=CLOSED_KEPT_DAYS)
    assert str(events(on_day(ctx, last_day))[uid(journal_task)]["STATUS"]) == "CANCELLED"
    later = on_day(ctx, last_day + timedelta(days=1))
    assert uid(journal_task) not in events(later)
    assert export_calendar(later).closed_tasks == 0
    pin_change_times(ctx, datetime(2026, 11, 24, 12, 0))  # changed lately: back in
    assert uid(journal_task) in events(later)


def test_uids_are_stable_and_unique(ctx: Context) -> None:
    rejected(ctx)
    first_export = export_calendar(ctx).data
    assert list(events(ctx)) == list(
        {str(e["UID"]): e for e in icalendar.Calendar.from_ical(first_export).walk("VEVENT")}
    )
    assert export_calendar(ctx).data == first_export


def test_an_empty_database_gives_a_valid_empty_calendar(ctx: Context) -> None:
    export = export_calendar(ctx)
    assert export.events == 0
    assert icalendar.Calendar.from_ical(export.data).walk("VEVENT") == []


def test_other_closed_states_are_cancelled_too(ctx: Context) -> None:
    s = rejected(ctx)
    applications.set_status(ctx, s.app_id, Status.INTERVIEWING)
    found = events(ctx)
    closed = [
        t for t in tasks.list_tasks(ctx, include_closed=True) if t.status is not TaskStatus.OPEN
    ]
    assert closed
    assert {str(found[uid(t)]["STATUS"]) for t in closed} == {"CANCELLED"}


def cards(data: bytes) -> list[vobject.base.Component]:
    return list(vobject.readComponents(data.decode()))


def test_people_export_holds_everyone_or_one_company(ctx: Context) -> None:
    interviewed(ctx)
    zeta = companies.add_company(ctx, NewCompany("Zeta Labs"))
    people.add_person(ctx, NewPerson("Ana de la Cruz", zeta.id, email="ana@zeta.example"))
    everyone = export_people(ctx)
    assert everyone.people == 3
    assert [c.fn.value for c in cards(everyone.data)] == [
        "Ana de la Cruz",
        "Dana Smith",
        "Lee Wong",
    ]
    [ana] = cards(export_people(ctx, resolve.company(ctx, "zeta")).data)
    assert (ana.n.value.given, ana.n.value.family) == ("Ana", "de la Cruz")
    assert ana.org.value == ["Zeta Labs"]


def test_people_export_refuses_nothing_and_unknown_companies(ctx: Context) -> None:
    with pytest.raises(NotFound, match="no people to export"):
        export_people(ctx)
    zeta = companies.add_company(ctx, NewCompany("Zeta Labs"))
    with pytest.raises(NotFound, match="no people at Zeta Labs"):
        export_people(ctx, zeta.id)
    with pytest.raises(NotFound, match="no company with id 999"):
        export_people(ctx, 999)
    with pytest.raises(NotFound, match="Did you mean 'Zeta Labs'"):
        resolve.company(ctx, "Zita Labs")
