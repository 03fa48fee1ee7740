"""The .ics renderer on plain data: parsed back with icalendar, and checked line by line."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone

import icalendar
import pytest

from nextround.domain.interviews import Format, Interview, InterviewStatus
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.renderers.calendar import InterviewEntry, TaskEntry, render_calendar

AS_OF = datetime(2026, 11, 25, tzinfo=UTC)
CHANGED = datetime(2026, 11, 20, 9, 30, 15)

CARD = Task(
    id=7,
    key="thank_you_card:a1:p2",
    kind=Kind.THANK_YOU_CARD,
    title="Write a thank-you card to Zoë Ng; with thanks, again",
    due=date(2026, 11, 22),
    status=TaskStatus.OPEN,
    draft="Dear Zoë,\n\nThank you; truly, " + "for the long talk about queues " * 4,
)
EMAIL = Task(
    id=8,
    key="congrats_email:a1:p2",
    kind=Kind.CONGRATS_EMAIL,
    title="Email Zoë Ng",
    due=date(2026, 11, 27),
    status=TaskStatus.DONE,
    url="mailto:zoe@acme.example",
    draft_subject="Congrats, and OK to connect?",
    draft="Hi Zoë",
    done_on=date(2026, 11, 24),
)
ONSITE = Interview(
    id=3,
    application_id=1,
    on=date(2026, 12, 1),
    at=time(14, 30),
    format=Format.ONSITE,
    notes="Bring the portfolio;\nask for Ana",
)


def render(
    tasks: list[TaskEntry] | None = None, interviews: list[InterviewEntry] | None = None
) -> bytes:
    return render_calendar(tasks or [], interviews or [], owner=1, as_of=AS_OF)


def events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_an_open_task_is_an_all_day_event_on_its_due_day() -> None:
    [event] = events(render([TaskEntry(CARD, 2, CHANGED)])).values()
    assert event["UID"] == "task-1-7@nextround.local"
    assert event.decoded("DTSTART") == date(2026, 11, 22)
    assert event.decoded("DTEND") == date(2026, 11, 23)
    assert str(event["SUMMARY"]) == CARD.title
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert event["SEQUENCE"] == 2
    assert event.decoded("LAST-MODIFIED") == CHANGED.replace(tzinfo=UTC)
    assert event.decoded("DTSTAMP") == CHANGED.replace(tzinfo=UTC)
    description = str(event["DESCRIPTION"])
    assert CARD.draft is not None and CARD.draft in description
    assert "nextround task done 7" in description
    assert "URL" not in event


def test_a_closed_task_is_cancelled_and_keeps_its_draft_and_link() -> None:
    [event] = events(render([TaskEntry(EMAIL, 4, CHANGED)])).values()
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["URL"]) == "mailto:zoe@acme.example"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Done on 2026-11-24.")
    assert "Subject: Congrats, and OK to connect?" in description
    assert "Link: mailto:zoe@acme.example" in description
    assert "task done" not in description


def test_stored_times_become_utc_whatever_zone_they_come_in() -> None:
    eastern = datetime(2026, 11, 20, 4, 30, 15, tzinfo=timezone(timedelta(hours=-5)))
    [event] = events(render([TaskEntry(CARD, 0, eastern)])).values()
    assert event.decoded("LAST-MODIFIED") == datetime(2026, 11, 20, 9, 30, 15, tzinfo=UTC)
    assert b"LAST-MODIFIED:20261120T093015Z\r\n" in render([TaskEntry(CARD, 0, eastern)])


def test_an_interview_with_a_time_is_an_hour_in_floating_local_time() -> None:
    entry = InterviewEntry(ONSITE, "Acme, Inc.", "Backend Engineer", ("Zoë Ng", "Lee Wong"))
    data = render(interviews=[entry])
    [event] = events(data).values()
    assert event["UID"] == "interview-1-3@nextround.local"
    assert str(event["SUMMARY"]) == "On-site interview: Backend Engineer at Acme, Inc."
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 14, 30)
    assert event.decoded("DTEND") == datetime(2026, 12, 1, 15, 30)
    assert event.decoded("DTSTART").tzinfo is None
    assert b"DTSTART:20261201T143000\r\n" in data  # no TZID, no Z: floating
    assert event.decoded("DTSTAMP") == AS_OF
    assert (
        str(event["DESCRIPTION"]) == "With Zoë Ng, Lee Wong.\n\nBring the portfolio;\nask for Ana"
    )


def test_an_interview_without_a_time_takes_the_whole_day() -> None:
    day_only = InterviewEntry(Interview(4, 1, date(2026, 12, 2), format=Format.TAKE_HOME), "A", "B")
    [event] = events(render(interviews=[day_only])).values()
    assert event.decoded("DTSTART") == date(2026, 12, 2)
    assert event.decoded("DTEND") == date(2026, 12, 3)
    assert str(event["SUMMARY"]) == "Take-home assignment: B at A"
    assert "DESCRIPTION" not in event


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (InterviewStatus.PLANNED, "CONFIRMED"),
        (InterviewStatus.CANCELLED, "CANCELLED"),
        (InterviewStatus.CALLED_OFF, "CANCELLED"),
    ],
)
def test_an_interview_that_wont_happen_stays_as_a_cancelled_event(
    status: InterviewStatus, shown: str
) -> None:
    """A client holding the event drops it; the revision tells it the event changed."""
    entry = InterviewEntry(replace(ONSITE, status=status, revision=2), "Acme", "QA")
    [event] = events(render(interviews=[entry])).values()
    assert str(event["STATUS"]) == shown
    assert event["SEQUENCE"] == 2


def test_uids_carry_the_owner() -> None:
    data = render_calendar([TaskEntry(CARD, 0, CHANGED)], [], owner=42, as_of=AS_OF)
    assert list(events(data)) == ["task-42-7@nextround.local"]


def test_text_is_escaped_and_comes_back_unchanged() -> None:
    data = render([TaskEntry(CARD, 0, CHANGED)])
    assert "Zoë Ng\\; with thanks\\, again".encode() in data
    [event] = events(data).values()
    assert str(event["SUMMARY"]) == CARD.title


@pytest.mark.parametrize("count", [0, 3])
def test_lines_end_in_crlf_and_fold_at_75_octets(count: int) -> None:
    accented = TaskEntry(replace(CARD, title="Zoë " * 40), 0, CHANGED)
    data = render([accented] * count)
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    lines[-1:] = []  # after the last CRLF
    assert all(line.decode("utf-8") for line in lines)  # no fold splits a character


def test_an_empty_calendar_is_still_a_valid_calendar() -> None:
    calendar = icalendar.Calendar.from_ical(render())
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//nextround//")
    assert calendar.walk("VEVENT") == []
