"""The card and envelope PDF refuses control characters, naming the field (issue 13, point 8).

Text reaches a card from mail and imports; a NUL byte or a terminal escape
sequence in it must stop the PDF with a one-line error, as the .eml, .ics and
.vcf writers do, before WeasyPrint is asked to draw anything.
"""

from __future__ import annotations

import pytest

from nextround.errors import InvalidInput
from nextround.renderers.cards import CardSheet, lay_out, render_cards

MESSAGE = "Dear Priya,\n\nThank you for the conversation on Tuesday.\n\nWith thanks,\nAlex"
ADDRESS = ("Lumenfield Analytics", "48 Lantern Street", "Brightport BP1 4LF")


def sheet(**changes: object) -> CardSheet:
    fields: dict[str, object] = {
        "recipient": "Priya Raman",
        "address_lines": ADDRESS,
        "message": MESSAGE,
        "return_lines": ("Alex Rivera", "12 Willow Close"),
        "caption": "Thank Priya for the interview",
    }
    fields.update(changes)
    return CardSheet(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"message": MESSAGE.replace("Tuesday", "Tues\x00day")}, "message", "U+0000"),
        ({"recipient": "Priya \x1b[31mRaman"}, "recipient", "U+001B"),
        ({"address_lines": ("Lumenfield", "48 Lantern\x07 Street")}, "address", "U+0007"),
        ({"return_lines": ("Alex\x9b Rivera",)}, "return address", "U+009B"),
        ({"caption": "Thank\x7f Priya"}, "caption", "U+007F"),
    ],
)
def test_a_control_character_in_any_field_is_refused_naming_it(
    changes: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        render_cards([sheet(**changes)])
    message = caught.value.message
    assert "\n" not in message
    assert f"its {field} holds the control character {code}" in message
    assert caught.value.fields == {field: f"holds the control character {code}; remove it"}
    # The layout alone (no PDF engine) already refuses it.
    with pytest.raises(InvalidInput, match=f"its {field} holds"):
        lay_out([sheet(**changes)])


def test_the_error_names_the_card_and_every_bad_field_once() -> None:
    bad = sheet(recipient="Jonas\x00", message=MESSAGE + "\x1b")
    with pytest.raises(InvalidInput) as caught:
        lay_out([sheet(), bad])
    message = caught.value.message
    assert message.startswith("The card for 'Jonas\\x00' can't be written")
    assert "(and 1 more fields)" in message
    assert set(caught.value.fields) == {"recipient", "message"}


def test_line_breaks_and_tabs_stay_allowed() -> None:
    laid = lay_out([sheet(message="Dear Priya,\n\nThank you\tagain.\r\n\r\nAlex")])
    assert len(laid.cards) == 1
    assert lay_out([sheet(address_lines=None)]).cards[0].sheet.address_lines is None
