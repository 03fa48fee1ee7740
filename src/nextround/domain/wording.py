"""Words every face shares: dates, counts and percentages, each computed one way.

Pure functions, so a page, the CLI and a test all say "tomorrow", "1 entry" and
"33%" the same: one date style (relative within a week, "Wed 9 Dec" within the
year, "9 Dec 2027" beyond), one plural rule, one rounding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

#: Words whose plural isn't the singular plus "s".
_IRREGULAR = {"person": "people", "company": "companies", "entry": "entries", "reply": "replies"}


def day_label(day: date, today: date) -> str:
    """A date as a person says it.

    "today", "tomorrow", "yesterday", "in 3 days" and "3 days ago" within a week;
    "Wed 9 Dec" in the same year; "9 Dec 2027" in another year.
    """
    days = (day - today).days
    if -7 < days < 7:
        near = {0: "today", 1: "tomorrow", -1: "yesterday"}
        return near.get(days) or (f"in {days} days" if days > 0 else f"{-days} days ago")
    if day.year == today.year:
        return f"{day:%a} {day.day} {day:%b}"
    return f"{day.day} {day:%b} {day.year}"


def on_day(day: date, today: date) -> str:
    """The date after a verb: "done yesterday", "done on Wed 9 Dec" (never "on yesterday")."""
    label = day_label(day, today)
    return label if abs((day - today).days) < 7 else f"on {label}"


def long_day(day: date) -> str:
    """A date in full, for headings: "Wednesday 9 December 2026"."""
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the noun that fits it: "1 entry", "2 entries", "0 people"."""
    if count == 1:
        return f"1 {singular}"
    word = plural_form or _IRREGULAR.get(singular) or f"{singular}s"
    return f"{count} {word}"


def percent(part: float, whole: float) -> int:
    """``part`` of ``whole`` as a whole percentage, rounded half up; 0 when ``whole`` is 0.

    The one rounding used everywhere, so one figure never shows as 89% here and 90% there.
    """
    if whole <= 0:
        return 0
    return math.floor(part * 100 / whole + 0.5)


def percents(parts: Sequence[float]) -> list[int]:
    """Percentages of the parts of one whole that add up to 100 (largest remainder).

    Each is its exact share rounded down or up; all zero when the parts add to zero.
    """
    whole = sum(parts)
    if whole <= 0:
        return [0 for _ in parts]
    exact = [p * 100 / whole for p in parts]
    shares = [math.floor(e) for e in exact]
    short = 100 - sum(shares)
    by_remainder = sorted(range(len(parts)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[:short]:
        shares[i] += 1
    return shares


def percent_text(value: int) -> str:
    return f"{value}%"
