"""Writers refuse text holding control characters, naming the field: a NUL byte or an
escape sequence that reached the data never travels on into .eml, .ics or .vcf files."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nextround.errors import InvalidInput
from nextround.renderers.calendar import InterviewEntry, TaskEntry
from nextround.renderers.emails import build_message
from nextround.renderers.vcards import render_vcards
from tests.renderers.test_calendar import CARD, CHANGED, ONSITE, render
from tests.renderers.test_emails import LETTER
from tests.renderers.test_vcards import ZOE


@pytest.mark.parametrize(
    ("field", "name"),
    [("subject", "subject"), ("body", "text"), ("recipient_name", "recipient name")],
)
def test_an_email_with_a_control_character_is_refused(field: str, name: str) -> None:
    bad = replace(LETTER, **{field: "Hi\x00 there\x1b[2J"})
    with pytest.raises(InvalidInput) as refused:
        build_message(bad, draft=True)
    assert refused.value.message == (
        f"The email can't be written: its {name} holds the control character U+0000, "
        "which the file would carry to other programs; edit it first"
    )
    assert refused.value.fields == {name: "holds the control character U+0000; remove it"}


def test_an_email_with_tabs_and_line_breaks_is_written() -> None:
    assert build_message(replace(LETTER, body="Hi\tDana,\r\n\nthanks"), draft=True)


def test_a_calendar_step_with_a_control_character_is_refused() -> None:
    bad = replace(CARD, draft="Dear Zoë,\x1b]8;;http://evil.example\x07click\x1b]8;;\x07")
    with pytest.raises(
        InvalidInput,
        match=r"^Step #7 in the calendar can't be written: its "
        r"description holds the control character U\+001B",
    ):
        render([TaskEntry(bad, 1, CHANGED)])


def test_a_calendar_interview_with_a_control_character_is_refused() -> None:
    bad = replace(ONSITE, notes="ask for Ana\x00")
    with pytest.raises(InvalidInput, match=r"^Interview #3 in the calendar can't be written"):
        render(interviews=[InterviewEntry(bad, "Acme", "Engineer")])


def test_a_contact_card_with_control_characters_names_each_field() -> None:
    bad = replace(ZOE, title="Head\x7f", notes="met at\x0c the fair")
    with pytest.raises(InvalidInput) as refused:
        render_vcards([bad], owner=1)
    assert refused.value.message.startswith(
        "The contact card of Dr. Zoë Ng-Ålesund can't be written: its title holds the "
        "control character U+007F (and 1 more fields)"
    )
    assert set(refused.value.fields) == {"title", "notes"}
