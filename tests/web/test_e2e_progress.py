"""The Progress charts in real Chromium: the Sankey's labels readable and apart at every width."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.browser import open_page
from tests.web.playwright_api import Browser, Page
from tests.web.server import LiveServer

pytestmark = pytest.mark.e2e

#: The boxes of the label texts in the Sankey the page shows (the other one is hidden).
LABEL_BOXES = """() => [...document.querySelectorAll('svg.chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height};
  }))"""


@pytest.fixture(params=[360, 1280], ids=["360px", "1280px"])
def sized(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(chromium, request, {"width": request.param, "height": 900})


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def test_sankey_labels_are_readable_and_apart(demo_server: LiveServer, sized: Page) -> None:
    sized.goto(demo_server.url("/progress"))
    boxes: list[dict[str, float]] = sized.evaluate(LABEL_BOXES)
    assert len(boxes) >= 4, boxes  # applied, heard back and some outcomes at least
    for box in boxes:
        assert box["h"] >= 11, f"{box['text']} is {box['h']:.1f} px tall"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not _overlap(a, b), f"{a['text']} overlaps {b['text']}"
    width = sized.viewport_size["width"] if sized.viewport_size else 0
    for box in boxes:
        assert box["x"] + box["w"] <= width, f"{box['text']} runs off the screen"
    scroll = sized.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width
