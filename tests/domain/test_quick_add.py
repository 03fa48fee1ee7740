"""Quick add lines: what each reads as, the days named, and never a silent guess."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.domain.quick_add import MAX_LENGTH, parse, read_day

FRIDAY = date(2026, 12, 4)


def test_person_company_and_interview_day() -> None:
    line = parse("Dana Smith, Acme Robotics, interview Tuesday", FRIDAY)
    assert (line.person, line.company, line.interview_on) == (
        "Dana Smith",
        "Acme Robotics",
        date(2026, 12, 8),
    )
    assert line.what == "interview"
    assert line.questions == ()


def test_role_at_company_is_an_application() -> None:
    line = parse("Backend Engineer at Acme Robotics", FRIDAY)
    assert (line.role, line.company, line.person, line.what) == (
        "Backend Engineer",
        "Acme Robotics",
        None,
        "application",
    )
    assert line.questions == ()


def test_contact_title_beside_a_name_is_the_persons_title() -> None:
    line = parse("Dana Smith, recruiter at Initech", FRIDAY)
    assert (line.person, line.title, line.company, line.role) == (
        "Dana Smith",
        "recruiter",
        "Initech",
        None,
    )
    assert line.what == "person"


def test_a_name_beside_a_role_is_kept_with_the_role() -> None:
    line = parse("Dana Smith, Data Engineer at Initech", FRIDAY)
    assert (line.person, line.role, line.title) == ("Dana Smith", "Data Engineer", None)


def test_a_url_alone_is_a_posting() -> None:
    line = parse("  https://boards.greenhouse.io/acme/jobs/12 ", FRIDAY)
    assert line.url == "https://boards.greenhouse.io/acme/jobs/12"
    assert line.what == "posting"


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("today", date(2026, 12, 4)),
        ("tomorrow", date(2026, 12, 5)),
        ("Friday", date(2026, 12, 4)),
        ("next Friday", date(2026, 12, 11)),
        ("monday", date(2026, 12, 7)),
        ("next mon", date(2026, 12, 7)),
        ("thurs", date(2026, 12, 10)),
        ("on Wednesday", date(2026, 12, 9)),
        ("in 3 days", date(2026, 12, 7)),
        ("2027-01-15", date(2027, 1, 15)),
    ],
)
def test_days(said: str, day: date) -> None:
    assert read_day(said, FRIDAY) == day


@pytest.mark.parametrize("said", ["someday", "2026-13-40", "next", "Funday", "soon-ish"])
def test_days_not_read(said: str) -> None:
    assert read_day(said, FRIDAY) is None


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("", "Type a line"),
        ("Acme Robotics, interview someday", "not a day I can read"),
        ("Dana Smith, Acme, interview", "Which day"),
        ("Dana Smith", "person or a company"),
        ("Backend Engineer", "person or a company"),
        ("a, b, c, d", "can't tell"),
        ("Engineer at Acme, Manager at Initech", "more than one"),
        ("interview today", "Which company"),
        ("Acme Inc", "What should I add at Acme Inc"),
        ("x" * (MAX_LENGTH + 1), "over"),
    ],
)
def test_lines_it_cannot_read_ask(text: str, asks: str) -> None:
    line = parse(text, FRIDAY)
    assert any(asks in q for q in line.questions), line.questions


def test_a_known_company_alone_is_read_as_that_company() -> None:
    line = parse("acme robotics, interview tomorrow", FRIDAY, known_companies=["Acme Robotics"])
    assert line.company == "acme robotics"
    assert line.interview_on == date(2026, 12, 5)
    assert line.questions == ()
    assert parse("acme robotics, interview tomorrow", FRIDAY).company is None


_WORDS = st.sampled_from(
    [
        "Dana",
        "Smith",
        "Acme",
        "at",
        "interview",
        "next",
        "Tuesday",
        "recruiter",
        "Inc",
        "2026-12-09",
        "https://x.test/j",
        ",",
        ";",
        "today",
        "in",
        "3",
        "days",
        "@",
        "\u00e9",
        "  ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=14).map(" ".join)))
def test_fuzz_never_crashes_never_guesses(text: str) -> None:
    line = parse(text, FRIDAY, known_companies=["Acme"])
    folded = " ".join(text.split()).casefold()
    # Every field read is a piece of the line as typed.
    for value in (line.url, line.person, line.title, line.company, line.role, line.interview_said):
        if value:
            assert value.casefold() in folded
    # A day only when one was said and read; an interview asked for without one asks.
    if line.interview_on is not None:
        assert line.interview_said
        assert read_day(line.interview_said, FRIDAY) == line.interview_on
    if line.wants_interview and line.interview_on is None:
        assert line.questions
    # Nothing to add and no question: never.
    if line.what == "nothing" or (line.company is None and not line.url):
        assert line.questions
