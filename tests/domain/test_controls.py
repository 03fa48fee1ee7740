"""Control characters: stripped from mail text, refused by writers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.controls import first_control, refuse_controls, strip_controls
from nextround.errors import InvalidInput


def test_strip_keeps_lines_and_tabs_and_drops_every_other_control() -> None:
    text = "a\x00b\x1b[31mc\x7fd\x9be\tf\ng\r\nh\x0bi\x0cj"
    assert strip_controls(text) == "ab[31mcde\tf\ng\r\nhij"
    assert strip_controls(text, lines=False) == "ab[31mcde f g  hij"
    assert strip_controls("line\u2028sep", lines=False) == "line sep"
    assert strip_controls("Zoë 王 \u200f") == "Zoë 王 \u200f"  # letters and format marks stay


@pytest.mark.parametrize(
    ("text", "found"),
    [("ok\tok\n", None), ("\x00", "\x00"), ("a\x1fb", "\x1f"), ("\x85", "\x85"), ("é", None)],
)
def test_first_control(text: str, found: str | None) -> None:
    assert first_control(text) == found


def test_refusal_names_the_first_field_and_lists_them_all() -> None:
    refuse_controls("The thing", {"a": "fine", "b": None})  # nothing to refuse
    with pytest.raises(InvalidInput) as refused:
        refuse_controls("The thing", {"a": "fine", "b": "x\x1b", "c": "\x00"})
    assert refused.value.message == (
        "The thing can't be written: its b holds the control character U+001B (and 1 more "
        "fields), which the file would carry to other programs; edit it first"
    )
    assert refused.value.fields == {
        "b": "holds the control character U+001B; remove it",
        "c": "holds the control character U+0000; remove it",
    }


@given(st.text(alphabet=st.characters(max_codepoint=0x2030), max_size=40))
def test_strip_removes_what_the_control_pattern_finds(text: str) -> None:
    """The quick check before the regex (bytes, no control found) changes no answer."""
    assert strip_controls(text) == re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)


def test_strip_reads_text_with_surrogates() -> None:
    assert strip_controls("a\udcff\x00b") == "a\udcffb"  # undecodable bytes kept as surrogates
