"""How wide a line of text is in the fonts the cards are printed with.

The card guide is wrapped here, not by the typesetter, so that the lines on the
card are the lines the writer copies, and so that how many lines a message
takes is known before anything is rendered (and without WeasyPrint). Widths
come from the fonts' own advance widths (fontTools, which WeasyPrint brings),
falling back along the same font list the stylesheet names, and to a generous
estimate when no font file is found.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

#: Debian's fonts-dancingscript. Loaded by file when present, so the card does
#: not depend on fontconfig's naming; otherwise the family is asked for by name.
HANDWRITING_FONT = Path("/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf")
PRINT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

#: What is measured is a little narrower than the measure: shaping (kerning,
#: joined script letters) can differ from the sum of advance widths.
SAFETY = 0.96


class _Font:
    """One font file's advance widths, read when first needed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._widths: dict[int, float] | None = None

    @property
    def widths(self) -> dict[int, float]:
        if self._widths is None:
            self._widths = _advances(self.path) if self.path.is_file() else {}
        return self._widths


def _advances(path: Path) -> dict[int, float]:
    """Each character's advance width, in ems."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font: Any = TTFont(path, fontNumber=0, lazy=True)
    try:
        upm = float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        return {code: metrics[glyph][0] / upm for code, glyph in font.getBestCmap().items()}
    finally:
        font.close()


@cache
def _font(path: Path) -> _Font:
    return _Font(path)


class Measure:
    """Text widths in points for a list of fonts tried in order, as CSS does."""

    def __init__(self, fonts: Sequence[Path]) -> None:
        self._fonts = [_font(p) for p in fonts]
        self._cache: dict[str, float] = {}

    def em(self, char: str) -> float:
        if (found := self._cache.get(char)) is not None:
            return found
        code = ord(char)
        width = None
        for font in self._fonts:
            if (width := font.widths.get(code)) is not None:
                break
        if width is None:
            wide = unicodedata.east_asian_width(char) in {"W", "F"}
            width = 1.0 if wide else 0.62
        self._cache[char] = width
        return width

    def width(self, text: str, size: float) -> float:
        return sum(self.em(c) for c in text) * size


@cache
def hand(font: Path | None) -> Measure:
    """The guide's handwriting font, then the stylesheet's fallbacks."""
    return Measure([p for p in (font, PRINT_FONT, CJK_FONT) if p is not None])


@cache
def printed() -> Measure:
    return Measure([PRINT_FONT, CJK_FONT])


def wrap(text: str, measure: Measure, size: float, width: float) -> list[str]:
    """Words as lines no wider than ``width`` at ``size``; a word too long for a
    line on its own is broken where it must be."""
    room = width * SAFETY
    space = measure.width(" ", size)
    lines: list[str] = []
    current, used = "", 0.0
    for found in text.split():
        word, wide = found, measure.width(found, size)
        if current and used + space + wide <= room:
            current, used = f"{current} {word}", used + space + wide
            continue
        if current:
            lines.append(current)
        while wide > room and len(word) > 1:
            cut = _longest_prefix(word, measure, size, room)
            lines.append(word[:cut])
            word = word[cut:]
            wide = measure.width(word, size)
        current, used = word, wide
    if current:
        lines.append(current)
    return lines


def _longest_prefix(word: str, measure: Measure, size: float, room: float) -> int:
    used = 0.0
    for i, char in enumerate(word):
        used += measure.em(char) * size
        if used > room:
            return max(i, 1)
    return len(word)
