"""The rules every input obeys, whichever face it came through.

The command line, the web forms and the JSON API hand the services the same
input dataclasses (``NewPerson``, ``PersonChanges``, ...); each one's
``checked()`` applies the rules below, so the same wrong input gets the same
answer everywhere. A rule names the field at fault; :class:`Problems`
gathers every fault of one input, so the user hears them all at once.

- Text: a line (a name, a title) is one line of at most a few hundred
  characters; blocks of text (notes, addresses, a journal entry) may hold
  line breaks and tabs. Other control characters (NUL, escape sequences) and
  lone surrogates are refused everywhere: they can't be stored or printed
  faithfully.
- Dates: from 1900 to five years from today; a day something happened
  (a rejection, a step done) is not after today.
- Ids: a whole number from 1 to 2**31 - 1; anything else matches nothing.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields, is_dataclass, replace
from datetime import date
from functools import partial
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

from nextround.errors import InvalidInput, NotFound

T = TypeVar("T")

#: The largest id a row can have (a 32-bit integer column on PostgreSQL).
MAX_ID = 2**31 - 1
FIRST_YEAR = 1900
#: How far ahead a date may lie: plans and interviews, not typing mistakes.
YEARS_AHEAD = 5

#: Longest values, in characters.
NAME_MAX = 200
LINE_MAX = 300
URL_MAX = 2000
EMAIL_MAX = 320
ADDRESS_MAX = 1000
NOTES_MAX = 20_000
LONG_TEXT_MAX = 200_000


class _Unset(enum.Enum):
    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


#: A field of a ``...Changes`` input left as it is (``None`` clears a field).
UNSET = _Unset.UNSET
Unset = Literal[_Unset.UNSET]


def changed(changes: object) -> dict[str, object]:
    """The fields of a ``...Changes`` dataclass that were set, by name."""
    assert is_dataclass(changes)
    found = ((f.name, getattr(changes, f.name)) for f in fields(changes))
    return {name: value for name, value in found if value is not UNSET}


class Problems:
    """The faults of one input, by field; raised together as one :class:`InvalidInput`."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def check(self, rule: Callable[[], T]) -> T | None:
        """``rule()``, or None with its fault recorded."""
        try:
            return rule()
        except InvalidInput as exc:
            for name, message in exc.fields.items():
                self.fields.setdefault(name, message)
            if not exc.fields:
                self.fields.setdefault("", exc.message)
            return None

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, message)

    def raise_any(self) -> None:
        if self.fields:
            raise InvalidInput(_summary(self.fields), fields=self.fields)


def _summary(found: dict[str, str]) -> str:
    messages = list(dict.fromkeys(found.values()))
    if len(messages) == 1:
        return messages[0]
    return "; ".join(messages)


def _fault(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, fields={field: message})


# Control characters other than line breaks and tabs, and lone surrogates.
_FORBIDDEN_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_FORBIDDEN_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def _refuse_unprintable(value: str, pattern: re.Pattern[str], field: str, label: str) -> None:
    found = pattern.search(value)
    if found is None:
        return
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        what = "a broken character (a lone surrogate)"
    elif char in "\r\n\u2028\u2029":
        what = "a line break"
    else:
        what = f"a control character (U+{ord(char):04X})"
    raise _fault(field, f"{label} contains {what}; remove it and try again")


def line(value: str, field: str, label: str, *, limit: int = LINE_MAX) -> str:
    """One line of text: spaces collapsed, nothing unprintable, within ``limit``; may be empty."""
    _refuse_unprintable(value.replace("\t", " "), _FORBIDDEN_IN_LINE, field, label)
    cleaned = _within(" ".join(value.split()), field, label, limit)
    return unicodedata.normalize("NFC", cleaned)


def required_line(value: str, field: str, label: str, *, limit: int = LINE_MAX) -> str:
    cleaned = line(value, field, label, limit=limit)
    if not cleaned:
        raise _fault(field, f"{label} can't be empty")
    return cleaned


def optional_line(
    value: str | None, field: str, label: str, *, limit: int = LINE_MAX
) -> str | None:
    """A line that may be left out: empty becomes None."""
    if value is None:
        return None
    return line(value, field, label, limit=limit) or None


