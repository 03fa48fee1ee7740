"""Applications and their status pipeline."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from nextround.domain import draft_language, rules
from nextround.domain.rules import UNSET, Unset
from nextround.errors import InvalidInput


class Status(enum.StrEnum):
    """saved -> applied -> screening -> interviewing -> offer / rejected / withdrawn / ghosted."""

    SAVED = "saved"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @classmethod
    def parse(cls, text: str) -> Status:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise InvalidInput(
                f"unknown status {text!r}; choose one of: {names}", field="status"
            ) from None

    @property
    def is_open(self) -> bool:
        return self in _OPEN


_OPEN = frozenset({Status.SAVED, Status.APPLIED, Status.SCREENING, Status.INTERVIEWING})

#: The order the pipeline is shown in.
PIPELINE = tuple(Status)


@dataclass(frozen=True)
class Application:
    id: int
    company_id: int
    role: str
    status: Status
    company: str = ""
    applied_on: date | None = None
    rejected_on: date | None = None
    source_url: str | None = None
    requisition_id: str | None = None
    notes: str = ""
    #: Counts the stored edits: an edit started from an older one is stale.
    revision: int = 0
    location: str | None = None
    work_mode: WorkMode | None = None
    salary: Salary | None = None
    #: The job description, kept even after the posting is gone.
    description: str = ""
    source: Source | None = None
    referrer_id: int | None = None
    referrer: str | None = None
    #: The language the process ran in, and drafts are written in (None: the default one).
    language: str | None = None

    @property
    def was_applied(self) -> bool:
        return self.status is not Status.SAVED or self.applied_on is not None


class WorkMode(enum.StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class Source(enum.StrEnum):
    """How the user came to apply."""

    JOB_BOARD = "job_board"
    REFERRAL = "referral"
    RECRUITER = "recruiter"
    COMPANY_SITE = "company_site"
    OTHER = "other"


class Period(enum.StrEnum):
    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    HOUR = "hour"


@dataclass(frozen=True)
class Salary:
    """A salary range as the posting gave it: either end may be missing."""

    minimum: int | None
    maximum: int | None
    currency: str | None = None
    period: Period | None = None

    def __str__(self) -> str:
        if self.minimum is not None and self.maximum is not None and self.minimum != self.maximum:
            amount = f"{self.minimum:,}\u2013{self.maximum:,}"
        elif self.minimum is not None or self.maximum is not None:
            amount = f"{self.minimum if self.minimum is not None else self.maximum:,}"
        else:
            amount = ""
        parts = [p for p in (self.currency, amount) if p]
        text = " ".join(parts)
        return f"{text} a {self.period.value}" if self.period and text else text


def _choice(enum_type: type[enum.StrEnum], field: str, label: str) -> Callable[[Any], object]:
    def rule(value: Any) -> object:
        word = rules.choice(value, field, label, tuple(e.value for e in enum_type))
        return None if word is None else enum_type(word)

    return rule


def _currency(value: Any) -> str | None:
    code = rules.optional_line(value, "salary_currency", "currency", limit=3)
    if code is None:
        return None
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise InvalidInput(
            f"currency {code!r} is not a currency code; use three letters such as EUR or USD",
            field="salary_currency",
        )
    return code.upper()


_APPLICATION_RULES: dict[str, Callable[[Any], object]] = {
    "role": lambda v: rules.required_line(v or "", "role", "role", limit=rules.LINE_MAX),
    "source_url": lambda v: rules.url(v, "source_url", "posting URL"),
    "requisition_id": lambda v: rules.optional_line(
        v, "requisition_id", "requisition id", limit=200
    ),
    "notes": lambda v: rules.text_block(v or "", "notes", "notes"),
    "location": lambda v: rules.optional_line(v, "location", "location", limit=rules.NAME_MAX),
    "work_mode": _choice(WorkMode, "work_mode", "work mode"),
    "salary_min": lambda v: rules.whole_number(v, "salary_min", "lowest salary"),
    "salary_max": lambda v: rules.whole_number(v, "salary_max", "highest salary"),
    "salary_currency": _currency,
    "salary_period": _choice(Period, "salary_period", "salary period"),
    "description": lambda v: rules.text_block(
        v or "", "description", "job description", limit=rules.LONG_TEXT_MAX
    ),
    "source": _choice(Source, "source", "source"),
    "referrer_id": lambda v: None if v is None else rules.record_id(v, "person"),
    "language": draft_language.language,
}


def _check_salary(minimum: object, maximum: object) -> None:
    if isinstance(minimum, int) and isinstance(maximum, int) and minimum > maximum:
        raise InvalidInput(
            f"the lowest salary ({minimum:,}) is above the highest ({maximum:,}); swap them",
            field="salary_min",
        )


@dataclass(frozen=True)
class NewApplication:
    """An application to add, at a company known by id or a new one by name."""

    role: str
    company_id: int | None = None
    #: A company to add for it, when it isn't known yet.
    new_company: str | None = None
    status: Status | None = None
    applied_on: date | None = None
    source_url: str | None = None
    requisition_id: str | None = None
    notes: str = ""
    location: str | None = None
    work_mode: WorkMode | str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    salary_period: Period | str | None = None
    description: str = ""
    source: Source | str | None = None
    referrer_id: int | None = None
    language: str | None = None

    def checked(self, today: date) -> NewApplication:
        checked = rules.apply(
            self,
            {
                **_APPLICATION_RULES,
                "applied_on": lambda v: (
                    v and rules.past_day(v, "applied_on", "applied date", today)
                ),
                "company_id": lambda v: None if v is None else rules.record_id(v, "company"),
                "new_company": lambda v: rules.optional_line(
                    v, "company", "company name", limit=rules.NAME_MAX
                ),
            },
        )
        problems = rules.Problems()
        if checked.company_id is None and not checked.new_company:
            problems.add("company", "give the company (its name or id)")
        if checked.status is Status.REJECTED:
            problems.add("status", "add the application first, then record the rejection")
        problems.check(lambda: _check_salary(checked.salary_min, checked.salary_max))
        problems.raise_any()
        return checked


@dataclass(frozen=True)
class ApplicationChanges:
    """Details to change (the status moves through ``set_status`` and ``reject``)."""

    role: str | Unset = UNSET
    applied_on: date | Unset | None = UNSET
    source_url: str | Unset | None = UNSET
    requisition_id: str | Unset | None = UNSET
    notes: str | Unset | None = UNSET
    location: str | Unset | None = UNSET
    work_mode: WorkMode | str | Unset | None = UNSET
    salary_min: int | Unset | None = UNSET
    salary_max: int | Unset | None = UNSET
    salary_currency: str | Unset | None = UNSET
    salary_period: Period | str | Unset | None = UNSET
    description: str | Unset | None = UNSET
    source: Source | str | Unset | None = UNSET
    referrer_id: int | Unset | None = UNSET
    #: ``None`` goes back to the default language of drafts.
    language: str | Unset | None = UNSET

    def checked(self, today: date) -> ApplicationChanges:
        return rules.apply(
            self,
            {
                **_APPLICATION_RULES,
                "applied_on": lambda v: (
                    v and rules.past_day(v, "applied_on", "applied date", today)
                ),
            },
        )


def check_salary(app: Application) -> None:
    """The range as it will be stored, after an edit changed one end."""
    if app.salary is not None:
        _check_salary(app.salary.minimum, app.salary.maximum)


def check_dates(applied_on: date | None, rejected_on: date | None) -> None:
    """A rejection is never before the application was sent."""
    if applied_on and rejected_on and rejected_on < applied_on:
        raise InvalidInput(
            f"the rejection ({rejected_on}) would be before the application was sent "
            f"({applied_on}); check both dates",
            field="applied_on",
        )


def check_can_reject(app: Application) -> None:
    """A rejection needs an application that was actually sent."""
    if not app.was_applied:
        raise InvalidInput(
            f"application {app.id} ({app.role} at {app.company}) was never applied to; "
            "record it as applied first"
        )
