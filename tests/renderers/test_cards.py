"""Thank-you card PDFs, checked the way a person would: page sizes, every glyph on
the card and inside its margins (rendered with poppler's ``pdftoppm``), the lines
where the guide says (``pdftotext -bbox-layout``), nothing but the message on the
card's face, and the cover sheet saying which card is which.

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
    lay_out,
    paragraphs,
    render_cards,
)
from tests.pdfcheck import (
    A2_CARD,
    A2_ENVELOPE,
    A4_SHEET,
    A6_CARD,
    A7_CARD,
    A7_ENVELOPE,
    C6_ENVELOPE,
    CJK_FONT,
    DL_CARD,
    DL_ENVELOPE,
    DPI,
    LETTER_SHEET,
    PdfCheck,
    flat,
    lines_of,
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
LONG = "\n\n".join(
    ["Thank you again for the afternoon with the platform team and the tour of the lab."] * 6
)

PRIYA = CardSheet(
    recipient="Priya Raman",
    address_lines=ADDRESS,
    message=MESSAGE,
    return_lines=RETURN,
    caption="Card 1 of 1 · task #4 · to Priya Raman, Lumenfield Analytics",
)
MM = 72 / 25.4
#: The card's margin, as docs/cards.md promises it.
MARGIN = 9 * MM
CARDS = {"a6": A6_CARD, "a2": A2_CARD, "a7": A7_CARD, "dl": DL_CARD}
ENVELOPES = {"a6": C6_ENVELOPE, "a2": A2_ENVELOPE, "a7": A7_ENVELOPE, "dl": DL_ENVELOPE}
SHEETS = {"a4": A4_SHEET, "letter": LETTER_SHEET}


def sheet(**changes: Any) -> CardSheet:
    return replace(PRIYA, **changes)


@pytest.fixture(autouse=True)
def _tools_and_fonts() -> None:
    require_tools()
    require_fonts()


def card_box(size: str, paper: str, folded: bool = False) -> tuple[float, float, float, float]:
    """Where the card sits on the page: (left, top, right, bottom) in points; a
    folded card is printed open, twice as high, on a portrait sheet."""
    w, h = CARDS[size]
    if folded:
        h *= 2
    if paper == "envelope":
        return 0.0, 0.0, w, h
    pw, ph = SHEETS[paper]
    if folded:
        pw, ph = ph, pw
    return (pw - w) / 2, (ph - h) / 2, (pw + w) / 2, (ph + h) / 2


def assert_inside_the_margins(
    pdf: PdfCheck, page: int, size: str, paper: str, folded: bool = False
) -> None:
    """Every word's box within the card's margins (on a folded card, those of its
    lower inside panel), and every dark pixel either there or, on a sheet, in a cut
    mark just outside the card's corners or a fold mark beside the fold."""
    left, top, right, bottom = card_box(size, paper, folded)
    fold = top + CARDS[size][1] if folded else None
    panel_top = fold if fold is not None else top
    words = [w for line in lines_of(pdf, page) for w in line]
    assert words, f"page {page} has no text"
    slack = 1.0
    for w in words:
        assert w.x0 >= left + MARGIN - slack and w.x1 <= right - MARGIN + slack, w
        assert w.y0 >= panel_top + MARGIN - 4 and w.y1 <= bottom - MARGIN + 4, w
    ink = pdf.ink(page)
    px = DPI / 72
    # Script letters may reach a little past their box; the outer 6 mm stay clean.
    clean = 6 * MM * px
    corner = 11 * MM * px  # cut marks: 3 mm off the corner, 6 mm long
    marks = [(cx, cy) for cx in (left, right) for cy in (top, bottom)]
    marks += [(cx, fold) for cx in (left, right)] if fold is not None else []
    bad = []
    for y in range(ink.height):
        for x in range(ink.width):
            if not ink.inked(x, y):
                continue
            inside = left * px <= x <= right * px and top * px <= y <= bottom * px
            if inside:
                if (
                    x < left * px + clean
                    or x > right * px - clean
                    or y < panel_top * px + clean
                    or y > bottom * px - clean
                ):
                    bad.append((x, y, "in the margin"))
            elif paper == "envelope" or not any(
                abs(x - cx * px) <= corner and abs(y - cy * px) <= corner for cx, cy in marks
            ):
                bad.append((x, y, "off the card"))
    assert not bad, f"page {page}: ink where none belongs: {bad[:5]}"


