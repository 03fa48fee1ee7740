"""The card layout without rendering: published stationery sizes, wrapping that never
runs past the measure, guides that never run past the card, and cut marks that stay
off the card. Message text is the user's own, so it is fuzzed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.renderers import card_layout, card_metrics
from nextround.renderers.card_layout import (
    CARD_MARGIN,
    GUIDE_SIZES,
    STATIONERY,
    Box,
    card_page,
    cut_marks,
    envelope_page,
    place,
    set_guide,
)
from nextround.renderers.card_metrics import HANDWRITING_FONT, SAFETY, wrap
from nextround.renderers.cards import paragraphs

MM = 72 / 25.4
INCH = 72.0

#: Text a user might type: letters of several scripts, punctuation, long words, blanks.
TEXT = st.lists(
    st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:'&!?-—")
        + list("éüßøåçñŁłΩλжё李小龙中文")
        + ["\n", "\n\n", "  ", "W" * 12, "supercalifragilistic"]
    ),
    max_size=300,
).map("".join)


def test_sizes_are_the_published_ones() -> None:
    """ISO 216/269 for A6, C6, DL; the US announcement sizes for A2 and A7."""

    def close(points: tuple[float, float], size: tuple[float, float]) -> bool:
        return all(abs(a - b) < 0.2 for a, b in zip(points, size, strict=True))

    assert close(STATIONERY["a6"].card, (148 * MM, 105 * MM))
    assert close(STATIONERY["a6"].envelope, (162 * MM, 114 * MM))
    assert close(STATIONERY["a2"].card, (5.5 * INCH, 4.25 * INCH))
    assert close(STATIONERY["a2"].envelope, (5.75 * INCH, 4.375 * INCH))
    assert close(STATIONERY["a7"].card, (7 * INCH, 5 * INCH))
    assert close(STATIONERY["a7"].envelope, (7.25 * INCH, 5.25 * INCH))
    assert close(STATIONERY["dl"].card, (210 * MM, 99 * MM))
    assert close(STATIONERY["dl"].envelope, (220 * MM, 110 * MM))
    for stock in STATIONERY.values():
        # Each card goes into its envelope with room to spare on both sides.
        assert all(e - c >= 0.125 * INCH for c, e in zip(stock.card, stock.envelope, strict=True))


def test_every_piece_fits_its_sheet_with_its_cut_marks_inside_the_printable_area() -> None:
    for stock in STATIONERY.values():
        for sheet in ("a4", "letter"):
            for piece in (stock.card, stock.envelope):
                paper, box, marks = place(piece, sheet)
                assert len(marks) == 8
                for mark in marks:
                    b = mark.box
                    # Off the piece: no mark crosses into it...
                    assert (
                        b.x + b.width <= box.x + 0.5
                        or b.x >= box.x + box.width - 0.5
                        or b.y + b.height <= box.y + 0.5
                        or b.y >= box.y + box.height - 0.5
                    )
                    # ...and at least 5 mm from the paper's edge, where printers reach.
                    assert b.x >= 5 * MM and b.y >= 5 * MM
                    assert b.x + b.width <= paper[0] - 5 * MM
                    assert b.y + b.height <= paper[1] - 5 * MM


def test_on_the_pieces_themselves_there_are_no_marks() -> None:
    paper, box, marks = place(STATIONERY["a6"].envelope, "envelope")
    assert paper == STATIONERY["a6"].envelope and marks == []
    assert (box.x, box.y) == (0.0, 0.0)


def test_cut_marks_point_away_from_each_corner() -> None:
    box = Box(100, 100, 200, 100)
    marks = cut_marks(box)
    top_left = [m.box for m in marks if m.box.x < 100 + 1 and m.box.y < 100 + 1]
    assert len(top_left) == 2
    assert all(b.x + b.width <= 100 + 0.5 or b.y + b.height <= 100 + 0.5 for b in top_left)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from([14.0, 18.0]), st.floats(min_value=40, max_value=500))
def test_wrapped_lines_keep_every_word_and_stay_within_the_measure(
    text: str, size: float, width: float
) -> None:
    measure = card_metrics.hand(HANDWRITING_FONT if HANDWRITING_FONT.is_file() else None)
    lines = wrap(text, measure, size, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert line == line.strip() and line
        assert len(line) == 1 or measure.width(line, size) <= width * SAFETY + 0.01


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(sorted(STATIONERY)), st.sampled_from(["a4", "letter", "envelope"]))
def test_a_guide_never_runs_past_its_card(text: str, size: str, sheet: str) -> None:
    stock = STATIONERY[size]
    content = place(stock.card, sheet)[1].inset(CARD_MARGIN)
    parts = [(p.role, p.lines) for p in paragraphs(text)]
    guide = set_guide(parts, content, HANDWRITING_FONT)
    measure = card_metrics.hand(HANDWRITING_FONT if HANDWRITING_FONT.is_file() else None)
    if guide is None:  # too long for two cards: refused, never clipped
        return
    assert guide.size in GUIDE_SIZES
    assert len(guide.cards) <= card_layout.MOST_CARDS
    assert len(guide.cards) == 1 or guide.size == GUIDE_SIZES[-1]
    written = []
    for rows in guide.cards:
        page = card_page(rows, guide.size, stock, sheet)
        for line in page.lines:
            assert line.x >= content.x - 0.01 and line.y >= content.y - 0.01
            assert line.y + line.leading <= content.y + content.height + 0.01
            wide = measure.width(line.text, line.size)
            assert len(line.text) == 1 or line.x + wide <= content.x + content.width + 0.01
            written.append(line.text)
    assert "".join("".join(written).split()) == "".join(text.split())


@settings(max_examples=60, deadline=None)
@given(
    st.text(min_size=1, max_size=80),
    st.one_of(st.none(), st.lists(st.text(max_size=120), max_size=12)),
    st.lists(st.text(max_size=80), max_size=6),
)
def test_an_envelope_is_laid_out_in_its_box_or_refused(
    name: str, address: list[str] | None, returns: list[str]
) -> None:
    stock = STATIONERY["a2"]
    page = envelope_page(name, address, returns, stock, "letter")
    if page is None:
        return
    for line in page.lines:
        assert line.x >= page.content.x - 0.01 and line.y >= page.content.y - 0.01
        assert line.y + line.leading <= page.content.y + page.content.height + 0.01
