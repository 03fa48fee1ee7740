"""Saved interests: which postings match, how an edit applies, and what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.interests import InterestChanges, Interests, apply, matches, split_list
from nextround.errors import InvalidInput

DATA = Interests(titles=("data engineer",))


@pytest.mark.parametrize(
    "title",
    [
        "Data Engineer",
        "Senior Data Engineer (m/w/d)",
        "Engineer, Data",
        "\ufeffDATA   engineer",
        "Data &amp; Platform Engineer",
    ],
)
def test_a_title_matches_on_its_words_in_any_order(title: str) -> None:
    assert matches(DATA, title, "", None)


@pytest.mark.parametrize("title", ["Data Analyst", "Engineering Manager", "Dataengineer", ""])
def test_a_title_missing_a_word_does_not_match(title: str) -> None:
    assert not matches(DATA, title, "", None)


def test_nothing_saved_matches_nothing() -> None:
    assert Interests().is_empty()
    assert not matches(Interests(), "Data Engineer", "Berlin", True)


def test_seniority_words_and_their_short_forms() -> None:
    senior = Interests(titles=("data engineer",), seniority=("senior", "lead"))
    assert matches(senior, "Sr. Data Engineer", "", None)
    assert matches(senior, "Lead Data Engineer", "", None)
    assert not matches(senior, "Junior Data Engineer", "", None)
    assert not matches(senior, "Data Engineer", "", None)
    # Seniority alone: any title with the word.
    assert matches(Interests(seniority=("staff",)), "Staff Engineer", "", None)


def test_locations_ignore_case_and_accents_and_match_whole_words() -> None:
    munich = Interests(titles=("engineer",), locations=("Munchen",))
    assert matches(munich, "Engineer", "MÜNCHEN, Bayern", None)
    assert not matches(munich, "Engineer", "Berlin", None)
    berlin = Interests(locations=("Berlin",))
    assert matches(berlin, "Anything", "Berlin, Germany", None)
    assert not matches(berlin, "Anything", "Berlingen", None)
    assert not matches(berlin, "Anything", "", None)
    new_york = Interests(locations=("New York",))
    assert matches(new_york, "Anything", "New York, NY", None)
    assert not matches(new_york, "Anything", "York", None)


def test_remote_as_a_location_and_as_a_choice() -> None:
    remote_place = Interests(titles=("engineer",), locations=("Berlin", "Remote"))
    assert matches(remote_place, "Engineer", "Remote - Europe", None)
    assert matches(remote_place, "Engineer", "Lisbon", True)  # the board says remote
    assert not matches(remote_place, "Engineer", "Lisbon", False)
    only_remote = Interests(titles=("engineer",), remote="yes")
    assert matches(only_remote, "Engineer", "Anywhere", None)
    assert not matches(only_remote, "Engineer", "Paris", None)
    no_remote = Interests(titles=("engineer",), remote="no")
    assert matches(no_remote, "Engineer", "Paris", None)
    assert not matches(no_remote, "Engineer", "Paris", True)
    assert not matches(no_remote, "Engineer", "Remote (US)", None)


def test_an_edit_adds_removes_and_replaces() -> None:
    start = Interests(titles=("data engineer",), locations=("Berlin",))
    changed = apply(
        start,
        InterestChanges(
            add_titles=("Analytics Engineer", "engineer data"),  # the second is already there
            seniority=split_list("senior, lead"),
            remote="YES",
        ),
    )
    assert changed == Interests(
        ("data engineer", "Analytics Engineer"), ("senior", "lead"), ("Berlin",), "yes"
    )
    removed = apply(changed, InterestChanges(remove_titles=("DATA  engineer",), locations=()))
    assert removed.titles == ("Analytics Engineer",) and removed.locations == ()
    assert apply(changed, InterestChanges(clear=True, add_titles=("x",))) == Interests(("x",))


def test_bad_interests_are_refused_with_the_field_named() -> None:
    with pytest.raises(InvalidInput, match=r"no saved title 'tester'.*'data engineer'"):
        apply(DATA, InterestChanges(remove_titles=("tester",)))
    with pytest.raises(InvalidInput, match="remote must be yes, no or any"):
        Interests(remote="sometimes").checked()
    with pytest.raises(InvalidInput, match="has no words"):
        Interests(titles=("(m/w/d)",)).checked()
    with pytest.raises(InvalidInput, match="one line"):
        Interests(locations=("Berlin\x00",)).checked()
    with pytest.raises(InvalidInput, match="50 at most"):
        Interests(titles=tuple(f"title {n}" for n in range(51))).checked()


@given(
    st.text(max_size=80),
    st.text(max_size=80),
    st.sampled_from([None, True, False]),
    st.lists(st.text(max_size=20), max_size=3),
)
def test_matching_any_posting_text_never_fails(
    title: str, location: str, remote: bool | None, places: list[str]
) -> None:
    """Board text is outside data: whatever it holds, matching answers."""
    wanted = Interests(titles=("engineer",), locations=tuple(p for p in places if p.strip()))
    assert isinstance(matches(wanted, title, location, remote), bool)
    assert matches(Interests(titles=(title,)), title, location, remote) in (True, False)
