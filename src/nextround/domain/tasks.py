"""Tasks: the concrete next steps, with their kinds, states and the daily agenda."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from nextround.domain import rules
from nextround.domain.rules import UNSET, Unset
from nextround.errors import InvalidInput


class Kind(enum.StrEnum):
    """Task kinds as they appear in machine-readable output."""

    JOURNAL = "journal"
    THANK_YOU_CARD = "thank_you_card"
    CONGRATS_EMAIL = "congrats_email"
    LINKEDIN_INVITE = "linkedin_invite"
    FOLLOW_COMPANY = "follow_company"
    CHECK_BACK = "check_back"
    RECORD_INTERVIEWERS = "record_interviewers"
    FIND_ADDRESS = "find_address"
    FIND_EMAIL = "find_email"
    #: Made by a watch run, once: the role the user applied for is listed again.
    REOPENED_ROLE = "reopened_role"

    @property
    def fills_a_gap(self) -> bool:
        """Tasks that ask for missing information: finished once it is there."""
        return self in {Kind.RECORD_INTERVIEWERS, Kind.FIND_ADDRESS, Kind.FIND_EMAIL}


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    CANCELLED = "cancelled"

    @property
    def is_pending(self) -> bool:
        return self in {TaskStatus.OPEN, TaskStatus.SNOOZED}


@dataclass(frozen=True)
class Task:
    id: int
    key: str
    kind: Kind
    title: str
    due: date
    status: TaskStatus
    application_id: int | None = None
    company_id: int | None = None
    company: str | None = None
    person_id: int | None = None
    person: str | None = None
    url: str | None = None
    draft_subject: str | None = None
    draft: str | None = None
    draft_edited: bool = False
    done_on: date | None = None
    #: Counts the stored changes: a draft edit started from an older one is stale.
    revision: int = 0
    #: Why the draft can't be used as it is (a LinkedIn note over the limit).
    draft_problem: str | None = None
    #: Which wording the draft written from the data uses ("another wording" moves it on).
    draft_variant: int = 0

    def to_json(self) -> dict[str, object]:
        """The machine-readable shape shared by every face."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "title": self.title,
            "due": self.due.isoformat(),
            "status": self.status.value,
            "company": self.company,
            "person": self.person,
            "application_id": self.application_id,
            "company_id": self.company_id,
            "person_id": self.person_id,
            "url": self.url,
            "draft_subject": self.draft_subject,
            "draft": self.draft,
            "draft_edited": self.draft_edited,
            "draft_problem": self.draft_problem,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "revision": self.revision,
        }


@dataclass(frozen=True)
class Agenda:
    """What ``today`` shows: overdue, due today, and the next days."""

    today: date
    overdue: list[Task]
    due_today: list[Task]
    upcoming: list[Task]

    def is_empty(self) -> bool:
        return not (self.overdue or self.due_today or self.upcoming)


#: How far ahead the agenda looks.
AGENDA_DAYS = 7


def agenda_end(today: date) -> date:
    return today + timedelta(days=AGENDA_DAYS)


def build_agenda(today: date, tasks: Iterable[Task]) -> Agenda:
    """Sort pending tasks due up to a week ahead into the agenda's three groups."""
    overdue, due_today, upcoming = [], [], []
    end = agenda_end(today)
    for task in sorted(tasks, key=lambda t: (t.due, t.id)):
        if not task.status.is_pending or task.due > end:
            continue
        if task.due < today:
            overdue.append(task)
        elif task.due == today:
            due_today.append(task)
        else:
            upcoming.append(task)
    return Agenda(today, overdue, due_today, upcoming)


def check_snooze(task: Task, until: date, today: date) -> None:
    if not task.status.is_pending:
        raise InvalidInput(f"task {task.id} is {task.status.value}; only open tasks can be snoozed")
    if until <= today:
        raise InvalidInput(
            f"snooze until {until.isoformat()} is not after today; pick a later date"
        )


@dataclass(frozen=True)
class TaskChanges:
    """What the user may change on a step: its day and its draft.

    ``draft=None`` drops the user's edit: the draft is written from the data again.
    """

    due: date | Unset = UNSET
    draft_subject: str | Unset | None = UNSET
    draft: str | Unset | None = UNSET

    def checked(self, today: date) -> TaskChanges:
        return rules.apply(
            self,
            {
                "due": lambda v: rules.day(
                    rules.given(v, "due", "due date"), "due", "due date", today
                ),
                "draft_subject": lambda v: rules.optional_line(
                    v, "draft_subject", "subject", limit=500
                ),
                "draft": lambda v: None if v is None else _draft(v),
            },
        )


def _draft(text: str) -> str:
    body = rules.text_block(text, "draft", "the draft", limit=rules.NOTES_MAX)
    if not body:
        raise InvalidInput("the draft can't be empty", field="draft")
    return body