def text_block(value: str, field: str, label: str, *, limit: int = NOTES_MAX) -> str:
    """Text with line breaks kept (as ``\\n``), trimmed, nothing else unprintable."""
    normal = value.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_unprintable(normal, _FORBIDDEN_IN_TEXT, field, label)
    return _within(unicodedata.normalize("NFC", normal.strip()), field, label, limit)


def _within(cleaned: str, field: str, label: str, limit: int) -> str:
    if len(cleaned) > limit:
        raise _fault(field, f"{label} is {len(cleaned)} characters long; keep it under {limit}")
    return cleaned


def optional_block(
    value: str | None, field: str, label: str, *, limit: int = NOTES_MAX
) -> str | None:
    if value is None:
        return None
    return text_block(value, field, label, limit=limit) or None


_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


def email(value: str | None, field: str = "email") -> str | None:
    cleaned = optional_line(value, field, "email", limit=EMAIL_MAX)
    if cleaned is not None and not _EMAIL.match(cleaned):
        raise _fault(
            field, f"email {cleaned!r} is not an email address; use one like dana@example.com"
        )
    return cleaned


def url(value: str | None, field: str, label: str) -> str | None:
    """A web address; ``acme.example`` becomes ``https://acme.example``."""
    cleaned = optional_line(value, field, label, limit=URL_MAX)
    if cleaned is None:
        return None
    if "://" not in cleaned:
        cleaned = "https://" + cleaned
    try:
        parts = urlsplit(cleaned)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if (
        parts is None
        or parts.scheme not in {"http", "https"}
        or not host
        or "." not in host
        or " " in cleaned
    ):
        raise _fault(
            field, f"{label} {cleaned!r} is not a web address; use one like https://example.com"
        )
    return cleaned


def last_day(today: date) -> date:
    """The latest date any input may name."""
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def day(value: date, field: str, label: str, today: date) -> date:
    """A date from 1900 to five years ahead."""
    latest = last_day(today)
    if value.year < FIRST_YEAR or value > latest:
        raise _fault(
            field,
            f"{label} {value.isoformat()} is out of range; use a date from {FIRST_YEAR}-01-01 "
            f"to {latest.isoformat()}",
        )
    return value


def past_day(value: date, field: str, label: str, today: date) -> date:
    """A day something already happened: in range and not after today."""
    day(value, field, label, today)
    if value > today:
        raise _fault(
            field, f"{label} {value.isoformat()} is in the future; give the day it happened"
        )
    return value


def given(value: T | None, field: str, label: str) -> T:
    """A value that can't be cleared: ``None`` is refused, naming the field."""
    if value is None:
        raise _fault(field, f"{label} can't be empty")
    return value


def record_id(value: int, noun: str) -> int:
    """An id that can exist; any other is simply not found."""
    if not 1 <= value <= MAX_ID:
        raise NotFound(f"no {noun} with id {value}")
    return value


def ids(values: Iterator[int] | tuple[int, ...] | list[int], noun: str) -> tuple[int, ...]:
    return tuple(dict.fromkeys(record_id(v, noun) for v in values))


def whole_number(
    value: int | None, field: str, label: str, *, low: int = 0, high: int = MAX_ID
) -> int | None:
    if value is None:
        return None
    if not low <= value <= high:
        raise _fault(field, f"{label} {value} is out of range; use a number from {low} to {high}")
    return value


def choice(value: str | None, field: str, label: str, allowed: tuple[str, ...]) -> str | None:
    """One of a fixed set of words (case folded); empty is None."""
    if value is None or not value.strip():
        return None
    word = value.strip().lower().replace(" ", "_").replace("-", "_")
    if word not in allowed:
        listed = ", ".join(allowed)
        raise _fault(field, f"{label} {value.strip()!r} is not one of: {listed}")
    return word


def apply(value: T, field_rules: Mapping[str, Callable[[Any], object]]) -> T:
    """``value`` (an input dataclass) with each field cleaned by its rule.

    Fields left :data:`UNSET` are skipped; every fault is gathered before
    one :class:`InvalidInput` names them all.
    """
    problems = Problems()
    cleaned: dict[str, object] = {}
    for name, rule in field_rules.items():
        given = getattr(value, name)
        if given is UNSET:
            continue
        cleaned[name] = problems.check(partial(rule, given))
    problems.raise_any()
    return replace(value, **cleaned)  # type: ignore[type-var]
