"""Printable thank-you cards: for each card, a page with the drafted message in a
handwriting font (a guide to copy by hand) followed by its envelope, in one PDF.

Plain data in, PDF bytes out; no database. WeasyPrint does the typesetting and
is imported only while rendering, because loading it takes a second or more.
Nothing may run off a page: each page is laid out at falling type sizes until
it fits on one sheet, long words break anywhere, and a text that still doesn't
fit at the smallest size is an error, never a clipped card.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from nextround.errors import InvalidInput

TEMPLATES = Path(__file__).parent / "templates" / "cards"

#: Debian's fonts-dancingscript. Loaded by file when present, so the card does
#: not depend on fontconfig's naming; otherwise the family is asked for by name.
HANDWRITING_FONT = Path("/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf")

#: Type sizes tried in turn (points): the card's message, the envelope's recipient.
CARD_TEXT_SIZES = (15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0, 8.0)
ENVELOPE_TEXT_SIZES = (12.0, 11.0, 10.0, 9.0, 8.0, 7.0)

# Page margins (CSS). The card's bottom margin holds its caption; nothing is
# printed closer than about 0.2 in to any edge, which home printers can't reach.
_CARD_MARGIN = "0.42in 0.5in 0.52in 0.5in"
_ENVELOPE_MARGIN = "0.35in 0.4in"


def _mm(value: float) -> float:
    return round(value * 72 / 25.4, 2)


@dataclass(frozen=True)
class CardFormat:
    """A folded card and the envelope it goes in, both landscape, in points."""

    name: str
    card: tuple[float, float]
    envelope_name: str
    envelope: tuple[float, float]


FORMATS: dict[str, CardFormat] = {
    # A2: 5.5 x 4.25 in folded, in an A2 envelope of 5.75 x 4.375 in.
    "A2": CardFormat("A2", (396.0, 306.0), "A2", (414.0, 315.0)),
    # A6: 148 x 105 mm folded, in a C6 envelope of 162 x 114 mm.
    "A6": CardFormat("A6", (_mm(148), _mm(105)), "C6", (_mm(162), _mm(114))),
}


@dataclass(frozen=True)
class CardSheet:
    """One card and its envelope.

    ``address_lines`` is None when no postal address is known: the envelope
    then shows an "address needed" box where the address would go.
    """

    recipient: str
    address_lines: tuple[str, ...] | None
    message: str
    return_lines: tuple[str, ...] = ()
    size: str = "A2"
    #: A small line at the foot of the card page, to match cards with envelopes.
    caption: str = ""

    @property
    def format(self) -> CardFormat:
        try:
            return FORMATS[self.size.upper()]
        except KeyError:
            raise InvalidInput(
                f"unknown card size {self.size!r}; use one of: {', '.join(FORMATS)}"
            ) from None


class CardDoesNotFit(InvalidInput):
    """A message or an address too long for the page even in the smallest type."""

    def __init__(self, sheet: CardSheet, part: str) -> None:
        self.sheet, self.part = sheet, part
        fmt = sheet.format
        where = f"{fmt.name} card" if part == "message" else f"{fmt.envelope_name} envelope"
        super().__init__(
            f"the {part} for {sheet.recipient} doesn't fit on the {where} even in small type; "
            "shorten it"
        )


@dataclass(frozen=True)
class Paragraph:
    role: str  # "greeting", "body" or "signoff": each is set a little differently
    lines: tuple[str, ...]


def paragraphs(message: str) -> list[Paragraph]:
    """The message split at blank lines, keeping the writer's own line breaks.

    A short first line ending in a comma is the greeting; a short last
    paragraph ("With thanks, / Ana") is the sign-off, set to the right.
    """
    blocks = [b.strip() for b in message.replace("\r\n", "\n").split("\n\n")]
    found = [tuple(line.strip() for line in b.split("\n")) for b in blocks if b]
    result = [Paragraph("body", lines) for lines in found]
    if result and len(found[0]) == 1 and found[0][0].endswith(","):
        result[0] = Paragraph("greeting", found[0])
    if len(result) > 1 and _is_signoff(found[-1]):
        result[-1] = Paragraph("signoff", found[-1])
    return result


def _is_signoff(lines: tuple[str, ...]) -> bool:
    return len(lines) <= 3 and all(len(line) <= 40 for line in lines)


def render_cards(
    sheets: Sequence[CardSheet],
    *,
    title: str = "Thank-you cards",
    handwriting_font: Path | None = HANDWRITING_FONT,
) -> bytes:
    """One PDF: for each sheet, its card page, then its envelope page."""
    if not sheets:
        raise InvalidInput("there are no cards to print")
    typesetter = _Typesetter(title, handwriting_font)
    pages: list[Any] = []
    for sheet in sheets:
        pages.append(typesetter.card_page(sheet))
        pages.append(typesetter.envelope_page(sheet))
    return typesetter.pdf(pages)


def _weasyprint() -> Any:
    with warnings.catch_warnings():
        # Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools and
        # announces a future requirement; that notice is not for our users.
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        import weasyprint  # type: ignore[import-untyped]
    return weasyprint


class _Typesetter:
    """Lays out pages one at a time, so each can find the type size that fits."""

    def __init__(self, title: str, handwriting_font: Path | None) -> None:
        self._title = title
        self._font = handwriting_font if handwriting_font and handwriting_font.is_file() else None
        self._wp = _weasyprint()
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

        self._fonts = FontConfiguration()
        self._documents: list[Any] = []

    @cached_property
    def _templates(self) -> jinja2.Environment:
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=jinja2.select_autoescape(["html.j2"], default=False),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def card_page(self, sheet: CardSheet) -> Any:
        html = self._html(
            "card.html.j2", paragraphs=paragraphs(sheet.message), caption=sheet.caption
        )
        for size in CARD_TEXT_SIZES:
            css = self._css(sheet.format.card, _CARD_MARGIN, text_size=size)
            if (page := self._single_page(html, css)) is not None:
                return page
        raise CardDoesNotFit(sheet, "message")

    def envelope_page(self, sheet: CardSheet) -> Any:
        html = self._html(
            "envelope.html.j2",
            recipient=sheet.recipient,
            address_lines=sheet.address_lines,
            return_lines=sheet.return_lines,
        )
        for size in ENVELOPE_TEXT_SIZES:
            css = self._css(
                sheet.format.envelope,
                _ENVELOPE_MARGIN,
                text_size=size,
                # The return address is smaller, and keeps the top left to itself.
                return_size=round(size * 0.72, 1),
                return_room=f"{size * 0.1:.2f}in",
                recipient_indent="38%",
            )
            if (page := self._single_page(html, css)) is not None:
                return page
        raise CardDoesNotFit(sheet, "address")

    def pdf(self, pages: list[Any]) -> bytes:
        data: bytes = self._documents[0].copy(pages).write_pdf()
        return data

    def _html(self, template: str, **values: object) -> str:
        return self._templates.get_template(template).render(title=self._title, **values)

    def _css(
        self,
        page: tuple[float, float],
        margin: str,
        *,
        text_size: float,
        return_size: float = 8.0,
        return_room: str = "0",
        recipient_indent: str = "0",
    ) -> Any:
        text = self._templates.get_template("cards.css.j2").render(
            width=page[0],
            height=page[1],
            margin=margin,
            handwriting_url=self._font.as_uri() if self._font else None,
            text_size=text_size,
            return_size=return_size,
            return_room=return_room,
            recipient_indent=recipient_indent,
        )
        return self._wp.CSS(string=text, font_config=self._fonts)

    def _single_page(self, html: str, css: Any) -> Any | None:
        """The laid-out page, or None when the content spills onto a second one."""
        document = self._wp.HTML(string=html).render(stylesheets=[css], font_config=self._fonts)
        if len(document.pages) != 1:
            return None
        self._documents.append(document)
        return document.pages[0]
