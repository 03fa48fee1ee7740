"""Choosing and filling wordings; the part a title suggests; what a topic may be."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.drafting import Facts, Seat, choose, count_words, fill
from nextround.domain.interviews import InterviewChanges
from nextround.domain.people import Part, part_from_title
from nextround.errors import InvalidInput

WORDINGS = {
    "a": {"any": ["A1.", "A2.", "A3."]},
    "b": {"peer": ["B1 {role}.", "B2 {role}."], "any": ["Bx."]},
    "t": {"topic": ["About {topic}.", "On {topic}."]},
}
SLOTS = (("a", ("any",)), ("b", ("peer", "any")), ("t", ("topic",)))
FACTS = Facts({"role": "Analyst"})


def pick(facts: Facts, seat: Seat) -> dict[str, str]:
    return choose(WORDINGS, SLOTS, facts, seat, optional=frozenset({"t"}))


def test_people_at_one_company_never_share_a_combination() -> None:
    crowd = 6  # 3 x 2 wordings: six combinations, six people
    chosen = {tuple(pick(FACTS, Seat(rank, crowd, seed="acme")).values()) for rank in range(crowd)}
    assert len(chosen) == crowd


def test_another_wording_never_lands_on_a_neighbour() -> None:
    crowd = 2
    mine = [pick(FACTS, Seat(0, crowd, variant, seed="acme")) for variant in range(3)]
    theirs = pick(FACTS, Seat(1, crowd, seed="acme"))
    assert mine[0] != mine[1] and theirs not in mine


def test_neighbours_differ_in_every_slot_when_they_can() -> None:
    one = pick(FACTS, Seat(0, 3, seed="x"))
    two = pick(FACTS, Seat(1, 3, seed="x"))
    assert one["a"] != two["a"] and one["b"] != two["b"]


def test_a_slot_needing_an_unknown_fact_says_nothing() -> None:
    assert pick(FACTS, Seat())["t"] == ""
    with_topic = Facts({"role": "Analyst", "topic": "the data platform"})
    assert pick(with_topic, Seat())["t"] in {
        "About the data platform.",
        "On the data platform.",
    }


def test_a_sentence_that_must_be_said_but_cant_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="no wording of the 't' sentence fits"):
        choose(WORDINGS, SLOTS, FACTS, Seat())


def test_a_wording_naming_an_unknown_fact_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"\{salary\}, which drafts don't know"):
        fill("We discussed {salary}.", FACTS)


def test_a_name_ending_in_a_full_stop_ends_the_sentence_once() -> None:
    assert fill("Thanks from {company}.", Facts({"company": "Initech Inc."})) == (
        "Thanks from Initech Inc."
    )


@pytest.mark.parametrize(
    ("title", "part"),
    [
        ("Senior Technical Recruiter", Part.RECRUITER),
        ("Talent Acquisition Partner", Part.RECRUITER),
        ("Engineering Manager, Data Platform", Part.HIRING_MANAGER),
        ("CTO", Part.EXECUTIVE),
        ("VP Engineering", Part.EXECUTIVE),
        ("Staff Engineer", Part.INTERVIEWER),
        (None, Part.INTERVIEWER),
    ],
)
def test_the_part_a_title_suggests(title: str | None, part: Part) -> None:
    assert part_from_title(title) is part


def test_a_topic_is_a_few_words_not_a_paragraph() -> None:
    ok = InterviewChanges(topics={3: ("  the data   platform. ",)}).checked(date_today())
    assert ok.topics == {3: ("the data platform",)}
    with pytest.raises(InvalidInput, match="a topic is a few words"):
        InterviewChanges(topics={3: ("x" * 61,)}).checked(date_today())


def test_months_in_words() -> None:
    assert [count_words(m) for m in (1, 3, 12, 18)] == [
        "one month",
        "three months",
        "a year",
        "18 months",
    ]


def date_today() -> date:
    return date(2026, 11, 25)
