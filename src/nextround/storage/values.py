"""Column values that drivers hand back in different shapes (light: standard library only)."""

from __future__ import annotations

from datetime import date
from typing import Any


def as_date(value: Any) -> date | None:
    """A date from a column (drivers give ``date``; raw SQLite gives ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def must_date(value: Any) -> date:
    day = as_date(value)
    assert day is not None
    return day
