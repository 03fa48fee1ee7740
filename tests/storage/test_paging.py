"""Keyset paging's order: a key that doesn't fit the list is refused as a bad cursor."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.errors import InvalidInput
from nextround.storage.paging import Column, Order, Window

ORDER = Order(
    Column("due", "due", date, nullable=True, descending=True),
    Column("id", "id", int),
)


@pytest.mark.parametrize(
    "key",
    [
        (date(2026, 1, 1),),  # too short
        (date(2026, 1, 1), 3, 4),  # too long
        ("2026-01-01", 3),  # text for a date
        (date(2026, 1, 1), "3"),  # text for an id
        (date(2026, 1, 1), True),  # a bool is no id
        (date(2026, 1, 1), None),  # the id is never null
    ],
)
def test_a_key_that_does_not_fit_the_order_is_a_bad_cursor(key: tuple[object, ...]) -> None:
    with pytest.raises(InvalidInput) as caught:
        ORDER.clause(Window(key, 10), "sqlite")
    assert caught.value.fields.keys() == {"cursor"}


def test_the_query_compares_sort_values_and_never_skips_rows() -> None:
    where, tail, params = ORDER.clause(Window((None, 5), 10), "postgresql")
    assert "OFFSET" not in where + tail
    assert tail.endswith("LIMIT :page_limit") and params["page_limit"] == 11
    # after a row with no day: the rest of the no-day rows by id, then every dated row
    assert where == "((due IS NOT NULL) OR (due IS NULL AND id > :page_k1))"
    assert params == {"page_k1": 5, "page_limit": 11}
