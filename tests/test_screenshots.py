"""The README's screenshots exist: every image it links or shows is a real PNG in the repo.

``make screenshots`` (``scripts/screenshots.py``) makes them; this test doesn't run it
(it takes a browser and half a minute), it checks what the README points at: each
main page at both widths, each link to an existing, small, non-blank PNG.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHOTS = ROOT / "docs" / "screenshots"
PAGES = ("today", "applications", "company", "person", "progress", "mail", "journal", "settings")
WIDTHS = ("desktop", "phone")
#: A screenshot kept in git stays small (the script reduces them to 256 colours).
MAX_BYTES = 250 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def linked_images(markdown: str) -> list[str]:
    """Every local image path in Markdown links, Markdown images and <img src>."""
    targets = re.findall(r"\]\(([^)\s]+)\)", markdown) + re.findall(r'src="([^"]+)"', markdown)
    return [t for t in targets if t.lower().endswith(".png") and "://" not in t]


def screenshots_section(markdown: str) -> str:
    start = markdown.find("\n## Screenshots\n")
    assert start != -1, "README.md has no '## Screenshots' section"
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else len(markdown)]


def test_finds_links_of_every_form() -> None:
    text = '[a](docs/x.png) ![b](y.png) <img src="z.png" alt="z"> [web](https://e.org/w.png)'
    assert linked_images(text) == ["docs/x.png", "y.png", "z.png"]


def test_readme_shows_every_main_page_at_both_widths() -> None:
    linked = set(linked_images(screenshots_section(README.read_text())))
    wanted = {f"docs/screenshots/{page}-{width}.png" for page in PAGES for width in WIDTHS}
    assert wanted <= linked, f"not linked from the README: {sorted(wanted - linked)}"


@pytest.mark.parametrize("target", sorted(set(linked_images(README.read_text()))))
def test_every_linked_image_exists_and_is_a_small_png(target: str) -> None:
    path = (ROOT / target).resolve()
    assert path.is_relative_to(ROOT), f"{target} points outside the repository"
    assert path.is_file(), f"README links {target}, which doesn't exist: run `make screenshots`"
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC), f"{target} is not a PNG"
    assert len(data) <= MAX_BYTES, f"{target} is {len(data) // 1024} KiB, over 250 KiB"

    from PIL import Image, ImageStat

    with Image.open(path) as image:
        width, height = image.size
        spread = ImageStat.Stat(image.convert("L")).stddev[0]
    assert width >= 320 and height >= 320, f"{target} is only {width}x{height}"
    assert spread >= 1.0, f"{target} is blank (one colour)"