@pytest.mark.parametrize(
    ("size", "paper"),
    [("a6", "a4"), ("a2", "letter"), ("a7", "envelope"), ("dl", "letter"), ("dl", "envelope")],
)
def test_each_size_prints_at_its_real_size_with_the_guide_inside_its_margins(
    tmp_path: Path, size: str, paper: str
) -> None:
    pdf = PdfCheck.of(render_cards([sheet()], size=size, sheet=paper), tmp_path)
    if paper == "envelope":
        assert pdf.sizes() == [
            pytest.approx(CARDS[size], abs=0.2),
            pytest.approx(CARDS[size], abs=0.2),
            pytest.approx(ENVELOPES[size], abs=0.2),
        ]
    else:
        assert pdf.sizes() == [pytest.approx(SHEETS[paper], abs=0.2)] * 3
    assert_inside_the_margins(pdf, 2, size, paper)
    pdf.has(2, MESSAGE)
    pdf.has(3, "Priya Raman", *ADDRESS, *RETURN)
    pdf.laid_out(3, pdf.sizes()[2])


@pytest.mark.parametrize(("size", "paper"), [("a6", "a4"), ("a7", "letter"), ("a2", "envelope")])
def test_a_folded_card_prints_open_with_fold_marks_and_the_message_below_the_fold(
    tmp_path: Path, size: str, paper: str
) -> None:
    pdf = PdfCheck.of(render_cards([sheet()], size=size, sheet=paper, folded=True), tmp_path)
    w, h = CARDS[size]
    expected = (w, 2 * h) if paper == "envelope" else tuple(reversed(SHEETS[paper]))
    assert pdf.sizes()[1] == pytest.approx(expected, abs=0.2)
    assert_inside_the_margins(pdf, 2, size, paper, folded=True)
    pdf.has(2, MESSAGE)
    pdf.has(1, "folded at the top: the message goes on the lower inside panel")
    if paper != "envelope":
        # A fold mark on each side, level with the fold.
        left, top, right, _ = card_box(size, paper, folded=True)
        ink, px = pdf.ink(2), DPI / 72
        y = round((top + h) * px)
        for x0, x1 in ((left - 8 * MM, left - 4 * MM), (right + 4 * MM, right + 8 * MM)):
            assert any(
                ink.inked(x, yy)
                for x in range(round(x0 * px), round(x1 * px))
                for yy in (y - 1, y, y + 1)
            )


def test_a_folded_dl_card_is_too_tall_for_a_sheet_and_says_how_to_print_it() -> None:
    with pytest.raises(InvalidInput, match=r"^a folded card of 210 x 198 mm doesn't fit on A4"):
        render_cards([sheet()], size="dl", sheet="a4", folded=True)


def test_the_guide_is_the_message_line_for_line_in_order(tmp_path: Path) -> None:
    layout = lay_out([sheet()], size="a2", sheet="letter")
    pdf = PdfCheck.of(render_cards([sheet()], size="a2", sheet="letter"), tmp_path)
    printed = sorted(lines_of(pdf, 2), key=lambda line: line[0].y0)
    expected = [line.text for line in layout.cards[0].cards[0].lines]
    assert [" ".join(w.text for w in line) for line in printed] == expected
    # The words read in the message's order, and the lines go down the card.
    assert flat("".join(expected)) == flat(MESSAGE)
    tops = [line[0].y0 for line in printed]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # The greeting starts at the left margin; the sign-off is set to the right.
    left = card_box("a2", "letter")[0] + MARGIN
    assert printed[0][0].text == "Dear" and abs(printed[0][0].x0 - left) < 2
    assert printed[-1][0].text == "Alex" and printed[-1][0].x0 > left + 100
    # More than one line: the measure is the card's, not the message's own lines.
    assert len(expected) > len(MESSAGE.splitlines())


def test_the_card_carries_only_the_message_and_the_cover_the_rest(tmp_path: Path) -> None:
    pdf = PdfCheck.of(render_cards([sheet(), sheet(address_lines=None)]), tmp_path)
    for page in (2, 4):
        text = pdf.text(page)
        assert flat(text) == flat(MESSAGE), f"page {page} has more than the message"
        assert "#" not in text and "task" not in text.lower()
    cover = pdf.text(1)
    pdf.has(1, "Card 1 of 1 · task #4 · to Priya Raman, Lumenfield Analytics")
    assert "1 of 2" in cover and "2 of 2" in cover
    pdf.has(1, "card 2, envelope 3", "card 4, envelope 5", "Address needed")


