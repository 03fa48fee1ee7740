"""People met along the way, and where the relationship with each one stands."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any
from urllib.parse import unquote, urlsplit

from nextround.domain import draft_language, rules
from nextround.domain.rules import UNSET, Unset

#: After this many days without an answer, the "OK to connect?" email is finished.
REPLY_WAIT_DAYS = 21

_FAMILY_NAME_FIRST = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})


class ConnectAnswer(enum.StrEnum):
    YES = "yes"
    NO = "no"


class Part(enum.StrEnum):
    """The part a person played in the process; drafts are written for it."""

    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"
    INTERVIEWER = "interviewer"
    PEER = "peer"
    EXECUTIVE = "executive"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


PARTS = tuple(p.value for p in Part)

_TITLE_PARTS: tuple[tuple[Part, re.Pattern[str]], ...] = (
    (Part.RECRUITER, re.compile(r"recruit|talent|sourc(er|ing)|\bhr\b|people (partner|ops)")),
    (
        Part.EXECUTIVE,
        re.compile(
            r"\bc[etfo]o\b|chief|founder|president|\bvp\b|vice president|\bhead of\b|director"
        ),
    ),
    (Part.HIRING_MANAGER, re.compile(r"manager|\blead\b|team lead|supervisor")),
)


def part_from_title(title: str | None) -> Part:
    """The part a job title suggests: "Talent Partner" is a recruiter; unknown is an interviewer."""
    text = (title or "").lower()
    for part, pattern in _TITLE_PARTS:
        if pattern.search(text):
            return part
    return Part.INTERVIEWER


class ConnectState(enum.StrEnum):
    """Where the "OK to connect?" question stands on a given day."""

    NOT_ASKED = "not asked"
    WAITING = "waiting for a reply"
    NO_REPLY = "no reply"
    YES = "yes"
    NO = "no"


#: Where a person came from: typed in, met in an interview, or imported.
SOURCES = ("manual", "interview", "linkedin", "google", "vcard", "csv")


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    #: None for an imported contact not linked to a company record yet.
    company_id: int | None
    #: The company record's name; else the organisation the import gave; else "".
    company: str = ""
    title: str | None = None
    email: str | None = None
    linkedin_url: str | None = None
    address: str | None = None
    notes: str = ""
    #: Counts the stored edits: an edit started from an older one is stale.
    revision: int = 0
    #: The part they played, as the user set it; None: from the job title (:attr:`plays`).
    part: Part | None = None
    #: The company's name as an import gave it (kept when no company record is linked).
    organisation: str | None = None
    #: Where they came from: one of :data:`SOURCES`.
    source: str = "manual"
    phone: str | None = None
    #: The language of drafts to them (None: the application's).
    language: str | None = None
    #: How drafts address them ("Frau Dr. Weber"); None: their first name.
    address_as: str | None = None
    #: Sie/du, vous/tu, usted/tú; None: the language's convention.
    formal: bool | None = None

    @property
    def addressed(self) -> str:
        """How drafts address them: as the user set it, else their first name."""
        return self.address_as or self.first_name

    @property
    def plays(self) -> Part:
        """The part they played: as set, else as their job title suggests."""
        return self.part or part_from_title(self.title)

    def to_json(self) -> dict[str, object]:
        """Its fields, and the part drafts are written for (``plays``)."""
        from nextround.domain.jsonable import to_jsonable

        found = {f.name: to_jsonable(getattr(self, f.name)) for f in fields(self)}
        return {**found, "plays": self.plays.value}

    @property
    def full_name(self) -> str:
        """Given and family name, without a leading honorific: "Dr. Zoë Ng" -> "Zoë Ng"."""
        words = self.name.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
            words = words[1:]
        return " ".join(words) or self.name

    def addressed_in(self, code: str, formal: bool) -> str:
        """How a draft in ``code`` greets them: as the user set it; with no form of address,
        their full name in a formal German, French or Spanish draft ("Guten Tag Dana
        Smith," reads better with Sie than a first name), else their first name."""
        if self.address_as:
            return self.address_as
        return self.full_name if formal and code != "en" else self.first_name

    @property
    def first_name(self) -> str:
        """The name to greet them by: "Dr. Zoë Ng" -> "Zoë"."""
        if _FAMILY_NAME_FIRST.search(self.name):
            return self.name  # Chinese, Japanese, Korean names: the first word is the family name
        words = self.name.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
            words = words[1:]
        return words[0] if words else self.name


@dataclass(frozen=True)
class Relationship:
    """The follow-up steps taken with one person, each with the day it happened."""

    person_id: int
    card_mailed_on: date | None = None
    congratulated_on: date | None = None
    asked_to_connect_on: date | None = None
    answer: ConnectAnswer | None = None
    answered_on: date | None = None
    invited_on: date | None = None
    connected_on: date | None = None
    congrats_message_id: str | None = None

    def connect_state(self, today: date) -> ConnectState:
        if self.answer is not None:
            return ConnectState(self.answer.value)
        if self.asked_to_connect_on is None:
            return ConnectState.NOT_ASKED
        if today - self.asked_to_connect_on >= timedelta(days=REPLY_WAIT_DAYS):
            return ConnectState.NO_REPLY
        return ConnectState.WAITING

    def steps(self, today: date) -> list[tuple[str, str]]:
        """The relationship step by step, as (step, state) pairs for display."""

        def when(day: date | None) -> str:
            return day.isoformat() if day else "not yet"

        return [
            ("card mailed", when(self.card_mailed_on)),
            ("congratulated", when(self.congratulated_on)),
            ("asked to connect", when(self.asked_to_connect_on)),
            ("answer", self.connect_state(today).value),
            ("invited on LinkedIn", when(self.invited_on)),
            ("connected", when(self.connected_on)),
        ]


def _part(value: Part | str | None) -> Part | None:
    if value is None or isinstance(value, Part):
        return value
    word = rules.choice(value, "part", "part in the process", PARTS)
    return None if word is None else Part(word)


_PERSON_RULES: dict[str, Callable[[Any], object]] = {
    "name": lambda v: rules.required_line(v or "", "name", "person's name", limit=rules.NAME_MAX),
    "title": lambda v: rules.optional_line(v, "title", "job title", limit=rules.NAME_MAX),
    "email": rules.email,
    "linkedin_url": lambda v: rules.url(v, "linkedin_url", "LinkedIn URL"),
    "address": lambda v: rules.optional_block(v, "address", "address", limit=rules.ADDRESS_MAX),
    "notes": lambda v: rules.text_block(v or "", "notes", "notes"),
    "company_id": lambda v: rules.record_id(rules.given(v, "company_id", "company"), "company"),
    "part": _part,
    "language": draft_language.language,
    "address_as": lambda v: rules.optional_line(v, "address_as", "form of address", limit=120),
    "formal": lambda v: v if v is None else bool(v),
}


@dataclass(frozen=True)
class NewPerson:
    """Someone met at a company."""

    name: str
    company_id: int
    title: str | None = None
    email: str | None = None
    linkedin_url: str | None = None
    address: str | None = None
    notes: str = ""
    part: Part | str | None = None
    language: str | None = None
    address_as: str | None = None
    formal: bool | None = None

    def checked(self) -> NewPerson:
        return rules.apply(self, _PERSON_RULES)


@dataclass(frozen=True)
class PersonChanges:
    """Fields to change; :data:`~nextround.domain.rules.UNSET` ones stay, ``None`` clears."""

    name: str | Unset = UNSET
    company_id: int | Unset = UNSET
    title: str | Unset | None = UNSET
    email: str | Unset | None = UNSET
    linkedin_url: str | Unset | None = UNSET
    address: str | Unset | None = UNSET
    notes: str | Unset | None = UNSET
    #: ``None`` goes back to the part the job title suggests.
    part: Part | str | Unset | None = UNSET
    #: ``None`` goes back to the application's language.
    language: str | Unset | None = UNSET
    #: ``None`` goes back to their first name.
    address_as: str | Unset | None = UNSET
    #: ``None`` goes back to the language's convention.
    formal: bool | Unset | None = UNSET

    def checked(self) -> PersonChanges:
        return rules.apply(self, _PERSON_RULES)


def profile_key(url: str | None) -> str | None:
    """A LinkedIn profile URL as compared: lower-case host, no ``www.``, query or trailing slash."""
    if not url:
        return None
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return None
    path = unquote(parts.path).rstrip("/").casefold()
    return f"{host}{path}" if host else None


def email_key(email: str | None) -> str | None:
    return email.strip().casefold() if email else None
