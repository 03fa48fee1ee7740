"""Interviews: when, how, and with whom."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
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
    }


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

    def checked(self, today: date) -> NewInterview:
        rules.record_id(self.application_id, "application")
        return rules.apply(self, {k: v for k, v in _rules(today).items() if k != "status"})


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

    def checked(self, today: date) -> InterviewChanges:
        return rules.apply(self, _rules(today))


def parse_time(text: str) -> time:
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?", text.strip())
    if match is None:
        raise InvalidInput(f"time {text!r} is not a time; use HH:MM, for example 14:30")
    return time(int(match[1]), int(match[2]), int(match[3] or 0))