def test_the_message_is_set_in_the_handwriting_font(tmp_path: Path) -> None:
    fonts = PdfCheck.of(render_cards([sheet()]), tmp_path).fonts()
    assert "Dancing-Script" in fonts
    assert "DejaVu-Sans" in fonts  # the envelope is printed in a plain, legible face


def test_weasyprint_has_no_complaint_about_the_markup_or_styles(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render_cards([sheet(), sheet(address_lines=None)], size="a6", sheet="envelope")
    complaints = [r.getMessage() for r in caplog.records if "HarfBuzz-Subset" not in r.getMessage()]
    assert complaints == []


def test_a_missing_address_is_a_clear_box_never_a_blank_envelope(tmp_path: Path) -> None:
    pdf = PdfCheck.of(render_cards([sheet(address_lines=None)], sheet="envelope"), tmp_path)
    ink = pdf.laid_out(3, A2_ENVELOPE)
    text = pdf.text(3)
    assert "ADDRESS NEEDED" in text
    assert "Priya Raman" in text
    assert not any(line in text for line in ADDRESS)
    assert ink.red() > 100, "the dashed red box is drawn"


def test_without_a_return_address_the_envelope_still_has_the_recipient(tmp_path: Path) -> None:
    pdf = PdfCheck.of(render_cards([sheet(return_lines=())], sheet="envelope"), tmp_path)
    pdf.laid_out(3, A2_ENVELOPE)
    pdf.has(3, "Priya Raman", *ADDRESS)


def test_names_with_diacritics_apostrophes_and_ampersands_render(tmp_path: Path) -> None:
    require_fonts(CJK_FONT)
    message = (
        "Dear Zoë,\n\nThank you — and please thank Seán O'Brien-Łukasiewicz, Ελένη and 小龙 "
        "at Smith & Söhne for me.\n\nAlex"
    )
    cards = [
        sheet(
            recipient="Zoë O'Brien & Søren",
            message=message,
            address_lines=("Smith & Söhne <R&D>", "Straße des 17. Juni 135", "北京市海淀区"),
        )
    ]
    pdf = PdfCheck.of(render_cards(cards, size="a6", sheet="a4"), tmp_path)
    pdf.has(2, message)
    pdf.has(3, "Zoë O'Brien & Søren", "Smith & Söhne <R&D>", "Straße des 17. Juni 135")
    pdf.has(3, "北京市海淀区")
    assert "&amp;" not in pdf.text(2) + pdf.text(3)
    assert "WenQuanYi-Micro-Hei" in pdf.fonts()
    assert_inside_the_margins(pdf, 2, "a6", "a4")


def test_a_very_long_address_wraps_and_shrinks_but_stays_on_the_envelope(tmp_path: Path) -> None:
    address = (
        "Tidemark Health, Office of the Chief Data Officer, Analytics and Insight Directorate",
        "Building 7, The Long Riverside Quay Technology and Innovation Campus",
        *[f"Mail stop {n}" for n in range(1, 5)],
        "Eastmere-upon-the-Marsh-and-Saltcombe-Quay-by-the-Sea-Extraordinarily-Long-Town",
        "EM2 8QT",
    )
    returns = ("Alex Rivera", "Flat 9, " + "Very Long Street Name " * 6, "Brightport BP3 2AR")
    cards = [sheet(address_lines=address, return_lines=returns)]
    pdf = PdfCheck.of(render_cards(cards, sheet="envelope"), tmp_path)
    assert len(pdf.sizes()) == 3, "the envelope stays one page"
    pdf.laid_out(3, A2_ENVELOPE)
    pdf.has(3, "Priya Raman", *address, *returns)


def test_an_address_too_long_for_the_envelope_is_an_error() -> None:
    address = tuple(f"Line {n} of an address that never ends" for n in range(40))
    with pytest.raises(CardDoesNotFit) as caught:
        render_cards([sheet(address_lines=address)])
    assert caught.value.part == "address"
    assert "doesn't fit on the A2 envelope" in caught.value.message


def test_a_longer_message_shrinks_but_stays_on_one_card(tmp_path: Path) -> None:
    message = MESSAGE.replace("again.", "again. " + "It was a real pleasure. " * 3)
    [laid] = lay_out([sheet(message=message)], size="a6", sheet="a4").cards
    assert len(laid.cards) == 1 and 14 <= laid.guide.size < 18
    pdf = PdfCheck.of(render_cards([sheet(message=message)], size="a6", sheet="a4"), tmp_path)
    assert len(pdf.sizes()) == 3
    pdf.has(2, message)
    assert_inside_the_margins(pdf, 2, "a6", "a4")


def test_a_long_message_moves_to_a_second_card_with_a_warning(tmp_path: Path) -> None:
    [laid] = lay_out([sheet(message=LONG)], size="a6", sheet="a4").cards
    assert laid.continued and laid.guide.size == 14
    pdf = PdfCheck.of(render_cards([sheet(message=LONG)], size="a6", sheet="a4"), tmp_path)
    assert pdf.sizes() == [pytest.approx(A4_SHEET, abs=0.2)] * 4
    pdf.has(1, "Too long for one A6 card even at 14 pt: it continues on a second card")
    pdf.has(1, "cards 2\u20133, envelope 4")
    # Both cards together carry the whole message, in order, and each stays in its margins.
    assert flat(pdf.text(2) + pdf.text(3)) == flat(LONG)
    assert pdf.text(2).strip() and pdf.text(3).strip()
    assert_inside_the_margins(pdf, 2, "a6", "a4")
    assert_inside_the_margins(pdf, 3, "a6", "a4")


def test_on_the_pieces_themselves_cards_come_first_then_envelopes(tmp_path: Path) -> None:
    cards = [sheet(), sheet(recipient="Jonas Whitfield", message=LONG)]
    pdf = PdfCheck.of(render_cards(cards, size="a7", sheet="envelope"), tmp_path)
    sizes = pdf.sizes()
    assert sizes[0] == pytest.approx(A7_CARD, abs=0.2)  # the cover
    assert sizes[1:] == [pytest.approx(s, abs=0.2) for s in [A7_CARD] * 2 + [A7_ENVELOPE] * 2]
    pdf.has(4, "Priya Raman")
    pdf.has(5, "Jonas Whitfield")


def test_a_message_too_long_even_for_two_cards_is_an_error_not_a_clipped_card() -> None:
    novel = "\n\n".join(["A paragraph that goes on and on about the interview."] * 50)
    with pytest.raises(CardDoesNotFit) as caught:
        render_cards([sheet(message=novel)])
    assert caught.value.part == "message"
    assert "doesn't fit on 2 A2 cards" in caught.value.message


def test_no_cards_and_unknown_sizes_or_sheets_are_refused() -> None:
    with pytest.raises(InvalidInput, match="no cards to print"):
        render_cards([])
    with pytest.raises(InvalidInput, match="unknown card size 'b5'; use one of: a6, a2, a7, dl"):
        render_cards([sheet()], size="b5")
    with pytest.raises(InvalidInput, match="unknown sheet 'a3'; use one of: a4, letter, envelope"):
        render_cards([sheet()], sheet="a3")


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


SPANISH = """Estimada Sra. García-Márquez:

Muchas gracias por su tiempo durante las entrevistas para el puesto de Data Analyst.
Esta vez no ha podido ser, pero me encantaría que volviéramos a coincidir.

Un cordial saludo,
Sam Rivera"""


def test_a_greeting_ending_in_a_colon_is_the_greeting(tmp_path: Path) -> None:
    """Spanish letters greet with a colon: the line is the greeting, on its own at the
    left margin with the body below it, as "Dear Priya," is."""
    found = paragraphs(SPANISH)
    assert [p.role for p in found] == ["greeting", "body", "signoff"]
    assert found[0].lines == ("Estimada Sra. García-Márquez:",)
    assert paragraphs("Hola, Ana:\n\nGracias.")[0].role == "greeting"
    said = "Here is what I took away from our long conversation about the platform and the team:"
    assert paragraphs(f"{said}\n\nThe rest.")[0].role == "body"
    pdf = PdfCheck.of(render_cards([sheet(message=SPANISH)], size="a6", sheet="a4"), tmp_path)
    printed = sorted(lines_of(pdf, 2), key=lambda line: line[0].y0)
    left = card_box("a6", "a4")[0] + MARGIN
    assert " ".join(w.text for w in printed[0]) == "Estimada Sra. García-Márquez:"
    assert abs(printed[0][0].x0 - left) < 2
    assert printed[1][0].text == "Muchas" and abs(printed[1][0].x0 - left) < 2
    assert printed[-1][0].text == "Sam" and printed[-1][0].x0 > left + 60
    assert flat(" ".join(w.text for line in printed for w in line)) == flat(SPANISH)


def test_importing_the_renderer_does_not_load_the_pdf_engine() -> None:
    code = (
        "import sys, nextround.services.cards, nextround.renderers.cards; "
        "sys.exit('weasyprint' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
