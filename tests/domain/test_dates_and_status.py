"""Dates, statuses, interview formats and JSON shapes."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pytest

from nextround.domain import rules
from nextround.domain.applications import PIPELINE, Application, Status, check_can_reject
from nextround.domain.dates import add_days, add_months, parse_date
from nextround.domain.interviews import Format, parse_time
from nextround.domain.jsonable import to_jsonable
from nextround.domain.tasks import Kind
from nextround.errors import InvalidInput

# --------------------------------------------------------------------------- parse_date()


@pytest.mark.parametrize(
    ("text", "day"),
    [
        pytest.param("2026-03-14", date(2026, 3, 14), id="iso"),
        pytest.param("  2026-03-14\n", date(2026, 3, 14), id="surrounding-space"),
        pytest.param("2028-02-29", date(2028, 2, 29), id="leap-day"),
        pytest.param("1900-01-01", date(1900, 1, 1), id="earliest"),
        pytest.param("2999-12-31", date(2999, 12, 31), id="latest"),
    ],
)
def test_parse_date_good(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("yesterday", id="word"),
        pytest.param("14/03/2026", id="day-first"),
        pytest.param("2026-13-01", id="month-13"),
        pytest.param("2026-02-30", id="feb-30"),
        pytest.param("2027-02-29", id="not-a-leap-year"),
        pytest.param("2026-3-14", id="no-zero-padding"),
    ],
)
def test_parse_date_bad(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_date(text, what="rejected on")
    message = err.value.message
    assert message.startswith(f"rejected on {text!r} is not a date")
    assert "YYYY-MM-DD" in message
    assert "\n" not in message


def test_parse_date_default_label() -> None:
    with pytest.raises(InvalidInput, match=r"^date 'soon' is not a date; use YYYY-MM-DD"):
        parse_date("soon")


# --------------------------------------------------------------------------- add_months() / add_days()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param(date(2026, 1, 31), 1, date(2026, 2, 28), id="jan-31-plus-1"),
        pytest.param(date(2028, 1, 31), 1, date(2028, 2, 29), id="jan-31-plus-1-leap"),
        pytest.param(date(2028, 2, 29), 12, date(2029, 2, 28), id="leap-day-plus-year"),
        pytest.param(date(2028, 2, 29), 48, date(2032, 2, 29), id="leap-day-plus-4-years"),
        pytest.param(date(2026, 3, 31), 1, date(2026, 4, 30), id="31-into-30-day-month"),
        pytest.param(date(2026, 11, 30), 3, date(2027, 2, 28), id="nov-30-plus-3"),
        pytest.param(date(2026, 11, 30), 6, date(2027, 5, 30), id="nov-30-plus-6"),
        pytest.param(date(2026, 12, 15), 1, date(2027, 1, 15), id="over-new-year"),
        pytest.param(date(2026, 10, 15), 3, date(2027, 1, 15), id="december-boundary"),
        pytest.param(date(2026, 1, 15), 11, date(2026, 12, 15), id="to-december"),
        pytest.param(date(2026, 5, 20), 0, date(2026, 5, 20), id="zero"),
        pytest.param(date(2026, 3, 31), -1, date(2026, 2, 28), id="negative"),
        pytest.param(date(2026, 1, 15), -1, date(2025, 12, 15), id="negative-over-new-year"),
        pytest.param(date(2026, 1, 15), 25, date(2028, 2, 15), id="over-two-years"),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "days", "expected"),
    [
        pytest.param(date(2026, 2, 27), 2, date(2026, 3, 1), id="over-month-end"),
        pytest.param(date(2028, 2, 28), 1, date(2028, 2, 29), id="leap-day"),
        pytest.param(date(2026, 12, 31), 1, date(2027, 1, 1), id="new-year"),
        pytest.param(date(2026, 3, 10), 0, date(2026, 3, 10), id="zero"),
    ],
)
def test_add_days(day: date, days: int, expected: date) -> None:
    assert add_days(day, days) == expected


# --------------------------------------------------------------------------- Status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param("rejected", Status.REJECTED, id="lower"),
        pytest.param("Rejected", Status.REJECTED, id="title-case"),
        pytest.param("  APPLIED ", Status.APPLIED, id="upper-with-space"),
        pytest.param("interviewing", Status.INTERVIEWING, id="interviewing"),
        pytest.param("ghosted", Status.GHOSTED, id="ghosted"),
    ],
)
def test_status_parse(text: str, status: Status) -> None:
    assert Status.parse(text) is status


@pytest.mark.parametrize("text", ["rejeted", "", "open", "in progress"])
def test_status_parse_unknown_lists_choices(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        Status.parse(text)
    assert err.value.message == (
        f"unknown status {text!r}; choose one of: saved, applied, screening, interviewing, "
        "offer, rejected, withdrawn, ghosted"
    )


@pytest.mark.parametrize(
    ("status", "is_open"),
    [
        pytest.param(s, s in {"saved", "applied", "screening", "interviewing"}, id=s.value)
        for s in Status
    ],
)
def test_status_is_open(status: Status, is_open: bool) -> None:
    assert status.is_open is is_open


def test_pipeline_order() -> None:
    assert [s.value for s in PIPELINE] == [
        "saved",
        "applied",
        "screening",
        "interviewing",
        "offer",
        "rejected",
        "withdrawn",
        "ghosted",
    ]


@pytest.mark.parametrize(
    ("status", "applied_on", "allowed"),
    [
        pytest.param(Status.SAVED, None, False, id="saved-never-applied"),
        pytest.param(Status.SAVED, date(2026, 2, 1), True, id="saved-with-applied-date"),
        pytest.param(Status.APPLIED, None, True, id="applied"),
        pytest.param(Status.INTERVIEWING, None, True, id="interviewing"),
        pytest.param(Status.REJECTED, date(2026, 2, 1), True, id="already-rejected"),
    ],
)
def test_check_can_reject(status: Status, applied_on: date | None, allowed: bool) -> None:
    app = Application(3, 1, "Engineer", status, company="Acme", applied_on=applied_on)
    if allowed:
        check_can_reject(app)
        return
    with pytest.raises(InvalidInput) as err:
        check_can_reject(app)
    assert err.value.message == (
        "application 3 (Engineer at Acme) was never applied to; record it as applied first"
    )


# --------------------------------------------------------------------------- Format / parse_time()


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        pytest.param("phone", Format.PHONE, id="phone"),
        pytest.param("Video", Format.VIDEO, id="video-title-case"),
        pytest.param(" ONSITE ", Format.ONSITE, id="onsite-upper-space"),
        pytest.param("take-home", Format.TAKE_HOME, id="take-home"),
        pytest.param("other", Format.OTHER, id="other"),
    ],
)
def test_format_parse(text: str, fmt: Format) -> None:
    assert Format.parse(text) is fmt


@pytest.mark.parametrize("text", ["zoom", "take home", ""])
def test_format_parse_unknown(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        Format.parse(text)
    assert err.value.message == (
        f"unknown interview format {text!r}; choose one of: phone, video, onsite, take-home, other"
    )


@pytest.mark.parametrize(
    ("text", "at"),
    [
        pytest.param("14:30", time(14, 30), id="hh-mm"),
        pytest.param(" 09:05 ", time(9, 5), id="padded-with-space"),
        pytest.param("23:59:59", time(23, 59, 59), id="with-seconds"),
        pytest.param("00:00", time(0, 0), id="midnight"),
    ],
)
def test_parse_time_good(text: str, at: time) -> None:
    assert parse_time(text) == at


@pytest.mark.parametrize("text", ["", "2pm", "24:00", "14:60", "noon", "14h30"])
def test_parse_time_bad(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_time(text)
    assert err.value.message == f"time {text!r} is not a time; use HH:MM, for example 14:30"


def test_parse_time_dotted_is_not_silently_a_fraction_of_a_second() -> None:
    try:
        at = parse_time("14.30")
    except InvalidInput:
        return
    assert at == time(14, 30)


# --------------------------------------------------------------------------- to_jsonable()


class Colour(enum.Enum):
    RED = "red"


@dataclass
class Inner:
    on: date
    at: time | None
    kind: Kind


@dataclass
class Outer:
    name: str
    inner: Inner
    items: list[Inner] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    by_status: dict[Status, int] = field(default_factory=dict)
    colour: Colour = Colour.RED
    nothing: None = None


class HasToJson:
    def to_json(self) -> dict[str, object]:
        return {"custom": True}


def test_to_jsonable_nested() -> None:
    value = Outer(
        "x",
        Inner(date(2026, 3, 10), time(14, 30), Kind.CHECK_BACK),
        items=[Inner(date(2026, 6, 10), None, Kind.JOURNAL)],
        tags=("a", "b"),
        by_status={Status.REJECTED: 2},
    )
    expected = {
        "name": "x",
        "inner": {"on": "2026-03-10", "at": "14:30:00", "kind": "check_back"},
        "items": [{"on": "2026-06-10", "at": None, "kind": "journal"}],
        "tags": ["a", "b"],
        "by_status": {"rejected": 2},
        "colour": "red",
        "nothing": None,
    }
    result = to_jsonable(value)
    assert result == expected
    assert json.loads(json.dumps(result)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(date(2026, 3, 10), "2026-03-10", id="date"),
        pytest.param(datetime(2026, 3, 10, 8, 0), "2026-03-10T08:00:00", id="datetime"),
        pytest.param(time(7, 5), "07:05:00", id="time"),
        pytest.param(Status.OFFER, "offer", id="str-enum"),
        pytest.param(Colour.RED, "red", id="plain-enum"),
        pytest.param(frozenset({Kind.JOURNAL}), ["journal"], id="frozenset"),
        pytest.param({1: date(2026, 1, 1)}, {"1": "2026-01-01"}, id="dict-keys-to-text"),
        pytest.param([HasToJson()], [{"custom": True}], id="to-json-method-wins"),
        pytest.param(Inner, Inner, id="dataclass-type-left-alone"),
        pytest.param(3.5, 3.5, id="float"),
        pytest.param("text", "text", id="text"),
        pytest.param(None, None, id="none"),
    ],
)
def test_to_jsonable_values(value: object, expected: object) -> None:
    assert to_jsonable(value) == expected


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_years_that_are_typing_mistakes_are_refused_by_the_rules_not_the_parser(
    text: str,
) -> None:
    """Parsing reads any ISO date; the rules refuse it, naming the field, on every face."""
    day = parse_date(text)
    assert day.isoformat() == text
    with pytest.raises(InvalidInput, match="is out of range; use a date from 1900-01-01") as bad:
        rules.day(day, "applied_on", "applied date", date(2026, 11, 25))
    assert set(bad.value.fields) == {"applied_on"}
