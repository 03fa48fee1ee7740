"""Dates and salaries as spreadsheets spell them, read without guessing silently.

A date whose day and month could be swapped (``03/04/2026``) is never read
one way by chance: :class:`DateOrderUnknown` asks for the file's order
(``dmy`` or ``mdy``) unless one of its parts is above 12.
"""

from __future__ import annotations

import re
from datetime import date

from nextround.domain.applications import Period, Salary

FIRST_YEAR, LAST_YEAR = 1900, 2999
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[t ].*)?")
_DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\.?(?: .*)?")
_NUMERIC = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:,? .*)?")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{4}|\d{2})")
_MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")

_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR"}
_CODE = re.compile(r"\b([A-Z]{3})\b")
_NUMBER = re.compile(r"(\d[\d,.' \u00a0\u202f]*\d|\d)\s*([kK]\b|[kK](?=\W|$))?")
_PERIODS = (
    (Period.HOUR, re.compile(r"\b(hour|hourly|hr|h|ph)\b")),
    (Period.DAY, re.compile(r"\b(day|daily|pd)\b")),
    (Period.WEEK, re.compile(r"\b(week|weekly|wk|pw)\b")),
    (Period.MONTH, re.compile(r"\b(month|monthly|mo|mth|pm)\b")),
    (Period.YEAR, re.compile(r"\b(year|yearly|yr|annual|annually|annum|pa|p a|y)\b")),
)
_LARGEST = 10**9


class DateOrderUnknown(ValueError):
    """A date that reads both as day/month and as month/day."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_day(text: str, order: str | None = None) -> date | None:
    """A date as written in a cell; None for an empty cell, ValueError for one that isn't a date."""
    value = " ".join(text.split()).casefold()
    if not value:
        return None
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DOTTED.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
    elif match := _NUMERIC.fullmatch(value):
        first, second, year = (int(g) for g in match.groups())
        day, month = _order(first, second, order, text.strip())
    elif match := _DAY_MONTH.fullmatch(value):
        day, month, year = int(match[1]), _month(match[2]), int(match[3])
    elif match := _MONTH_DAY.fullmatch(value):
        month, day, year = _month(match[1]), int(match[2]), int(match[3])
    else:
        raise ValueError(text)
    year = year + 2000 if year < 100 else year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(text)
    return date(year, month, day)


def _order(first: int, second: int, order: str | None, text: str) -> tuple[int, int]:
    if first > 12 or order == "dmy":
        return first, second
    if second > 12 or order == "mdy" or first == second:
        return second, first
    raise DateOrderUnknown(text)


def _month(word: str) -> int:
    try:
        return _MONTHS[word]
    except KeyError:
        raise ValueError(word) from None


def parse_salary(text: str) -> Salary | None:
    """``€60k-70k``, ``85,000 EUR a year``, ``$45/hr``; None for text that is no salary."""
    if not text.strip():
        return None
    numbers = [(_amount(m[1]), bool(m[2])) for m in _NUMBER.finditer(text)]
    if not numbers or len(numbers) > 2 or any(n is None for n, _ in numbers):
        return None
    amounts = [int(n * 1000) if k else int(n) for n, k in numbers if n is not None]
    if len(numbers) == 2 and numbers[1][1] and not numbers[0][1] and amounts[0] < 1000:
        amounts[0] *= 1000  # "60-70k"
    if any(a <= 0 or a >= _LARGEST for a in amounts) or amounts != sorted(amounts):
        return None
    return Salary(
        minimum=amounts[0], maximum=amounts[-1], currency=_currency(text), period=_period(text)
    )


def _amount(digits: str) -> float | None:
    """``85,000`` / ``85.000`` / ``85 000`` / ``1,234.50``: the separators told apart."""
    text = re.sub(r"['\s\u00a0\u202f]", "", digits)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in text or "." in text:
        sep = "," if "," in text else "."
        groups = text.split(sep)
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            text = "".join(groups)
        elif len(groups) == 2:
            text = f"{groups[0]}.{groups[1]}"
        else:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def _currency(text: str) -> str | None:
    for symbol, code in _SYMBOLS.items():
        if symbol in text:
            return code
    match = _CODE.search(text)
    return match[1] if match else None


def _period(text: str) -> Period | None:
    words = re.sub(r"[^a-z]+", " ", text.casefold())
    for period, pattern in _PERIODS:
        if pattern.search(words):
            return period
    return None
