"""Quick add: one line read into what it would add, or the questions it leaves.

The line is parts split by commas (or semicolons):

- a web address alone: a job posting to read (``https://...``);
- ``interview DAY`` (``interview on DAY``): an interview, the day being
  ``today``, ``tomorrow``, a weekday (``Tuesday``, ``tue``: the first one from
  today on), ``next Tuesday`` (the first one after today), ``in 3 days`` or an
  ISO date (``2026-12-08``);
- ``ROLE at COMPANY``: the role applied for, or, beside a person's name and
  when ROLE is a contact's title (recruiter, hiring manager...), their title;
- a bare part: with two of them, the first is a person and the second their
  company; alone, a company when it is a known company's name or carries a
  legal suffix ("Inc.", "GmbH"), else nextround asks which it is.

Nothing is guessed silently: every field read is a piece of the line as typed,
and whatever is left over, or cannot be read, becomes a question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from nextround.domain.companies import normal_name

#: The longest line read.
MAX_LENGTH = 500

_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
#: Titles that make "X at Company" beside a name the person's title, not a role.
_CONTACT_TITLES = re.compile(
    r"\b(recruiter|recruiting|sourcer|talent|hr|people partner|hiring manager|"
    r"founder|co-founder|ceo|cto|coo|cfo|vp|head of|director|manager|lead|"
    r"referr?er|friend|former colleague|alumn\w*)\b",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"\b(inc|llc|ltd|gmbh|ag|sas|bv|plc|corp|corporation|company|srl)\.?$",
    re.IGNORECASE,
)
_INTERVIEW = re.compile(r"^(?:an? )?interview(?:\s+(?:on|is|for))?(?:\s+(?P<day>.*))?$", re.I)
_AT = re.compile(r"^(?P<left>.+?)\s+(?:at|@)\s+(?P<right>.+)$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'\u2019.-]*$")


@dataclass(frozen=True)
class QuickAdd:
    """What a quick-add line says: each field as typed, or None; and what to ask."""

    text: str
    url: str | None = None
    person: str | None = None
    title: str | None = None
    company: str | None = None
    role: str | None = None
    interview_on: date | None = None
    #: The day as typed ("next Tuesday"), to show beside the date read.
    interview_said: str | None = None
    #: What could not be read, or is missing: to ask before anything is added.
    questions: tuple[str, ...] = field(default=())

    @property
    def wants_interview(self) -> bool:
        return self.interview_said is not None

    @property
    def what(self) -> str:
        """What the line adds, by its most telling part."""
        if self.url:
            return "posting"
        if self.wants_interview:
            return "interview"
        if self.role:
            return "application"
        if self.person:
            return "person"
        return "nothing"


_FIXED = {"today": 0, "tomorrow": 1, "day after tomorrow": 2, "the day after tomorrow": 2}


def read_day(text: str, today: date) -> date | None:
    """The day ``text`` names, read against ``today``; None when it names none."""
    said = " ".join(text.casefold().replace(",", " ").split()).removeprefix("on ")
    ahead: int | None = _FIXED.get(said)
    if match := re.fullmatch(r"in (\d{1,3}) days?", said):
        ahead = int(match.group(1))
    elif (match := re.fullmatch(r"(next |this )?([a-z]+)\.?", said)) and (
        weekday := _WEEKDAYS.get(match.group(2))
    ) is not None:
        ahead = (weekday - today.weekday()) % 7
        if match.group(1) == "next " and ahead == 0:
            ahead = 7
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", said):
        try:
            return date.fromisoformat(said)
        except ValueError:
            return None
    return None if ahead is None else today + timedelta(days=ahead)


def parse(text: str, today: date, known_companies: Iterable[str] = ()) -> QuickAdd:
    """Read one quick-add line; never raises, never fills a field the line does not say."""
    line = " ".join(text.split())
    if not line:
        return QuickAdd(text, questions=("Type a line to add, or paste a job posting's address.",))
    if len(line) > MAX_LENGTH:
        return QuickAdd(
            line[:MAX_LENGTH],
            questions=(f"That line is over {MAX_LENGTH} characters; keep it to one short line.",),
        )
    if _URL.match(line):
        return QuickAdd(line, url=line)
    known = {normal_name(name) for name in known_companies}
    found: dict[str, object] = {}
    questions: list[str] = []
    bare: list[str] = []
    at_parts: list[tuple[str, str]] = []
    for part in (p.strip(" .") for p in re.split(r"[,;]", line)):
        if not part:
            continue
        if match := _INTERVIEW.match(part):
            _interview(match.group("day"), today, found, questions)
        elif match := _AT.match(part):
            at_parts.append((match.group("left").strip(), match.group("right").strip()))
        elif _URL.match(part):
            questions.append(f"Paste the address {part} on its own to read the posting.")
        else:
            bare.append(part)
    _places(bare, at_parts, known, found, questions)
    result = QuickAdd(line, **found)  # type: ignore[arg-type]
    return _missing(result, questions)


def _interview(day: str | None, today: date, found: dict[str, object], asks: list[str]) -> None:
    if "interview_said" in found:
        asks.append("The line names two interviews; add one at a time.")
        return
    found["interview_said"] = (day or "").strip()
    if not day:
        asks.append("Which day is the interview?")
        return
    on = read_day(day, today)
    if on is None:
        asks.append(
            f"“{day}” is not a day I can read: use today, tomorrow, a weekday, "
            "next Tuesday, in 3 days or a date like 2026-12-08."
        )
    else:
        found["interview_on"] = on


def _places(
    bare: list[str],
    at_parts: list[tuple[str, str]],
    known: set[str],
    found: dict[str, object],
    asks: list[str],
) -> None:
    if len(at_parts) > 1:
        asks.append("The line names more than one “… at …”; add one at a time.")
        return
    if len(bare) > 2:
        asks.append(f"I can't tell what “{bare[2]}” is: a line holds a name and a company.")
        return
    if at_parts:
        left, company = at_parts[0]
        found["company"] = company
        person = bare[0] if bare else None
        if len(bare) > 1:
            asks.append(f"I can't tell what “{bare[1]}” is beside {company}.")
        if person is not None and _CONTACT_TITLES.search(left):
            found["person"], found["title"] = person, left
        else:
            found["role"] = left
            if person is not None:
                found["person"] = person
        return
    if len(bare) == 2:
        found["person"], found["company"] = bare
        return
    if len(bare) == 1:
        only = bare[0]
        if normal_name(only) in known or _LEGAL.search(only):
            found["company"] = only
        elif _looks_like_name(only):
            asks.append(f"Is “{only}” a person or a company? Fill in the one it is.")
        else:
            asks.append(f"I can't tell what “{only}” is: a person, a company or a role?")


def _missing(result: QuickAdd, asks: list[str]) -> QuickAdd:
    if not asks:
        if result.company is None:
            asks.append("Which company is it?")
        elif result.what == "nothing":
            asks.append(
                f"What should I add at {result.company}: a role (“Engineer at "
                f"{result.company}”), a person or an interview?"
            )
    return replace(result, questions=tuple(asks))


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)
