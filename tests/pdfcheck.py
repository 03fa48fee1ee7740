"""Checking PDFs the way a person would, with poppler-utils: the text is there, the
pages have the right size, something is printed, and nothing runs off the paper.

A missing tool or font skips the test with an install hint on a laptop, and fails it
under ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from nextround.renderers.cards import HANDWRITING_FONT

INSTALL_HINT = (
    "install them (Debian/Ubuntu: `apt-get install poppler-utils fonts-dancingscript "
    "fonts-dejavu-core fonts-wqy-microhei`)"
)
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

#: ``pdftoppm -r 50``: 50 pixels to the inch.
DPI = 50
#: No ink may come this close to a page's edge (6 px = 0.12 in): text off the page fails.
EDGE = 6

#: Card and envelope sizes (landscape, points), worked out here from their
#: published sizes rather than taken from the code under test.
A2_CARD, A2_ENVELOPE = (5.5 * 72, 4.25 * 72), (5.75 * 72, 4.375 * 72)
A6_CARD, C6_ENVELOPE = (419.5, 297.6), (459.2, 323.1)  # 148 x 105 mm, 162 x 114 mm
A7_CARD, A7_ENVELOPE = (7 * 72, 5 * 72), (7.25 * 72, 5.25 * 72)
DL_CARD, DL_ENVELOPE = (595.3, 280.6), (623.6, 311.8)  # 210 x 99 mm, 220 x 110 mm
A4_SHEET, LETTER_SHEET = (841.9, 595.3), (792.0, 612.0)  # landscape


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1"}


def require(missing: list[str]) -> None:
    """Skip (locally) or fail (in CI) when tools or fonts the checks need are absent."""
    if not missing:
        return
    message = f"missing {', '.join(missing)}: {INSTALL_HINT}"
    if in_ci():
        pytest.fail(f"required in CI (CI=true): {message}", pytrace=False)
    pytest.skip(message)


def require_tools() -> None:
    require([tool for tool in ("pdftotext", "pdftoppm", "pdffonts") if not shutil.which(tool)])


def require_fonts(*fonts: Path) -> None:
    require([str(font) for font in (HANDWRITING_FONT, *fonts) if not font.is_file()])


def flat(text: str) -> str:
    """Text without whitespace or hyphens: the layout breaks lines (after a hyphen, too)
    where it must, and pdftotext drops a hyphen at the end of a line."""
    return "".join(text.split()).replace("-", "")


@dataclass(frozen=True)
class Ink:
    """A rendered page as RGB pixels, and where something is printed on it."""

    width: int
    height: int
    pixels: list[tuple[int, int, int]]

    def inked(self, x: int, y: int) -> bool:
        return sum(self.pixels[y * self.width + x]) < 3 * 200

    def count(self) -> int:
        return sum(1 for p in self.pixels if sum(p) < 3 * 200)

    def near_edge(self) -> list[tuple[int, int]]:
        """Inked pixels within EDGE of any side of the page."""
        w, h = self.width, self.height
        return [
            (x, y)
            for y in range(h)
            for x in range(w)
            if (x < EDGE or y < EDGE or x >= w - EDGE or y >= h - EDGE) and self.inked(x, y)
        ]

    def red(self) -> int:
        return sum(1 for r, g, b in self.pixels if r > 140 and g < 90 and b < 90)


@dataclass(frozen=True)
class PdfCheck:
    """A PDF on disk, and the checks the card tests make on it."""

    path: Path

    @classmethod
    def of(cls, data: bytes, folder: Path, name: str = "cards.pdf") -> PdfCheck:
        path = folder / name
        path.write_bytes(data)
        return cls.at(path)

    @classmethod
    def at(cls, path: Path) -> PdfCheck:
        require_tools()
        assert path.read_bytes().startswith(b"%PDF-"), f"{path} is not a PDF"
        return cls(path)

    def text(self, page: int) -> str:
        return _run("pdftotext", "-f", str(page), "-l", str(page), str(self.path), "-")

    def has(self, page: int, *snippets: str) -> None:
        """Each snippet is on the page (whitespace and line breaks aside)."""
        text = flat(self.text(page))
        for snippet in snippets:
            assert flat(snippet) in text, f"{snippet!r} is not on page {page}: {text!r}"

    def fonts(self) -> str:
        return _run("pdffonts", str(self.path))

    def sizes(self) -> list[tuple[float, float]]:
        from pypdf import PdfReader

        boxes = [page.mediabox for page in PdfReader(self.path).pages]
        return [(round(float(b.width), 1), round(float(b.height), 1)) for b in boxes]

    def ink(self, page: int) -> Ink:
        """The page rendered with ``pdftoppm -r 50 -png``."""
        from PIL import Image

        stem = self.path.with_name(f"{self.path.stem}-p{page}")
        n = str(page)
        _run(
            "pdftoppm",
            "-r",
            str(DPI),
            "-png",
            "-singlefile",
            "-f",
            n,
            "-l",
            n,
            str(self.path),
            str(stem),
        )
        with Image.open(stem.with_suffix(".png")) as image:
            rgb = image.convert("RGB")
        data = rgb.tobytes()
        pixels = [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]
        return Ink(rgb.width, rgb.height, pixels)

    def laid_out(self, page: int, expected_size: tuple[float, float]) -> Ink:
        """The page has the size asked for, has ink on it, and none at its edges."""
        width, height = self.sizes()[page - 1]
        assert (width, height) == pytest.approx(expected_size, abs=0.2)
        ink = self.ink(page)
        assert abs(ink.width - width / 72 * DPI) <= 1
        assert abs(ink.height - height / 72 * DPI) <= 1
        assert ink.count() > 200, f"page {page} is (nearly) blank"
        assert not ink.near_edge(), f"page {page}: ink at the paper's edge {ink.near_edge()[:5]}"
        return ink


@dataclass(frozen=True)
class Word:
    """A word as ``pdftotext -bbox-layout`` places it, in points from the top left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def lines_of(check: PdfCheck, page: int) -> list[list[Word]]:
    """The page's text lines, top to bottom, each a list of its words."""
    import xml.etree.ElementTree as ET

    n = str(page)
    xhtml = _run("pdftotext", "-bbox-layout", "-f", n, "-l", n, str(check.path), "-")
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    found = []
    for line in ET.fromstring(xhtml).iter(f"{{{ns['h']}}}line"):
        words = [
            Word(
                w.text or "",
                float(w.attrib["xMin"]),
                float(w.attrib["yMin"]),
                float(w.attrib["xMax"]),
                float(w.attrib["yMax"]),
            )
            for w in line.iter(f"{{{ns['h']}}}word")
        ]
        if words:
            found.append(words)
    return found


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout
