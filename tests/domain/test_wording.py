"""The words every face shares: one date style, one plural rule, one rounding."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.wording import day_label, long_day, on_day, percent, percents, plural

TODAY = date(2026, 12, 9)  # a Wednesday


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (date(2026, 12, 9), "today"),
        (date(2026, 12, 10), "tomorrow"),
        (date(2026, 12, 8), "yesterday"),
        (date(2026, 12, 11), "in 2 days"),
        (date(2026, 12, 15), "in 6 days"),
        (date(2026, 12, 16), "Wed 16 Dec"),  # a week on: a date again
        (date(2026, 12, 3), "6 days ago"),
        (date(2026, 12, 2), "Wed 2 Dec"),
        (date(2026, 1, 1), "Thu 1 Jan"),
        (date(2027, 1, 2), "2 Jan 2027"),
        (date(2025, 12, 31), "31 Dec 2025"),
    ],
)
def test_one_date_style(day: date, said: str) -> None:
    assert day_label(day, TODAY) == said


def test_the_week_across_new_year_stays_relative() -> None:
    new_years_eve = date(2026, 12, 31)
    assert day_label(date(2027, 1, 1), new_years_eve) == "tomorrow"
    assert day_label(date(2027, 1, 4), new_years_eve) == "in 4 days"
    assert day_label(date(2027, 1, 7), new_years_eve) == "7 Jan 2027"
    assert day_label(date(2026, 12, 26), date(2027, 1, 1)) == "6 days ago"


def test_after_a_verb_no_on_before_relative_words() -> None:
    assert on_day(date(2026, 12, 8), TODAY) == "yesterday"
    assert on_day(TODAY, TODAY) == "today"
    assert on_day(date(2026, 11, 30), TODAY) == "on Mon 30 Nov"
    assert on_day(date(2025, 11, 30), TODAY) == "on 30 Nov 2025"
    assert long_day(TODAY) == "Wednesday 9 December 2026"


@pytest.mark.parametrize(
    ("count", "noun", "said"),
    [
        (0, "entry", "0 entries"),
        (1, "entry", "1 entry"),
        (2, "entry", "2 entries"),
        (1, "person", "1 person"),
        (3, "person", "3 people"),
        (2, "card", "2 cards"),
        (2, "company", "2 companies"),
    ],
)
def test_plurals(count: int, noun: str, said: str) -> None:
    assert plural(count, noun) == said


def test_a_plural_can_be_given() -> None:
    assert plural(2, "interview journal", "interview journals") == "2 interview journals"


def test_one_rounding_half_up() -> None:
    assert percent(0, 0) == 0
    assert percent(9, 10) == 90
    assert percent(899, 1000) == 90
    assert percent(1, 8) == 13  # 12.5 goes up, not to the even 12
    assert percent(1, 3) == 33
    assert percent(2, 3) == 67


def test_parts_of_one_whole_add_up() -> None:
    assert percents([1, 1, 1]) == [34, 33, 33]
    assert percents([2, 1]) == [67, 33]
    assert percents([0, 0]) == [0, 0]
    assert percents([]) == []


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_shares_always_add_to_100_and_stay_within_one(parts: list[int]) -> None:
    shares = percents(parts)
    if sum(parts) == 0:
        assert shares == [0] * len(parts)
        return
    assert sum(shares) == 100
    for part, share in zip(parts, shares, strict=True):
        exact = part * 100 / sum(parts)
        assert exact - 1 < share < exact + 1
