"""The Sankey's labels: one size, in viewBox units, never on top of each other."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest

from nextround.renderers.charts import FONT, LINE, NARROW, Flow, Node, sankey

SVG = "{http://www.w3.org/2000/svg}"
NODES = (
    Node("applied", "Applied", 0),
    Node("replied", "Heard back", 1),
    *(Node(f"out{i}", f"Outcome number {i}", 2) for i in range(6)),
)
# One big outcome and five of one: the small nodes sit a gap apart, closer than a line.
FLOWS = (
    Flow("applied", "replied", 60),
    Flow("replied", "out0", 55),
    *(Flow("replied", f"out{i}", 1) for i in range(1, 6)),
)


def labels(svg: str) -> list[tuple[float, float, str]]:
    root = ET.fromstring(svg)
    return [
        (float(t.get("x", 0)), float(t.get("y", 0)), t.text or "") for t in root.iter(f"{SVG}text")
    ]


@pytest.mark.parametrize("narrow", [False, True])
def test_labels_in_one_column_are_a_line_apart(narrow: bool) -> None:
    svg = sankey(NODES, FLOWS, title="t", description="d", narrow=narrow)
    assert f'font-size="{FONT}"' in svg
    found = labels(svg)
    assert len(found) == len(NODES)
    by_x: dict[float, list[float]] = {}
    for x, y, _text in found:
        by_x.setdefault(x, []).append(y)
    for ys in by_x.values():
        ys.sort()
        assert all(b - a >= LINE - 0.01 for a, b in pairwise(ys)), ys
    box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert box is not None
    width, height = int(box[1]), int(box[2])
    assert all(LINE / 2 <= y <= height - LINE / 2 + 1 for _x, y, _t in found)
    if narrow:
        assert width == NARROW
        assert len(by_x) == 1  # every label in the list beside the strip


def test_the_two_drawings_have_their_own_ids() -> None:
    wide = sankey(NODES, FLOWS, title="t", description="d", key="a")
    narrow = sankey(NODES, FLOWS, title="t", description="d", narrow=True, key="b")
    assert 'id="a-desc"' in wide and 'aria-describedby="a-desc"' in wide
    assert 'id="b-desc"' in narrow and "chart-narrow" in narrow
