"""People met along the way, and where the relationship with each one stands."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import unquote, urlsplit

from nextround.domain import rules
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


class ConnectState(enum.StrEnum):
    """Where the "OK to connect?" question stands on a given day."""

    NOT_ASKED = "not asked"
    WAITING = "waiting for a reply"
    NO_REPLY = "no reply"
    YES = "yes"
    NO = "no"


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    company_id: int
    company: str = ""
    title: str | None = None
    email: str | None = None
    linkedin_url: str | None = None
    address: str | None = None
    notes: str = ""
    #: Counts the stored edits: an edit started from an older one is stale.
    revision: int = 0

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


_PERSON_RULES: dict[str, Callable[[Any], object]] = {
    "name": lambda v: rules.required_line(v or "", "name", "person's name", limit=rules.NAME_MAX),
    "title": lambda v: rules.optional_line(v, "title", "job title", limit=rules.NAME_MAX),
    "email": rules.email,
    "linkedin_url": lambda v: rules.url(v, "linkedin_url", "LinkedIn URL"),
    "address": lambda v: rules.optional_block(v, "address", "address", limit=rules.ADDRESS_MAX),
    "notes": lambda v: rules.text_block(v or "", "notes", "notes"),
    "company_id": lambda v: rules.record_id(rules.given(v, "company_id", "company"), "company"),
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
