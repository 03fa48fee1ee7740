"""Tasks and interviews as an iCalendar (RFC 5545) file, for import or subscription.

- A task is an all-day ``VEVENT`` on its due day (calendar apps ignore ``VTODO``),
  marked free time (``TRANSP:TRANSPARENT``). A closed task (done, skipped,
  cancelled) stays in the file as ``STATUS:CANCELLED``, so a client that holds
  the event drops or strikes it instead of keeping a stale reminder.
- An interview is a timed event in floating local time (the wall-clock time
  the user typed), an hour long; without a time it is an all-day event.
- ``UID``s are stable (``task-<owner>-<id>@nextround.local``), so importing the
  file again or refreshing a subscription updates events instead of adding
  copies. ``SEQUENCE`` is the task's stored revision; ``LAST-MODIFIED`` and
  ``DTSTAMP`` are its stored change time. With no ``METHOD`` in the file,
  RFC 5545 defines ``DTSTAMP`` as exactly that: when the information was last
  revised. Interviews have no stored change time; they carry the export's day.

No database here: the service hands over plain data. ``icalendar`` folds lines
at 75 octets and ends them with CRLF; it is imported only when a calendar is
rendered (start-up cost).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from nextround.domain.controls import refuse_controls
from nextround.domain.interviews import Format, Interview
from nextround.domain.tasks import Task, TaskStatus

if TYPE_CHECKING:
    import icalendar

PRODID = "-//nextround//nextround calendar//EN"
UID_DOMAIN = "nextround.local"
#: How long an interview with a start time is shown to last.
INTERVIEW_LENGTH = timedelta(hours=1)

_ONE_DAY = timedelta(days=1)

_CLOSED = {
    TaskStatus.DONE: "Done",
    TaskStatus.SKIPPED: "Skipped",
    TaskStatus.CANCELLED: "Cancelled: no longer part of the plan",
}

_FORMATS = {
    Format.PHONE: "Phone interview",
    Format.VIDEO: "Video interview",
    Format.ONSITE: "On-site interview",
    Format.TAKE_HOME: "Take-home assignment",
    Format.OTHER: "Interview",
}


@dataclass(frozen=True)
class TaskEntry:
    """A task with its stored revision and the time (UTC) it last changed."""

    task: Task
    revision: int
    changed_at: datetime


@dataclass(frozen=True)
class InterviewEntry:
    """An interview with the application it belongs to and the interviewers' names."""

    interview: Interview
    company: str
    role: str
    interviewers: tuple[str, ...] = ()


def task_uid(owner: int, task_id: int) -> str:
    return f"task-{owner}-{task_id}@{UID_DOMAIN}"


def interview_uid(owner: int, interview_id: int) -> str:
    return f"interview-{owner}-{interview_id}@{UID_DOMAIN}"


def render_calendar(
    tasks: Sequence[TaskEntry],
    interviews: Sequence[InterviewEntry],
    *,
    owner: int,
    as_of: datetime,
) -> bytes:
    """The ``.ics`` bytes: one event per task and per interview, in the order given.

    ``as_of`` (UTC) is the ``DTSTAMP`` of interviews, which have no stored change time.
    """
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "nextround")
    for entry in tasks:
        calendar.add_component(_checked(_task_event(entry, owner), f"Step #{entry.task.id}"))
    for meeting in interviews:
        event = _interview_event(meeting, owner, as_of)
        calendar.add_component(_checked(event, f"Interview #{meeting.interview.id}"))
    data: bytes = calendar.to_ical()
    return data


def _checked(event: icalendar.Event, what: str) -> icalendar.Event:
    """The event, unless its text holds control characters (refused, naming the field)."""
    refuse_controls(
        f"{what} in the calendar",
        {
            name: str(event.get(name) or "")
            for name in ("summary", "description", "location", "url")
        },
    )
    return event


def _task_event(entry: TaskEntry, owner: int) -> icalendar.Event:
    task = entry.task
    changed = _utc(entry.changed_at)
    event = _event(task_uid(owner, task.id), task.title, changed)
    event.add("dtstart", task.due)
    event.add("dtend", task.due + _ONE_DAY)
    event.add("transp", "TRANSPARENT")
    event.add("status", "CONFIRMED" if task.status.is_pending else "CANCELLED")
    event.add("sequence", entry.revision)
    event.add("last-modified", changed)
    event.add("description", _task_description(task))
    if task.url:
        event.add("url", task.url)
    return event


def _task_description(task: Task) -> str:
    """What the event's notes say: the state, the draft, the link, how to finish it."""
    parts: list[str] = []
    if not task.status.is_pending:
        when = f" on {task.done_on.isoformat()}" if task.done_on else ""
        parts.append(f"{_CLOSED[task.status]}{when}.")
    if task.draft_subject:
        parts.append(f"Subject: {task.draft_subject}")
    if task.draft:
        parts.append(task.draft)
    if task.url:
        parts.append(f"Link: {task.url}")
    if task.status.is_pending:
        parts.append(f"When it's done: nextround task done {task.id}")
    return "\n\n".join(parts)


def _interview_event(entry: InterviewEntry, owner: int, as_of: datetime) -> icalendar.Event:
    interview = entry.interview
    summary = f"{_FORMATS[interview.format]}: {entry.role} at {entry.company}"
    event = _event(interview_uid(owner, interview.id), summary, _utc(as_of))
    start, end = _interview_span(interview)
    event.add("dtstart", start)
    event.add("dtend", end)
    # Cancelled or called off (by a rejection): kept, so that a client holding it drops it.
    event.add("status", "CONFIRMED" if interview.happens else "CANCELLED")
    event.add("sequence", interview.revision)
    if description := _interview_description(entry):
        event.add("description", description)
    return event


def _interview_span(interview: Interview) -> tuple[date, date] | tuple[datetime, datetime]:
    """Floating local start and end; whole days when no time was recorded."""
    if interview.at is None:
        return interview.on, interview.on + _ONE_DAY
    start = datetime.combine(interview.on, interview.at)  # floating: no zone on purpose
    return start, start + INTERVIEW_LENGTH


def _interview_description(entry: InterviewEntry) -> str:
    parts = []
    if entry.interviewers:
        parts.append(f"With {', '.join(entry.interviewers)}.")
    if entry.interview.notes:
        parts.append(entry.interview.notes)
    return "\n\n".join(parts)


def _event(uid: str, summary: str, stamp: datetime) -> icalendar.Event:
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    return event


def _utc(moment: datetime) -> datetime:
    """A stored time as UTC: naive times from the database are UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
