"""Interviews: when, how, and with whom."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from nextround.domain import rules
from nextround.domain.rules import UNSET, Unset
from nextround.errors import InvalidInput


class Format(enum.StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    TAKE_HOME = "take-home"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> Format:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(f.value for f in cls)
            raise InvalidInput(
                f"unknown interview format {text!r}; choose one of: {names}", field="format"
            ) from None


class InterviewKind(enum.StrEnum):
    """What the interview was; drafts name it ("during the technical interview")."""

    SCREEN = "screen"
    TECHNICAL = "technical"
    PANEL = "panel"
    ONSITE = "onsite"
    TAKE_HOME = "take-home"

    @classmethod
    def parse(cls, text: str) -> InterviewKind | None:
        """A kind as typed ("take home", "Technical"); empty is None (not said)."""
        word = text.strip().lower().replace(" ", "-").replace("_", "-")
        if not word:
            return None
        try:
            return cls(word)
        except ValueError:
            names = ", ".join(k.value for k in cls)
            raise InvalidInput(
                f"unknown interview kind {text.strip()!r}; choose one of: {names}", field="kind"
            ) from None


class InterviewStatus(enum.StrEnum):
    #: Held, or still to come (which of the two, the date says).
    PLANNED = "planned"
    #: Called off by the user.
    CANCELLED = "cancelled"
    #: Still to come when the company said no: it won't happen.
    CALLED_OFF = "called_off"


@dataclass(frozen=True)
class Interview:
    id: int
    application_id: int
    on: date
    at: time | None = None
    format: Format = Format.VIDEO
    interviewer_ids: tuple[int, ...] = field(default_factory=tuple)
    notes: str = ""
    status: InterviewStatus = InterviewStatus.PLANNED
    revision: int = 0
    #: What the user talked about with each interviewer: person id -> short topics.
    topics: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    #: What kind of interview it was; None: not said.
    kind: InterviewKind | None = None

    def topics_with(self, person_id: int) -> tuple[str, ...]:
        return tuple(self.topics.get(person_id, ()))

    @property
    def happens(self) -> bool:
        """Not cancelled or called off."""
        return self.status is InterviewStatus.PLANNED


def _format(value: Any) -> Format:
    if isinstance(value, Format):
        return value
    try:
        return Format.parse(str(value))
    except InvalidInput as exc:
        raise InvalidInput(exc.message, field="format") from None


def _status(value: Any) -> InterviewStatus:
    if isinstance(value, InterviewStatus):
        return value
    try:
        return InterviewStatus(str(value).strip().lower())
    except ValueError:
        raise InvalidInput(
            f"unknown interview status {value!r}; choose planned or cancelled", field="status"
        ) from None


#: A topic is a few words ("the data platform"); longer thoughts belong in the journal.
TOPIC_MAX = 60
TOPICS_MAX = 5


def topic(text: str) -> str:
    """One topic as a draft can use it: a short noun phrase on one line, no end punctuation."""
    cleaned = " ".join(text.split()).strip(" .;:!,-")
    if len(cleaned) > TOPIC_MAX:
        raise InvalidInput(
            f"the topic {cleaned[:30]!r}... is {len(cleaned)} characters; a topic is a few words "
            f"(at most {TOPIC_MAX}), like 'the data platform'. Longer thoughts belong in the journal",
            field="topics",
        )
    return cleaned


def _topics(value: Mapping[int, Any]) -> dict[int, tuple[str, ...]]:
    """Each person's topics, cleaned; an empty list clears theirs."""
    found: dict[int, tuple[str, ...]] = {}
    for person_id, given in value.items():
        rules.record_id(int(person_id), "person")
        cleaned = tuple(dict.fromkeys(t for t in (topic(str(g)) for g in given) if t))
        if len(cleaned) > TOPICS_MAX:
            raise InvalidInput(
                f"{len(cleaned)} topics for one person; keep the {TOPICS_MAX} that matter most",
                field="topics",
            )
        found[int(person_id)] = cleaned
    return found


def _rules(today: date) -> dict[str, Callable[[Any], object]]:
    return {
        "on": lambda v: rules.day(
            rules.given(v, "on", "interview date"), "on", "interview date", today
        ),
        "format": lambda v: _format(rules.given(v, "format", "interview format")),
        "interviewer_ids": lambda v: rules.ids(v or (), "person"),
        "new_interviewers": lambda v: tuple(
            dict.fromkeys(
                rules.required_line(n, "interviewers", "interviewer's name", limit=rules.NAME_MAX)
                for n in v
            )
        ),
        "notes": lambda v: rules.text_block(v or "", "notes", "notes"),
        "status": lambda v: _status(rules.given(v, "status", "interview status")),
        "topics": _topics,
        "kind": _kind,
    }


def _kind(value: InterviewKind | str | None) -> InterviewKind | None:
    if value is None or isinstance(value, InterviewKind):
        return value
    return InterviewKind.parse(str(value))


@dataclass(frozen=True)
class NewInterview:
    """An interview to record; interviewers are people at the application's company."""

    application_id: int
    on: date
    at: time | None = None
    format: Format = Format.VIDEO
    interviewer_ids: tuple[int, ...] = ()
    #: Names of interviewers not recorded yet: added as people at the company.
    new_interviewers: tuple[str, ...] = ()
    notes: str = ""
    kind: InterviewKind | str | None = None

    def checked(self, today: date) -> NewInterview:
        rules.record_id(self.application_id, "application")
        skip = {"status", "topics"}
        return rules.apply(self, {k: v for k, v in _rules(today).items() if k not in skip})


@dataclass(frozen=True)
class InterviewChanges:
    """Fields to change; a list of interviewers replaces the list."""

    on: date | Unset = UNSET
    at: time | Unset | None = UNSET
    format: Format | Unset = UNSET
    interviewer_ids: tuple[int, ...] | Unset = UNSET
    new_interviewers: tuple[str, ...] | Unset = UNSET
    notes: str | Unset | None = UNSET
    status: InterviewStatus | Unset = UNSET
    #: Person id -> what the user talked about with them; replaces theirs (empty clears).
    topics: Mapping[int, tuple[str, ...]] | Unset = UNSET
    #: ``None``: not said.
    kind: InterviewKind | str | Unset | None = UNSET

    def checked(self, today: date) -> InterviewChanges:
        return rules.apply(self, _rules(today))


def parse_time(text: str) -> time:
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?", text.strip())
    if match is None:
        raise InvalidInput(f"time {text!r} is not a time; use HH:MM, for example 14:30")
    return time(int(match[1]), int(match[2]), int(match[3] or 0))
