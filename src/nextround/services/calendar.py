"""The calendar export: which tasks and interviews go into the ``.ics`` file.

Every open or snoozed task goes in, and every interview. Closed tasks (done,
skipped, cancelled) go in as cancelled events while they still matter to a
calendar that may hold them: when they were due, or last changed, within
:data:`CLOSED_KEPT_DAYS` of today (or are due later). That is long enough for
a subscribed client, or a re-import, to see the cancellation; older ones
drop out so that the file does not grow with the whole history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from nextround.renderers.calendar import InterviewEntry, TaskEntry, render_calendar
from nextround.services import drafts
from nextround.services.context import Context
from nextround.storage import applications, interviews, people, tasks
from nextround.storage.sql import Connection

#: How long a closed task stays in the calendar as a cancelled event.
CLOSED_KEPT_DAYS = 90


@dataclass(frozen=True)
class CalendarExport:
    """The ``.ics`` bytes and what went into them."""

    data: bytes
    open_tasks: int
    closed_tasks: int
    interviews: int

    @property
    def events(self) -> int:
        return self.open_tasks + self.closed_tasks + self.interviews


def export_calendar(ctx: Context) -> CalendarExport:
    """Every open task, recently closed task and interview, as one calendar."""
    with ctx.db.read() as c:
        task_entries = _task_entries(c, ctx)
        meetings = _interview_entries(c, ctx.owner)
    as_of = datetime.combine(ctx.today, time(), tzinfo=UTC)
    closed = sum(not e.task.status.is_pending for e in task_entries)
    return CalendarExport(
        data=render_calendar(task_entries, meetings, owner=ctx.owner, as_of=as_of),
        open_tasks=len(task_entries) - closed,
        closed_tasks=closed,
        interviews=len(meetings),
    )


def kept(entry: TaskEntry, today: date) -> bool:
    """Whether a task belongs in the calendar on ``today``."""
    if entry.task.status.is_pending:
        return True
    since = today - timedelta(days=CLOSED_KEPT_DAYS)
    return entry.task.due >= since or entry.changed_at.date() >= since


def _task_entries(c: Connection, ctx: Context) -> list[TaskEntry]:
    """The tasks a calendar shows, with their drafts as they read now."""
    stamps = tasks.revisions(c, ctx.owner)
    entries = [
        TaskEntry(t, stamps[t.id].number, stamps[t.id].changed_at)
        for t in tasks.list_all(c, ctx.owner, pending_only=False)
    ]
    found = [e for e in entries if kept(e, ctx.today)]
    drafted = drafts.current(c, ctx, [e.task for e in found])
    return [replace(e, task=t) for e, t in zip(found, drafted, strict=True)]


def _interview_entries(c: Connection, owner: int) -> list[InterviewEntry]:
    apps = {app.id: app for app in applications.list_all(c, owner)}
    found = [(apps[i.application_id], i) for i in interviews.list_all(c, owner)]
    names = _names(c, owner, (i for _, meeting in found for i in meeting.interviewer_ids))
    found.sort(key=lambda pair: (pair[1].on, pair[1].at or time(), pair[1].id))
    return [
        InterviewEntry(
            interview=meeting,
            company=app.company,
            role=app.role,
            interviewers=tuple(names[i] for i in meeting.interviewer_ids if i in names),
        )
        for app, meeting in found
    ]


def _names(c: Connection, owner: int, ids: Iterable[int]) -> dict[int, str]:
    return {p.id: p.name for p in people.get_many(c, owner, dict.fromkeys(ids))}
