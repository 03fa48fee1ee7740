"""A few card pages as pictures, reviewed by eye and kept: a layout change that moves
the guide, the marks or the addresses shows up here even when every word is still
inside its box.

The pages are rendered with ``pdftoppm`` at 30 pixels to the inch and compared with
``tests/golden/cards/*.png`` with a tolerance for anti-aliasing and font hinting:
a pixel counts as different when its grey level moves by more than 64 of 255, and
there may be at most 5% as many such pixels as the golden picture has inked ones
(moving the guide's lines by a twentieth of a line fails it). ``NEXTROUND_UPDATE_GOLDEN=1`` rewrites the pictures
(look at them before committing).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from nextround.renderers.cards import CardSheet, render_cards
from tests.goldens import update_requested
from tests.pdfcheck import require_fonts, require_tools

GOLDEN = Path(__file__).parent.parent / "golden" / "cards"
DPI = 30
#: A pixel this much lighter or darker than the golden one differs...
LEVEL = 64
#: ...and there may be this many of them for each inked pixel of the golden picture.
SHARE = 0.05

MESSAGE = """Dear Priya,

Thank you for taking the time to talk with me about the Senior Data Engineer role at Lumenfield Analytics. I especially appreciated the whiteboard walk-through of the ingest pipeline.

I wasn't the one this time, but I'd be glad if our paths crossed again.

With thanks,
Alex Rivera"""
PRIYA = CardSheet(
    recipient="Priya Raman",
    address_lines=("Lumenfield Analytics", "48 Lantern Street", "Brightport BP1 4LF"),
    message=MESSAGE,
    return_lines=("Alex Rivera", "12 Willow Close", "Brightport BP3 2AR"),
    caption="Card 1 of 1 · task #4 · to Priya Raman, Lumenfield Analytics",
)
ZOE = CardSheet(
    recipient="Zoë O'Brien & Søren",
    address_lines=None,
    message="Dear Zoë,\n\nThank you for the warm welcome at Smith & Söhne.\n\nAlex",
    return_lines=("Alex Rivera",),
)

#: (golden file, size, sheet, sheets to print, page)
CASES = [
    ("a2-letter-card.png", "a2", "letter", [PRIYA], 2),
    ("a6-a4-envelope.png", "a6", "a4", [PRIYA], 3),
    ("dl-card-alone.png", "dl", "envelope", [PRIYA], 2),
    ("a7-envelope-address-needed.png", "a7", "envelope", [ZOE], 3),
    ("a6-a4-cover.png", "a6", "a4", [PRIYA, ZOE], 1),
]


@pytest.fixture(autouse=True)
def _tools_and_fonts() -> None:
    require_tools()
    require_fonts()


def grey(path: Path) -> tuple[tuple[int, int], bytes]:
    from PIL import Image

    with Image.open(path) as image:
        g = image.convert("L")
        return g.size, g.tobytes()


@pytest.mark.parametrize(("name", "size", "paper", "sheets", "page"), CASES)
def test_card_pages_look_as_reviewed(
    tmp_path: Path, name: str, size: str, paper: str, sheets: list[CardSheet], page: int
) -> None:
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(render_cards(sheets, size=size, sheet=paper))
    stem = tmp_path / "page"
    n = str(page)
    args = ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", n, "-l", n]
    subprocess.run([*args, str(pdf), str(stem)], check=True)
    got = stem.with_suffix(".png")
    golden = GOLDEN / name
    if update_requested():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(got.read_bytes())
    assert golden.is_file(), f"no golden picture {golden}; run with NEXTROUND_UPDATE_GOLDEN=1"
    (got_size, got_px), (want_size, want_px) = grey(got), grey(golden)
    assert got_size == want_size, f"{name}: page size changed"
    differ = sum(1 for a, b in zip(got_px, want_px, strict=True) if abs(a - b) > LEVEL)
    inked = sum(1 for b in want_px if b < 200)
    assert inked > 50, f"{name}: the golden picture is blank"
    assert differ <= SHARE * inked, (
        f"{name}: {differ} pixels differ from the golden picture ({inked} inked) "
        f"(the picture now is {got}); if the change is meant, look at it and rerun "
        "with NEXTROUND_UPDATE_GOLDEN=1"
    )
