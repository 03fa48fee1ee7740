"""Thank-you card PDFs, checked the way a person would: the text is there, the pages
have the right size, something is printed, and nothing runs off the paper.

The PDF checks live in ``tests/pdfcheck.py``, shared with the service and CLI tests.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from nextround.errors import InvalidInput
from nextround.renderers.cards import (
    CardDoesNotFit,
    CardSheet,
    Paragraph,
    paragraphs,
    render_cards,
)
from tests.pdfcheck import (
    A2_CARD,
    A2_ENVELOPE,
    A6_CARD,
    C6_ENVELOPE,
    CJK_FONT,
    PdfCheck,
    require_fonts,
    require_tools,
)

MESSAGE = """Dear Priya,

Thank you for taking the time to talk with me about the Senior Data Engineer role at Lumenfield Analytics.
I especially appreciated the whiteboard walk-through of the ingest pipeline.
I wasn't the one this time, but I'd be glad if our paths crossed again.

With thanks,
Alex Rivera"""
ADDRESS = ("Lumenfield Analytics", "48 Lantern Street", "Brightport BP1 4LF")
RETURN = ("Alex Rivera", "12 Willow Close", "Brightport BP3 2AR")


PRIYA = CardSheet(
    recipient="Priya Raman",
    address_lines=ADDRESS,
    message=MESSAGE,
    return_lines=RETURN,
    caption="Card 1 of 1 · task #4",
)


def sheet(**changes: Any) -> CardSheet:
    return replace(PRIYA, **changes)


@pytest.fixture(autouse=True)
def _tools_and_fonts() -> None:
    require_tools()
    require_fonts()


def test_a2_card_and_envelope_carry_the_message_and_both_addresses(tmp_path: Path) -> None:
    pdf = PdfCheck.of(render_cards([sheet()]), tmp_path)
    assert pdf.sizes() == [A2_CARD, A2_ENVELOPE]
    pdf.laid_out(1, A2_CARD)
    pdf.laid_out(2, A2_ENVELOPE)
    pdf.has(1, MESSAGE, "Card 1 of 1 · task #4")
    pdf.has(2, "Priya Raman", *ADDRESS, *RETURN)
    assert "Dear Priya" not in pdf.text(2)
    assert "Address needed" not in pdf.text(2).title()


def test_the_message_is_set_in_the_handwriting_font(tmp_path: Path) -> None:
    fonts = PdfCheck.of(render_cards([sheet()]), tmp_path).fonts()
    assert "Dancing-Script" in fonts
    assert "DejaVu-Sans" in fonts  # the envelope is printed in a plain, legible face


def test_a6_cards_go_in_c6_envelopes(tmp_path: Path) -> None:
    pdf = PdfCheck.of(render_cards([sheet(size="A6"), sheet(size="a6")]), tmp_path)
    assert pdf.sizes() == [A6_CARD, C6_ENVELOPE] * 2
    pdf.laid_out(1, A6_CARD)
    pdf.laid_out(2, C6_ENVELOPE)
    pdf.has(1, MESSAGE)
    pdf.has(2, "Priya Raman", *ADDRESS)


def test_weasyprint_has_no_complaint_about_the_markup_or_styles(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render_cards([sheet(), sheet(address_lines=None, size="A6")])
    complaints = [r.getMessage() for r in caplog.records if "HarfBuzz-Subset" not in r.getMessage()]
    assert complaints == []


def test_a_missing_address_is_a_clear_box_never_a_blank_envelope(tmp_path: Path) -> None:
    pdf = PdfCheck.of(render_cards([sheet(address_lines=None)]), tmp_path)
    ink = pdf.laid_out(2, A2_ENVELOPE)
    text = pdf.text(2)
    assert "ADDRESS NEEDED" in text
    assert "Priya Raman" in text
    assert not any(line in text for line in ADDRESS)
    assert ink.red() > 100, "the dashed red box is drawn"


def test_without_a_return_address_the_envelope_still_has_the_recipient(tmp_path: Path) -> None:
    pdf = PdfCheck.of(render_cards([sheet(return_lines=())]), tmp_path)
    pdf.laid_out(2, A2_ENVELOPE)
    pdf.has(2, "Priya Raman", *ADDRESS)


def test_non_latin_names_render_with_real_glyphs(tmp_path: Path) -> None:
    require_fonts(CJK_FONT)
    message = "Dear 小龙,\n\nThank you, and please greet Zoë Ångström and Ελένη for me.\n\nAlex"
    cards = [
        sheet(
            recipient="李小龙", message=message, address_lines=("北京市海淀区", "中关村大街 27 号")
        ),
        sheet(recipient="Zoë Ångström", message="Dear Zoë,\n\nTack så mycket!"),
    ]
    pdf = PdfCheck.of(render_cards(cards), tmp_path)
    pdf.has(1, "Dear 小龙,", "Zoë Ångström", "Ελένη")
    pdf.has(2, "李小龙", "北京市海淀区", "中关村大街 27 号")
    pdf.has(3, "Dear Zoë,", "Tack så mycket!")
    pdf.has(4, "Zoë Ångström")
    assert "WenQuanYi-Micro-Hei" in pdf.fonts()
    for page, size in enumerate([A2_CARD, A2_ENVELOPE] * 2, 1):
        pdf.laid_out(page, size)


def test_a_very_long_address_wraps_and_shrinks_but_stays_on_the_envelope(tmp_path: Path) -> None:
    address = (
        "Tidemark Health, Office of the Chief Data Officer, Analytics and Insight Directorate",
        "Building 7, The Long Riverside Quay Technology and Innovation Campus",
        *[f"Internal mail stop {n}, corridor {n}, desk {n}" for n in range(1, 9)],
        "Eastmere-upon-the-Marsh-and-Saltcombe-Quay-by-the-Sea-Extraordinarily-Long-Town",
        "EM2 8QT",
    )
    returns = ("Alex Rivera", "Flat 9, " + "Very Long Street Name " * 6, "Brightport BP3 2AR")
    pdf = PdfCheck.of(render_cards([sheet(address_lines=address, return_lines=returns)]), tmp_path)
    assert len(pdf.sizes()) == 2, "the envelope stays one page"
    pdf.laid_out(2, A2_ENVELOPE)
    pdf.has(2, "Priya Raman", *address, *returns)


def test_a_long_message_shrinks_to_fit_the_card(tmp_path: Path) -> None:
    body = " ".join(["I learned a great deal from the conversation about the pipeline."] * 14)
    message = f"Dear Priya,\n\n{body}\n\nWith thanks,\nAlex"
    long_word = "Supercalifragilistic" * 6
    caption = "Card 2 of 2 · to " + "Somebody With A Remarkably Long Name " * 8
    cards = [sheet(message=message), sheet(message=long_word, caption=caption)]
    pdf = PdfCheck.of(render_cards(cards), tmp_path)
    assert len(pdf.sizes()) == 4
    pdf.laid_out(1, A2_CARD)
    pdf.laid_out(3, A2_CARD)
    pdf.has(1, message)
    pdf.has(3, long_word)


def test_a_message_too_long_for_any_type_size_is_an_error_not_a_clipped_card() -> None:
    novel = "\n\n".join(["A paragraph that goes on and on about the interview."] * 50)
    with pytest.raises(CardDoesNotFit) as caught:
        render_cards([sheet(message=novel)])
    assert caught.value.part == "message"
    assert "doesn't fit on the A2 card" in caught.value.message


def test_no_cards_and_unknown_sizes_are_refused() -> None:
    with pytest.raises(InvalidInput, match="no cards to print"):
        render_cards([])
    with pytest.raises(InvalidInput, match="unknown card size 'B5'"):
        render_cards([sheet(size="B5")])


def test_paragraphs_keep_line_breaks_and_find_greeting_and_sign_off() -> None:
    assert paragraphs(MESSAGE) == [
        Paragraph("greeting", ("Dear Priya,",)),
        Paragraph(
            "body",
            (
                "Thank you for taking the time to talk with me about the Senior Data "
                "Engineer role at Lumenfield Analytics.",
                "I especially appreciated the whiteboard walk-through of the ingest pipeline.",
                "I wasn't the one this time, but I'd be glad if our paths crossed again.",
            ),
        ),
        Paragraph("signoff", ("With thanks,", "Alex Rivera")),
    ]
    assert paragraphs("Just one line, no greeting") == [
        Paragraph("body", ("Just one line, no greeting",))
    ]
    assert paragraphs("\r\n\r\nHi,\r\n\r\n\r\nThanks\r\n") == [
        Paragraph("greeting", ("Hi,",)),
        Paragraph("signoff", ("Thanks",)),
    ]


def test_importing_the_renderer_does_not_load_the_pdf_engine() -> None:
    code = (
        "import sys, nextround.services.cards, nextround.renderers.cards; "
        "sys.exit('weasyprint' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
