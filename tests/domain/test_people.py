"""People: first names, and where the "OK to connect?" question stands."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nextround.domain.people import (
    REPLY_WAIT_DAYS,
    ConnectAnswer,
    ConnectState,
    Person,
    Relationship,
)

ASKED = date(2026, 3, 17)


def asked_plus(n: int) -> date:
    return ASKED + timedelta(days=n)


@pytest.mark.parametrize(
    ("relationship", "today", "state"),
    [
        pytest.param(Relationship(1), ASKED, ConnectState.NOT_ASKED, id="not-asked"),
        pytest.param(
            Relationship(1, congratulated_on=ASKED),
            asked_plus(40),
            ConnectState.NOT_ASKED,
            id="congratulated-but-not-asked",
        ),
        pytest.param(
            Relationship(1, asked_to_connect_on=ASKED),
            ASKED,
            ConnectState.WAITING,
            id="asked-today",
        ),
        pytest.param(
            Relationship(1, asked_to_connect_on=ASKED),
            asked_plus(20),
            ConnectState.WAITING,
            id="20-days-still-waiting",
        ),
        pytest.param(
            Relationship(1, asked_to_connect_on=ASKED),
            asked_plus(21),
            ConnectState.NO_REPLY,
            id="21-days-no-reply",
        ),
        pytest.param(
            Relationship(1, asked_to_connect_on=ASKED),
            asked_plus(365),
            ConnectState.NO_REPLY,
            id="a-year-no-reply",
        ),
        pytest.param(
            Relationship(1, asked_to_connect_on=ASKED, answer=ConnectAnswer.YES),
            asked_plus(2),
            ConnectState.YES,
            id="yes",
        ),
        pytest.param(
            Relationship(1, asked_to_connect_on=ASKED, answer=ConnectAnswer.NO),
            asked_plus(2),
            ConnectState.NO,
            id="no",
        ),
        pytest.param(
            Relationship(1, asked_to_connect_on=ASKED, answer=ConnectAnswer.YES),
            asked_plus(60),
            ConnectState.YES,
            id="late-yes-beats-no-reply",
        ),
        pytest.param(
            Relationship(1, answer=ConnectAnswer.YES),
            ASKED,
            ConnectState.YES,
            id="yes-without-asking-date",
        ),
    ],
)
def test_connect_state(relationship: Relationship, today: date, state: ConnectState) -> None:
    assert relationship.connect_state(today) is state


def test_reply_wait_is_21_days() -> None:
    assert REPLY_WAIT_DAYS == 21


def test_steps_show_dates_and_the_answer() -> None:
    rel = Relationship(
        1, card_mailed_on=date(2026, 3, 12), asked_to_connect_on=ASKED, congratulated_on=ASKED
    )
    assert rel.steps(asked_plus(21)) == [
        ("card mailed", "2026-03-12"),
        ("congratulated", "2026-03-17"),
        ("asked to connect", "2026-03-17"),
        ("answer", "no reply"),
        ("invited on LinkedIn", "not yet"),
        ("connected", "not yet"),
    ]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        pytest.param("Dana Scully", "Dana", id="two-words"),
        pytest.param("Cher", "Cher", id="one-word"),
        pytest.param("  Dana   Katherine Scully ", "Dana", id="extra-spaces"),
        pytest.param("Jean-Luc Picard", "Jean-Luc", id="hyphenated"),
        pytest.param("", "", id="empty"),
        pytest.param("   ", "   ", id="blank"),
    ],
)
def test_first_name(name: str, first: str) -> None:
    assert Person(1, name, 1).first_name == first


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("大塚 陽子", "大塚 陽子"),
        ("김민준", "김민준"),
        ("Dr. Zoë Ng", "Zoë"),
        ("Prof Ada Lovelace", "Ada"),
    ],
)
def test_greetings_use_the_name_a_person_is_called_by(name: str, greeting: str) -> None:
    assert Person(id=1, name=name, company_id=1).first_name == greeting
