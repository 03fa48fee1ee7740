"""Replies to "OK to connect on LinkedIn?": the cues, the counting, the confidence."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from nextround.classify import connect as connect_module
from nextround.classify import connect_answer
from nextround.classify.rules import LANGUAGES
from nextround.domain.mail import MailMessage

DATA = Path(connect_module.__file__).parent / "data"
ASKED = "> Congratulations! Would it be OK to connect on LinkedIn?"


def reply(text: str, quoted: str = ASKED) -> MailMessage:
    return MailMessage(
        "id@x", "", "a@acme.com", (), "Re: Congratulations", None, text, quoted=quoted
    )


@pytest.mark.parametrize("kind", ["yes", "no", "hedge"])
def test_each_kind_of_cue_joins_every_language_s_patterns(kind: str) -> None:
    expected = [
        pattern
        for language in LANGUAGES
        for pattern in tomllib.loads((DATA / f"{language}.toml").read_text("utf-8"))
        .get("connect", {})
        .get(kind, [])
    ]
    assert len(expected) >= 4  # English, German, French and Spanish at least
    assert connect_module._cues(kind) == re.compile("|".join(expected))


def test_two_yes_cues_outweigh_a_hedge_and_one_does_not() -> None:
    two = connect_answer(reply("Sure thing, I sent you a request. Which profile?"))
    assert two[0] is True
    assert connect_answer(reply("Happy to connect. Which profile?"))[0] is None


def test_a_no_cue_beside_more_yes_cues_lowers_the_confidence() -> None:
    plain = connect_answer(reply("Sure thing, I sent you a request."))
    mixed = connect_answer(
        reply("Sure thing, I sent you a request, though I'd rather keep it small.")
    )
    assert plain[:2] == (True, 0.9)  # two cues: 0.6 + 2 x 0.15
    assert mixed[:2] == (True, 0.75)  # two yes less one no: 0.6 + 0.15


def test_a_reply_to_nothing_asked_is_less_certain() -> None:
    assert connect_answer(reply("Yes! I sent you a request.", quoted=""))[:2] == (True, 0.7)


@pytest.mark.parametrize(
    ("cues", "hedges", "asked", "confidence"),
    [
        (1, [], True, 0.75),
        (3, [], False, 0.775),  # cues count up to 2.5
        (2, ["?"], True, 0.75),
        (9, [], True, 0.95),  # never above 0.95
        (0.5, ["?", "not sure", "remind me"], False, 0.3),  # never under 0.3
    ],
)
def test_the_confidence_of_an_answer(
    cues: float, hedges: list[str], asked: bool, confidence: float
) -> None:
    assert connect_module._connect_confidence(cues, hedges, asked) == confidence
