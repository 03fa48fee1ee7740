"""Postings with a memory: titles normalised, runs compared, reopened roles and their traps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nextround.domain.watch import (
    FetchedPosting,
    KnownPosting,
    compare,
    for_company,
    normalise_title,
    reopenings,
)

REJECTED = date(2026, 5, 20)


@pytest.mark.parametrize(
    ("title", "normal"),
    [
        ("\ufeff  Senior   Backend Engineer ", "senior backend engineer"),
        ("Senior Software Engineer (m/w/d)", "senior software engineer"),
        ("Ingénieur logiciel (F/H)", "ingénieur logiciel"),
        ("Data &amp; ML Engineer", "data ml engineer"),
        ("Engineer - Platform (all genders)", "engineer platform"),
        ("C++ Developer m/w/d", "c++ developer"),
        ("Junior QA Engineer (f/m/x)", "junior qa engineer"),
        ("STAFF ENGINEER, Payments", "staff engineer payments"),
    ],
)
def test_normalise_title(title: str, normal: str) -> None:
    assert normalise_title(title) == normal


def _known(
    i: int,
    title: str,
    first: date,
    *,
    closed: date | None = None,
    returned: date | None = None,
    req: str = "",
) -> KnownPosting:
    return KnownPosting(
        i,
        f"x{i}",
        title,
        normalise_title(title),
        req,
        f"https://b/{i}",
        first,
        first,
        closed,
        returned,
    )


def test_compare_sorts_new_open_back_returned_closed() -> None:
    today = date(2026, 11, 25)
    known = [
        _known(1, "A", date(2026, 1, 1)),
        _known(2, "B", date(2026, 1, 1), closed=today - timedelta(days=3)),
        _known(3, "C", date(2026, 1, 1), closed=today - timedelta(days=30)),
        _known(4, "D", date(2026, 1, 1)),
    ]
    seen = [
        FetchedPosting(f"x{i}", t) for i, t in ((1, "A"), (2, "B"), (3, "C"), (9, "N"), (9, "N"))
    ]
    got = compare(known, seen, today)
    assert [p.external_id for p in got.new] == ["x9"]
    assert (got.still_open, got.back, got.returned, got.closed) == ((1,), (2,), (3,), (4,))


def test_a_new_posting_of_the_same_title_words_is_a_reopening() -> None:
    postings = [_known(1, "Backend Engineer (m/w/d)", date(2026, 11, 18))]
    found = reopenings(7, "backend  engineer", "", REJECTED, postings)
    assert found is not None and found.since == date(2026, 11, 18) and found.application_id == 7


def test_seniority_words_make_another_role() -> None:
    postings = [_known(1, "Senior Backend Engineer", date(2026, 11, 18))]
    assert reopenings(7, "Backend Engineer", "", REJECTED, postings) is None


def test_same_requisition_id_under_another_title() -> None:
    postings = [_known(1, "Platform Engineer II", date(2026, 11, 18), req="REQ-77")]
    assert reopenings(7, "Backend Engineer", "req-77", REJECTED, postings) is not None


def test_the_posting_still_up_since_before_the_rejection_is_no_reopening() -> None:
    postings = [_known(1, "Backend Engineer", date(2026, 4, 1))]
    assert reopenings(7, "Backend Engineer", "", REJECTED, postings) is None


def test_several_concurrent_openings_are_one_reopening() -> None:
    postings = [_known(i, "Backend Engineer", date(2026, 11, 10 + i)) for i in (1, 2, 3)]
    found = reopenings(7, "Backend Engineer", "", REJECTED, postings)
    assert found is not None and len(found.postings) == 3 and found.since == date(2026, 11, 11)


def test_a_brief_absence_is_not_a_reopening_but_a_long_one_is() -> None:
    today = date(2026, 11, 25)
    brief = _known(1, "Backend Engineer", date(2026, 4, 1), closed=today - timedelta(days=6))
    comparison = compare([brief], [FetchedPosting("x1", "Backend Engineer")], today)
    assert comparison.back == (1,) and comparison.returned == ()
    # What storage keeps after that run: open again, no returned_on.
    assert (
        reopenings(
            7, "Backend Engineer", "", REJECTED, [_known(1, "Backend Engineer", date(2026, 4, 1))]
        )
        is None
    )
    long = _known(1, "Backend Engineer", date(2026, 4, 1), closed=today - timedelta(days=7))
    assert compare([long], [FetchedPosting("x1", "Backend Engineer")], today).returned == (1,)
    came_back = _known(1, "Backend Engineer", date(2026, 4, 1), returned=today)
    assert reopenings(7, "Backend Engineer", "", REJECTED, [came_back]) is not None


def test_closed_postings_are_not_reopenings() -> None:
    postings = [_known(1, "Backend Engineer", date(2026, 11, 1), closed=date(2026, 11, 20))]
    assert reopenings(7, "Backend Engineer", "", REJECTED, postings) is None


def test_an_aggregator_board_is_not_one_company() -> None:
    postings = [
        FetchedPosting("1", "Backend Engineer", employer="Acme Robotics GmbH"),
        FetchedPosting("2", "Backend Engineer", employer="Initech"),
        FetchedPosting("3", "Designer", employer="acme robotics"),
    ]
    assert [p.external_id for p in for_company(postings, "Acme Robotics")] == ["1", "3"]
    one = [FetchedPosting("1", "Backend Engineer", employer="Acme Inc."), FetchedPosting("2", "X")]
    assert (
        len(for_company(one, "Acme Robotics")) == 2
    )  # one employer named: the board is the company's
