"""Date parsing and calendar arithmetic used by the rules and the faces."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from nextround.errors import InvalidInput

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The days ``--today`` may pretend to be (records' dates have their own rules, in ``rules``).
FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_date(text: str, *, what: str = "date") -> date:
    """Parse an ISO date (``YYYY-MM-DD``); the error names the bad value.

    Whether the date makes sense for what it dates is for the rules to say
    (:mod:`nextround.domain.rules`), the same on every face.
    """
    try:
        if not _ISO_DATE.fullmatch(text.strip()):
            raise ValueError(text)
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{what} {text!r} is not a date; use YYYY-MM-DD, for example 2026-03-14"
        ) from None
    return day


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (Jan 31 + 1 = Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def spoken(day: date, today: date) -> str:
    """A date as a person says it: today, tomorrow, Fri 27 Nov; ISO when far away."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if 1 < days < 7:
        return f"{day:%a} {day.day} {day:%b}"
    return day.isoformat()
