"""Dates as a person says them, and the calendar arithmetic under the plan."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.dates import add_months, parse_date, spoken
from nextround.errors import InvalidInput

WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (date(2026, 11, 25), "today"),
        (date(2026, 11, 26), "tomorrow"),
        (date(2026, 11, 24), "yesterday"),
        # Within the coming week: the weekday, the day and the month, as on a calendar.
        (date(2026, 11, 27), "Fri 27 Nov"),
        (date(2026, 11, 30), "Mon 30 Nov"),
        (date(2026, 12, 1), "Tue 1 Dec"),
        # A week away or more, and any day before yesterday: the ISO date.
        (date(2026, 12, 2), "2026-12-02"),
        (date(2026, 11, 23), "2026-11-23"),
        (date(2026, 11, 18), "2026-11-18"),
        (date(2027, 11, 25), "2027-11-25"),
        (date(2025, 11, 25), "2025-11-25"),
    ],
)
def test_spoken(day: date, said: str) -> None:
    assert spoken(day, WEDNESDAY) == said


def test_spoken_counts_days_across_a_year_end() -> None:
    assert spoken(date(2027, 1, 1), date(2026, 12, 31)) == "tomorrow"
    assert spoken(date(2026, 12, 31), date(2027, 1, 1)) == "yesterday"
    assert spoken(date(2027, 1, 4), date(2026, 12, 31)) == "Mon 4 Jan"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 12, 15), 12, date(2027, 12, 15)),
        (date(2026, 1, 31), 11, date(2026, 12, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_add_months_clamps_to_the_months_last_day(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_parse_date_names_what_it_parses_and_trims() -> None:
    assert parse_date(" 2026-03-14\n") == date(2026, 3, 14)
    with pytest.raises(InvalidInput) as caught:
        parse_date("14/03/2026", what="due date")
    assert caught.value.message == (
        "due date '14/03/2026' is not a date; use YYYY-MM-DD, for example 2026-03-14"
    )
