"""Where everything on a printed card and its envelope goes, in points.

Pure layout: card and envelope sizes, the sheet they are printed on, the guide
wrapped line for line at the card's measure, the envelope's two address blocks
and the cut marks. No typesetting happens here; ``cards.py`` turns the pages
into a PDF. Every line is placed inside its box by construction: a message too
long for the card shrinks down to a floor, then continues on a second card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nextround.errors import InvalidInput
from nextround.renderers import card_metrics
from nextround.renderers.card_metrics import Measure, wrap


def mm(value: float) -> float:
    return round(value * 72 / 25.4, 2)


@dataclass(frozen=True)
class Stationery:
    """A flat card and the envelope made for it, both landscape (width, height) in points."""

    key: str
    name: str
    card: tuple[float, float]
    envelope_name: str
    envelope: tuple[float, float]


#: Card sizes and their envelopes (see docs/cards.md for the sources).
STATIONERY: dict[str, Stationery] = {
    "a6": Stationery("a6", "A6", (mm(148), mm(105)), "C6", (mm(162), mm(114))),
    "a2": Stationery("a2", "A2", (396.0, 306.0), "A2", (414.0, 315.0)),
    "a7": Stationery("a7", "A7", (504.0, 360.0), "A7", (522.0, 378.0)),
    "dl": Stationery("dl", "DL", (mm(210), mm(99)), "DL", (mm(220), mm(110))),
}
#: Sheets the card is laid out on at its real size (landscape), or "envelope":
#: each page is the card or the envelope itself, fed into the printer.
SHEETS: dict[str, tuple[str, tuple[float, float] | None]] = {
    "a4": ("A4", (mm(297), mm(210))),
    "letter": ("US Letter", (792.0, 612.0)),
    "envelope": ("envelope", None),
}

#: The guide's type sizes (points), largest first; the last is the floor.
GUIDE_SIZES = (18.0, 17.0, 16.0, 15.0, 14.0)
GUIDE_LEADING = 1.5
#: Space between paragraphs, in lines.
PARAGRAPH_GAP = 0.45
#: The card's margin: nothing is written closer to its edge.
CARD_MARGIN = mm(9)
#: Cut marks: this far from the corner, this long (shorter when the sheet is tight).
MARK_GAP, MARK_LENGTH, SHORTEST_MARK = mm(3), mm(6), mm(2.5)
#: Home printers leave about this much of each edge blank: no mark goes there.
UNPRINTABLE = mm(5)
#: The most cards one message may take before it must be shortened.
MOST_CARDS = 2

ENVELOPE_SIZES = (12.0, 11.0, 10.0, 9.0, 8.0, 7.0)
ENVELOPE_MARGIN = mm(8)


def stationery(size: str) -> Stationery:
    try:
        return STATIONERY[size.strip().lower()]
    except KeyError:
        raise InvalidInput(
            f"unknown card size {size!r}; use one of: {', '.join(STATIONERY)}"
        ) from None


def sheet_size(sheet: str) -> tuple[float, float] | None:
    try:
        return SHEETS[sheet.strip().lower()][1]
    except KeyError:
        raise InvalidInput(f"unknown sheet {sheet!r}; use one of: {', '.join(SHEETS)}") from None


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def inset(self, by: float) -> Box:
        return Box(self.x + by, self.y + by, self.width - 2 * by, self.height - 2 * by)


@dataclass(frozen=True)
class Line:
    """One line of text; ``y`` is the top of its line box (``leading`` high)."""

    x: float
    y: float
    text: str
    size: float
    leading: float
    style: str  # "hand", "print", "headline" or "hint"


@dataclass(frozen=True)
class Rule:
    """A mark: a thin rectangle (a cut mark, or a dashed box when ``dashed``)."""

    box: Box
    dashed: bool = False


@dataclass
class Page:
    size: tuple[float, float]
    kind: str  # "card" or "envelope"
    box: Box  # the card's or the envelope's outline on the page
    content: Box  # the part of it that may carry text
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


def place(
    stock: tuple[float, float], sheet: str, *, folded: bool = False
) -> tuple[tuple[float, float], Box, list[Rule]]:
    """The page, where the piece sits on it, and its marks (none on its own page).

    A folded card opens upwards (a top fold): the piece is the card twice as high,
    printed on a portrait sheet, with fold marks beside the fold halfway down.
    """
    piece = (stock[0], stock[1] * 2) if folded else stock
    paper = sheet_size(sheet)
    if paper is None:
        return piece, Box(0.0, 0.0, *piece), []
    if folded:
        paper = (paper[1], paper[0])
    box = Box((paper[0] - piece[0]) / 2, (paper[1] - piece[1]) / 2, *piece)
    room = min(box.x, box.y) - MARK_GAP - UNPRINTABLE
    if room < SHORTEST_MARK:
        shape = "folded card" if folded else "piece"
        raise InvalidInput(
            f"a {shape} of {piece[0] / 72 * 25.4:.0f} x {piece[1] / 72 * 25.4:.0f} mm doesn't "
            f"fit on {SHEETS[sheet][0]} with cut marks; print it flat or on the card itself "
            "(sheet: envelope)"
        )
    length = min(MARK_LENGTH, room)
    marks = cut_marks(box, length)
    if folded:
        fold = box.y + stock[1]
        for x in (box.x - MARK_GAP - length, box.x + box.width + MARK_GAP):
            marks.append(Rule(Box(x, fold - 0.375, length, 0.75)))
    return paper, box, marks


def cut_marks(box: Box, length: float = MARK_LENGTH, weight: float = 0.75) -> list[Rule]:
    """Two short lines at each corner, outside the piece, along its edges."""
    marks = []
    for x in (box.x, box.x + box.width):
        for y in (box.y, box.y + box.height):
            out_x = -1 if x == box.x else 1
            out_y = -1 if y == box.y else 1
            start_x = x + out_x * MARK_GAP
            start_y = y + out_y * MARK_GAP
            # along the vertical edge, above or below the corner
            top = min(start_y, start_y + out_y * length)
            marks.append(Rule(Box(x - weight / 2, top, weight, length)))
            # along the horizontal edge, left or right of the corner
            left = min(start_x, start_x + out_x * length)
            marks.append(Rule(Box(left, y - weight / 2, length, weight)))
    return marks


def guide_box(stock: Stationery, sheet: str, folded: bool) -> Box:
    """Where the message may go: inside the card's margins; on a folded card, the
    lower inside panel (below the fold), where one writes when the card is open."""
    box = place(stock.card, sheet, folded=folded)[1]
    if folded:
        box = Box(box.x, box.y + stock.card[1], box.width, stock.card[1])
    return box.inset(CARD_MARGIN)


# --- the guide ---------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    text: str
    indent: float  # as a share of the measure
    gap_before: bool  # the first line of a paragraph (not the first one)


@dataclass(frozen=True)
class Guide:
    """A message set for a card: its type size and its lines, card by card."""

    size: float
    cards: tuple[tuple[Row, ...], ...]

    @property
    def shrunk(self) -> bool:
        return self.size < GUIDE_SIZES[0]


def _rows(
    paragraphs: Sequence[tuple[str, tuple[str, ...]]], measure: Measure, size: float, width: float
) -> list[Row]:
    rows: list[Row] = []
    for number, (role, lines) in enumerate(paragraphs):
        indent = 0.45 if role == "signoff" else 0.0
        first = True
        for line in lines:
            for text in wrap(line, measure, size, width * (1 - indent)) or [""]:
                rows.append(Row(text, indent, first and number > 0))
                first = False
    return rows


def _height(rows: Sequence[Row], size: float) -> float:
    lead = size * GUIDE_LEADING
    gaps = sum(1 for i, r in enumerate(rows) if r.gap_before and i > 0)
    return len(rows) * lead + gaps * lead * PARAGRAPH_GAP


def set_guide(
    paragraphs: Sequence[tuple[str, tuple[str, ...]]], content: Box, font: Path | None
) -> Guide | None:
    """The message at the largest size that fits one card; else at the floor size
    over two cards; None when even two are not enough."""
    measure = card_metrics.hand(font)
    for size in GUIDE_SIZES:
        rows = _rows(paragraphs, measure, size, content.width)
        if _height(rows, size) <= content.height:
            return Guide(size, (tuple(rows),))
    cards = _split(rows, size, content.height)
    return Guide(size, cards) if len(cards) <= MOST_CARDS else None


def _split(rows: list[Row], size: float, room: float) -> tuple[tuple[Row, ...], ...]:
    """Rows over as many cards as they need, each card starting a paragraph when
    that leaves the card before it at least half full."""
    cards: list[tuple[Row, ...]] = []
    while rows:
        count = 1
        while count < len(rows) and _height(rows[: count + 1], size) <= room:
            count += 1
        if count < len(rows):
            starts = [i for i in range(1, count + 1) if rows[i].gap_before]
            if starts and _height(rows[: starts[-1]], size) >= room / 2:
                count = starts[-1]
        first = rows[0]
        cards.append((Row(first.text, first.indent, False), *rows[1:count]))
        rows = rows[count:]
    return tuple(cards)


def card_page(
    rows: Sequence[Row], size: float, stock: Stationery, sheet: str, folded: bool = False
) -> Page:
    paper, box, marks = place(stock.card, sheet, folded=folded)
    content = guide_box(stock, sheet, folded)
    page = Page(paper, "card", box, content, rules=marks)
    lead = size * GUIDE_LEADING
    y = content.y
    for row in rows:
        if row.gap_before:
            y += lead * PARAGRAPH_GAP
        x = content.x + row.indent * content.width
        page.lines.append(Line(x, y, row.text, size, lead, "hand"))
        y += lead
    return page


# --- the envelope ------------------------------------------------------------

MISSING_HEADLINE = "Address needed"


def envelope_page(
    recipient: str,
    address: Sequence[str] | None,
    returns: Sequence[str],
    stock: Stationery,
    sheet: str,
) -> Page | None:
    """The envelope's face, or None when the address doesn't fit even in small type."""
    paper, box, marks = place(stock.envelope, sheet)
    content = box.inset(ENVELOPE_MARGIN)
    page = Page(paper, "envelope", box, content, rules=marks)
    measure = card_metrics.printed()
    # The return address: small, top left, in at most the top third.
    back = Box(content.x, content.y, content.width * 0.5, content.height * 0.34)
    for size in (8.0, 7.0, 6.0):
        lines = _block(returns, measure, size, back)
        if lines is not None:
            page.lines += lines
            break
    else:
        return None
    # The recipient: from a little left of the middle down to the bottom right.
    front = Box(
        box.x + box.width * 0.38,
        box.y + box.height * 0.4,
        content.x + content.width - (box.x + box.width * 0.38),
        content.y + content.height - (box.y + box.height * 0.4),
    )
    for size in ENVELOPE_SIZES:
        if address:
            lines = _block((recipient, *address), measure, size, front)
        else:
            lines = _missing(recipient, measure, size, front, page)
        if lines is not None:
            page.lines += lines
            return page
    return None


def _block(
    texts: Sequence[str],
    measure: Measure,
    size: float,
    room: Box,
    style: str = "print",
    hanging: float = 1.2,
) -> list[Line] | None:
    """Address lines, each wrapped under itself with a hanging indent."""
    lead = size * 1.3
    hang = size * hanging
    lines: list[Line] = []
    y = room.y
    for text in texts:
        for i, part in enumerate(wrap(text, measure, size, room.width - hang)):
            lines.append(Line(room.x + (hang if i else 0.0), y, part, size, lead, style))
            y += lead
    return lines if y - room.y <= room.height else None


def _missing(
    recipient: str, measure: Measure, size: float, room: Box, page: Page
) -> list[Line] | None:
    """A dashed box where the address goes, saying that one is needed."""
    heading = _block((recipient,), measure, size, room)
    if heading is None:
        return None
    top = room.y + len(heading) * size * 1.3 + size * 0.3
    pad = size * 0.6
    inner = Box(room.x + pad, top + pad, room.width - 2 * pad, room.y + room.height - top - 2 * pad)
    title = Line(inner.x, inner.y, MISSING_HEADLINE.upper(), size, size * 1.3, "headline")
    if measure.width(title.text, size) * 1.15 > inner.width:
        return None
    hint = (
        f"No postal address is known for {recipient} or their company yet. "
        "Find one and write it here, or add it to nextround and print again."
    )
    below = inner.y + size * 1.3
    rest = Box(inner.x, below, inner.width, inner.y + inner.height - below)
    hints = _block((hint,), measure, size * 0.7, rest, "hint", hanging=0.0)
    if hints is None:
        return None
    bottom = hints[-1].y + hints[-1].leading + pad
    page.rules = [r for r in page.rules if not r.dashed]
    page.rules.append(Rule(Box(room.x, top, room.width, bottom - top), dashed=True))
    return [*heading, title, *hints]
