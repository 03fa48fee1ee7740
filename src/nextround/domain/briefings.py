"""A company briefing, "what to expect next time", as plain data: built by the
briefings service, turned into Markdown or HTML by the briefings renderer."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from nextround.domain.applications import Application, Status
from nextround.domain.companies import Company
from nextround.domain.interviews import Format
from nextround.domain.journal import JournalEntry
from nextround.domain.network import KnownPerson
from nextround.domain.people import ConnectState, Person, Relationship
from nextround.domain.since_no import SinceNo
from nextround.domain.tasks import Task


class EventKind(enum.StrEnum):
    APPLIED = "applied"
    INTERVIEW = "interview"
    REJECTED = "rejected"


@dataclass(frozen=True)
class TimelineEvent:
    """One dated thing that happened (or will happen) with the company."""

    on: date
    kind: EventKind
    application_id: int
    role: str
    status: Status
    at: time | None = None
    format: Format | None = None
    people: tuple[Person, ...] = ()
    notes: str = ""
    upcoming: bool = False


@dataclass(frozen=True)
class PersonMet:
    person: Person
    relationship: Relationship
    connect_state: ConnectState
    steps: tuple[tuple[str, str], ...]
    met_on: tuple[date, ...] = ()
    meeting_on: tuple[date, ...] = ()
    #: Their follow-up steps on the task list (to do, done or skipped), soonest first.
    tasks: tuple[Task, ...] = ()

    @property
    def untouched(self) -> bool:
        """No follow-up step with them yet: none taken, none on the task list."""
        return not self.tasks and not self.touched

    @property
    def touched(self) -> bool:
        """Some step of the relationship (card, congratulations, connecting) is recorded."""
        return self.relationship != Relationship(self.person.id)


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


@dataclass(frozen=True)
class JournalNote:
    """One journal entry, its most useful sections first."""

    entry: JournalEntry
    highlights: tuple[Section, ...]
    other: tuple[Section, ...]
    interview_on: date | None = None
    interview_format: Format | None = None


@dataclass(frozen=True)
class ApplicationNotes:
    application: Application
    notes: tuple[JournalNote, ...]


@dataclass(frozen=True)
class Briefing:
    company: Company
    today: date
    opening: str
    applications: tuple[Application, ...]
    timeline: tuple[TimelineEvent, ...]
    people: tuple[PersonMet, ...]
    journal: tuple[ApplicationNotes, ...]
    follow_ups: tuple[Task, ...]
    #: What the watch saw since the latest no (None: no rejection, or the company not watched).
    since_no: SinceNo | None = None
    #: Whether the company's board or news is watched (``nextround watch add``).
    watched: bool = False
    #: When a role was posted or reopened since the no: the people the user knows there.
    people_you_know: tuple[KnownPerson, ...] = ()

    @property
    def last_no(self) -> Application | None:
        return last_no(self.applications)

    @property
    def saved(self) -> tuple[Application, ...]:
        """Applications saved for later: no date, so not on the timeline."""
        return tuple(a for a in self.applications if not a.was_applied)


# Wording shared by both formats: plain text, escaped by each format on its own.


def last_no(apps: Iterable[Application]) -> Application | None:
    """The latest application turned down, if any."""
    rejected = [(a.rejected_on, a.id, a) for a in apps if a.rejected_on is not None]
    return max(rejected, key=lambda found: found[:2])[2] if rejected else None
