"""Charts as SVG text, drawn on the server: a pure function from counts to markup.

:func:`sankey` draws nodes in columns and bands between them whose width is
the number flowing. Every label is XML-escaped, the chart carries a
``<title>``, a ``<desc>`` and an ``aria-label``, and nothing is scripted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH, HEIGHT = 720, 300
NODE_WIDTH, GAP, LABEL_ROOM, PAD = 12, 14, 170, 10
PALETTE = ("#2f6f5e", "#3e7cb1", "#8a6bb8", "#c47f2c", "#9b2c2c", "#52606d", "#5a8f3d")


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    column: int
    colour: str = ""


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    value: int


@dataclass
class _Box:
    node: Node
    value: int
    x: float = 0.0
    y: float = 0.0
    height: float = 0.0
    out_at: float = 0.0
    in_at: float = 0.0


def sankey(nodes: Sequence[Node], flows: Sequence[Flow], *, title: str, description: str) -> str:
    """The diagram as a standalone ``<svg>`` element (no XML declaration)."""
    flows = [f for f in flows if f.value > 0]
    boxes = _boxes(nodes, flows)
    _layout(boxes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label={quoteattr(title)} aria-describedby="chart-desc" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    if not boxes:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">Nothing yet</text>'
        )
    parts += [_band(boxes[f.source], boxes[f.target], f.value) for f in flows]
    parts += [_node(box) for box in boxes.values()]
    parts.append("</svg>")
    return "\n".join(parts)


def _boxes(nodes: Sequence[Node], flows: Sequence[Flow]) -> dict[str, _Box]:
    into: dict[str, int] = {}
    out: dict[str, int] = {}
    for f in flows:
        out[f.source] = out.get(f.source, 0) + f.value
        into[f.target] = into.get(f.target, 0) + f.value
    boxes = {}
    for i, node in enumerate(nodes):
        value = max(into.get(node.key, 0), out.get(node.key, 0))
        if value:
            colour = node.colour or PALETTE[i % len(PALETTE)]
            boxes[node.key] = _Box(Node(node.key, node.label, node.column, colour), value)
    return boxes


def _layout(boxes: dict[str, _Box]) -> None:
    if not boxes:
        return
    columns: dict[int, list[_Box]] = {}
    for box in boxes.values():
        columns.setdefault(box.node.column, []).append(box)
    last = max(columns)
    room = HEIGHT - 2 * PAD
    scale = min((room - GAP * (len(c) - 1)) / sum(b.value for b in c) for c in columns.values())
    step = (WIDTH - LABEL_ROOM - NODE_WIDTH - PAD) / max(last, 1)
    for number, column in columns.items():
        y = float(PAD)
        for box in column:
            box.x, box.y, box.height = PAD + number * step, y, max(box.value * scale, 2.0)
            box.out_at = box.in_at = y
            y += box.height + GAP


def _band(source: _Box, target: _Box, value: int) -> str:
    """A filled band from ``source``'s right edge to ``target``'s left edge."""
    share = value / source.value * source.height
    arrive = value / target.value * target.height
    x0, x1 = source.x + NODE_WIDTH, target.x
    y0, y1 = source.out_at, target.in_at
    source.out_at += share
    target.in_at += arrive
    mid = (x0 + x1) / 2
    path = (
        f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
        f"L{x1:.1f},{y1 + arrive:.1f} C{mid:.1f},{y1 + arrive:.1f} {mid:.1f},{y0 + share:.1f} "
        f"{x0:.1f},{y0 + share:.1f} Z"
    )
    label = f"{source.node.label} to {target.node.label}: {value}"
    return (
        f'<path d="{path}" fill={quoteattr(target.node.colour)} fill-opacity="0.35">'
        f"<title>{escape(label)}</title></path>"
    )


def _node(box: _Box) -> str:
    label = f"{box.node.label} ({box.value})"
    text_y = box.y + box.height / 2
    return (
        f'<g class="node"><rect x="{box.x:.1f}" y="{box.y:.1f}" width="{NODE_WIDTH}" '
        f'height="{box.height:.1f}" fill={quoteattr(box.node.colour)}>'
        f"<title>{escape(label)}</title></rect>"
        f'<text x="{box.x + NODE_WIDTH + 6:.1f}" y="{text_y:.1f}" dominant-baseline="middle" '
        f'font-size="13" paint-order="stroke" stroke="#fbfaf7" stroke-width="3">'
        f"{escape(label)}</text></g>"
    )
