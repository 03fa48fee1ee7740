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
NODE_WIDTH, GAP, LABEL_ROOM, PAD = 12, 14, 190, 10
#: Label size in viewBox units. The page shows the wide drawing only where it is at least
#: 600 CSS px wide (0.83 px a unit: 11.7 px text) and the narrow one below that, at most
#: 448 px wide and at least 336 (at 360 px a screen: 13 px text).
FONT, LINE = 14, 19
NARROW, STRIP = 360, 150
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


def sankey(
    nodes: Sequence[Node],
    flows: Sequence[Flow],
    *,
    title: str,
    description: str,
    narrow: bool = False,
    key: str = "chart",
) -> str:
    """The diagram as a standalone ``<svg>`` element (no XML declaration).

    Wide: flowing left to right, each label beside its node, labels in a column kept
    apart. ``narrow`` (for phones): flowing top to bottom in a strip on the left, each
    row's labels listed beside it with the node's colour, so no label crosses a band.
    """
    flows = [f for f in flows if f.value > 0]
    boxes = _boxes(nodes, flows)
    width, height = (NARROW, _narrow_layout(boxes)) if narrow else (WIDTH, HEIGHT)
    if not narrow:
        _layout(boxes)
    desc = f"{key}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'role="img" aria-label={quoteattr(title)} aria-describedby="{desc}" '
        f'class="chart {"chart-narrow" if narrow else "chart-wide"}" font-size="{FONT}">',
        f"<title>{escape(title)}</title>",
        f'<desc id="{desc}">{escape(description)}</desc>',
    ]
    if not boxes:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">Nothing yet</text>'
        )
    if narrow:
        parts += [_down_band(boxes[f.source], boxes[f.target], f.value) for f in flows]
        parts += _narrow_nodes(boxes)
    else:
        parts += [_band(boxes[f.source], boxes[f.target], f.value) for f in flows]
        label_y = _spread({k: b.y + b.height / 2 for k, b in boxes.items()}, boxes)
        parts += [_node(box, label_y[k]) for k, box in boxes.items()]
    parts.append("</svg>")
    return "\n".join(parts)


def _spread(wanted: dict[str, float], boxes: dict[str, _Box]) -> dict[str, float]:
    """Label heights moved apart (at least a line) within each column, inside the drawing."""
    placed: dict[str, float] = {}
    columns: dict[int, list[str]] = {}
    for key in wanted:
        columns.setdefault(boxes[key].node.column, []).append(key)
    for keys in columns.values():
        keys.sort(key=lambda k: wanted[k])
        ys = [wanted[k] for k in keys]
        for i in range(len(ys)):
            ys[i] = max(ys[i], LINE / 2 + 1, ys[i - 1] + LINE if i else ys[i])
        for i in reversed(range(len(ys))):
            top = HEIGHT - LINE / 2 - 1 if i == len(ys) - 1 else ys[i + 1] - LINE
            ys[i] = min(ys[i], top)
        placed.update(zip(keys, ys, strict=True))
    return placed


def _narrow_layout(boxes: dict[str, _Box]) -> float:
    """Rows top to bottom in the strip; each row as tall as its list of labels. The height."""
    rows: dict[int, list[_Box]] = {}
    for box in boxes.values():
        rows.setdefault(box.node.column, []).append(box)
    if not rows:
        return 120.0
    room = STRIP - 2 * PAD
    scale = min((room - 6 * (len(r) - 1)) / sum(b.value for b in r) for r in rows.values())
    y = float(PAD)
    for number in sorted(rows):
        x = float(PAD)
        for box in rows[number]:
            box.x, box.y = x, y
            box.height = max(box.value * scale, 2.0)  # the width across, in this drawing
            box.out_at = box.in_at = x
            x += box.height + 6
        y += max(len(rows[number]) * LINE, NODE_WIDTH) + 3 * LINE
    return y - 2 * LINE


def _down_band(source: _Box, target: _Box, value: int) -> str:
    share = value / source.value * source.height
    arrive = value / target.value * target.height
    y0, y1 = source.y + NODE_WIDTH, target.y
    x0, x1 = source.out_at, target.in_at
    source.out_at += share
    target.in_at += arrive
    mid = (y0 + y1) / 2
    path = (
        f"M{x0:.1f},{y0:.1f} C{x0:.1f},{mid:.1f} {x1:.1f},{mid:.1f} {x1:.1f},{y1:.1f} "
        f"L{x1 + arrive:.1f},{y1:.1f} C{x1 + arrive:.1f},{mid:.1f} {x0 + share:.1f},{mid:.1f} "
        f"{x0 + share:.1f},{y0:.1f} Z"
    )
    label = f"{source.node.label} to {target.node.label}: {value}"
    return (
        f'<path d="{path}" fill={quoteattr(target.node.colour)} fill-opacity="0.35">'
        f"<title>{escape(label)}</title></path>"
    )


def _narrow_nodes(boxes: dict[str, _Box]) -> list[str]:
    parts: list[str] = []
    line: dict[int, int] = {}
    for box in boxes.values():
        row = box.node.column
        line[row] = line.get(row, -1) + 1
        label = f"{box.node.label} ({box.value})"
        text_y = box.y + line[row] * LINE + FONT * 0.5
        colour = quoteattr(box.node.colour)
        parts.append(
            f'<g class="node"><rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.height:.1f}" '
            f'height="{NODE_WIDTH}" fill={colour}><title>{escape(label)}</title></rect>'
            f'<rect x="{STRIP + 4}" y="{text_y - 5:.1f}" width="10" height="10" fill={colour}/>'
            f'<text x="{STRIP + 20}" y="{text_y:.1f}" dominant-baseline="middle">'
            f"{escape(label)}</text></g>"
        )
    return parts


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


def _node(box: _Box, text_y: float) -> str:
    label = f"{box.node.label} ({box.value})"
    return (
        f'<g class="node"><rect x="{box.x:.1f}" y="{box.y:.1f}" width="{NODE_WIDTH}" '
        f'height="{box.height:.1f}" fill={quoteattr(box.node.colour)}>'
        f"<title>{escape(label)}</title></rect>"
        f'<text x="{box.x + NODE_WIDTH + 6:.1f}" y="{text_y:.1f}" dominant-baseline="middle" '
        f'paint-order="stroke" stroke="#fbfaf7" stroke-width="3">'
        f"{escape(label)}</text></g>"
    )
