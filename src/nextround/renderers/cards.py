"""Printable thank-you cards: a cover sheet, then for each card its guide to copy
by hand and its envelope, in one PDF.

Plain data in, PDF bytes out; no database. ``card_layout`` decides where every
line goes (the guide wrapped at the card's measure, line for line as it is to
be written); WeasyPrint only draws the result, and is imported only while
rendering, because loading it takes a second or more. The card's face carries
the message and nothing else: what each card is for (its task, its number in
the batch) is on the cover sheet.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from nextround.domain.controls import refuse_controls
from nextround.errors import InvalidInput
from nextround.renderers import card_layout
from nextround.renderers.card_layout import (
    GUIDE_SIZES,
    SHEETS,
    STATIONERY,
    Guide,
    Page,
    Stationery,
    stationery,
)
from nextround.renderers.card_metrics import HANDWRITING_FONT

__all__ = [
    "GUIDE_SIZES",
    "HANDWRITING_FONT",
    "SHEETS",
    "STATIONERY",
    "CardDoesNotFit",
    "CardSheet",
    "LaidCard",
    "Layout",
    "Paragraph",
    "lay_out",
    "paragraphs",
    "render_cards",
]

TEMPLATES = Path(__file__).parent / "templates" / "cards"


@dataclass(frozen=True)
class CardSheet:
    """One card and its envelope.

    ``address_lines`` is None when no postal address is known: the envelope
    then shows an "address needed" box where the address would go. ``caption``
    says on the cover sheet what the card is for; it is never on the card.
    """

    recipient: str
    address_lines: tuple[str, ...] | None
    message: str
    return_lines: tuple[str, ...] = ()
    caption: str = ""


class CardDoesNotFit(InvalidInput):
    """A message too long for two cards, or an address for the envelope, even in small type."""

    def __init__(self, sheet: CardSheet, part: str, stock: Stationery) -> None:
        self.sheet, self.part, self.stock = sheet, part, stock
        super().__init__(
            f"the {part} for {sheet.recipient} doesn't fit {where(part, stock)} even in "
            "small type; shorten it"
        )


def where(part: str, stock: Stationery) -> str:
    if part == "message":
        return f"on {card_layout.MOST_CARDS} {stock.name} cards"
    return f"on the {stock.envelope_name} envelope"


@dataclass(frozen=True)
class Paragraph:
    role: str  # "greeting", "body" or "signoff": each is set a little differently
    lines: tuple[str, ...]


def paragraphs(message: str) -> list[Paragraph]:
    """The message split at blank lines, keeping the writer's own line breaks.

    A first line on its own ending in a comma ("Dear Dana,") or, as Spanish writes it,
    a colon ("Estimada Sra. García:") is the greeting; a short last paragraph ("With
    thanks, / Ana") is the sign-off, set to the right.
    """
    blocks = [b.strip() for b in message.replace("\r\n", "\n").split("\n\n")]
    found = [tuple(line.strip() for line in b.split("\n")) for b in blocks if b]
    result = [Paragraph("body", lines) for lines in found]
    if result and len(found[0]) == 1 and _is_greeting(found[0][0]):
        result[0] = Paragraph("greeting", found[0])
    if len(result) > 1 and _is_signoff(found[-1]):
        result[-1] = Paragraph("signoff", found[-1])
    return result


def _is_greeting(line: str) -> bool:
    # A colon only on a short line: "Here is what I learned:" may open a body.
    return line.endswith(",") or (line.endswith(":") and len(line) <= _GREETING_MAX)


#: The longest line ending in a colon read as a greeting.
_GREETING_MAX = 80


def _is_signoff(lines: tuple[str, ...]) -> bool:
    return len(lines) <= 3 and all(len(line) <= 40 for line in lines)


@dataclass(frozen=True)
class LaidCard:
    """A sheet laid out: its guide (one card, or two when the message is long)."""

    sheet: CardSheet
    guide: Guide
    cards: tuple[Page, ...]
    envelope: Page

    @property
    def continued(self) -> bool:
        return len(self.cards) > 1


@dataclass(frozen=True)
class Layout:
    stock: Stationery
    sheet: str
    cards: tuple[LaidCard, ...]
    folded: bool = False

    def pages(self) -> list[tuple[LaidCard, Page]]:
        """The pages after the cover, in print order: on a sheet, each card
        followed by its envelope; on the pieces themselves, every card first and
        then every envelope, so the printer is loaded only twice."""
        if self.sheet == "envelope":
            cards = [(laid, page) for laid in self.cards for page in laid.cards]
            return cards + [(laid, laid.envelope) for laid in self.cards]
        return [(laid, page) for laid in self.cards for page in (*laid.cards, laid.envelope)]


def lay_out(
    sheets: Sequence[CardSheet],
    *,
    size: str = "a2",
    sheet: str = "letter",
    folded: bool = False,
    handwriting_font: Path | None = HANDWRITING_FONT,
) -> Layout:
    """Every card and envelope placed, without rendering anything."""
    if not sheets:
        raise InvalidInput("there are no cards to print")
    stock = stationery(size)
    sheet = sheet.strip().lower()
    card_layout.sheet_size(sheet)  # an unknown sheet is refused here
    font = handwriting_font if handwriting_font and handwriting_font.is_file() else None
    laid = []
    for one in sheets:
        _refuse_controls(one)
        content = card_layout.guide_box(stock, sheet, folded)
        parts = [(p.role, p.lines) for p in paragraphs(one.message)]
        guide = card_layout.set_guide(parts, content, font)
        if guide is None:
            raise CardDoesNotFit(one, "message", stock)
        cards = tuple(
            card_layout.card_page(rows, guide.size, stock, sheet, folded) for rows in guide.cards
        )
        envelope = card_layout.envelope_page(
            one.recipient, one.address_lines, one.return_lines, stock, sheet
        )
        if envelope is None:
            raise CardDoesNotFit(one, "address", stock)
        laid.append(LaidCard(one, guide, cards, envelope))
    return Layout(stock, sheet, tuple(laid), folded)


def _refuse_controls(one: CardSheet) -> None:
    """A NUL byte or escape sequence (from mail, say) is refused, naming the field."""
    refuse_controls(
        f"The card for {one.recipient[:60]!r}",
        {
            "recipient": one.recipient,
            "message": one.message,
            "address": "\n".join(one.address_lines or ()),
            "return address": "\n".join(one.return_lines),
            "caption": one.caption,
        },
    )


def render_cards(
    sheets: Sequence[CardSheet],
    *,
    size: str = "a2",
    sheet: str = "letter",
    folded: bool = False,
    title: str = "Thank-you cards",
    handwriting_font: Path | None = HANDWRITING_FONT,
) -> bytes:
    """One PDF: the cover sheet, then the cards and their envelopes."""
    layout = lay_out(
        sheets, size=size, sheet=sheet, folded=folded, handwriting_font=handwriting_font
    )
    return render_layout(layout, title=title, handwriting_font=handwriting_font)


def render_layout(
    layout: Layout, *, title: str = "Thank-you cards", handwriting_font: Path | None = None
) -> bytes:
    font = handwriting_font if handwriting_font and handwriting_font.is_file() else None
    pages = layout.pages()
    first = {id(laid): 2 + n for n, (laid, _) in reversed(list(enumerate(pages)))}
    envelope_at = {
        id(laid): 2 + n for n, (laid, page) in enumerate(pages) if page.kind == "envelope"
    }
    html = (
        _templates()
        .get_template("cards.html.j2")
        .render(
            title=title,
            stock=layout.stock,
            sheet_name=SHEETS[layout.sheet][0],
            on_pieces=layout.sheet == "envelope",
            folded=layout.folded,
            cover_size=SHEETS[layout.sheet][1] or layout.stock.card,
            entries=[
                {
                    "caption": laid.sheet.caption or laid.sheet.recipient,
                    "first": first[id(laid)],
                    "count": len(laid.cards),
                    "envelope": envelope_at[id(laid)],
                    "continued": laid.continued,
                    "guide_size": laid.guide.size,
                    "address_needed": laid.sheet.address_lines is None,
                }
                for laid in layout.cards
            ],
            pages=[page for _, page in pages],
            handwriting_url=font.as_uri() if font else None,
            dimensions=dimensions,
        )
    )
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    fonts = FontConfiguration()
    document = weasyprint.HTML(string=html).render(font_config=fonts)
    data: bytes = document.write_pdf()
    return data


def dimensions(points: tuple[float, float], metric: bool) -> str:
    """A size as printed on stationery packs: "105 x 148 mm" or "4.25 x 5.5 in"."""
    small, large = sorted(points)
    if metric:
        return f"{small * 25.4 / 72:.0f} x {large * 25.4 / 72:.0f} mm"
    return f"{small / 72:g} x {large / 72:g} in"


def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html.j2"], default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _weasyprint() -> Any:
    with warnings.catch_warnings():
        # Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools and
        # announces a future requirement; that notice is not for our users.
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        import weasyprint  # type: ignore[import-untyped]
    return weasyprint
