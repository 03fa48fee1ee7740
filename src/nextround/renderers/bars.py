"""Bar charts as SVG text, drawn on the server: weeks side by side, and rates as bars.

Like :mod:`nextround.renderers.charts`: every label XML-escaped, a ``<title>``, a
``<desc>`` and an ``aria-label``, nothing scripted. Labels are sized in viewBox units
for a drawing shown 336 to 576 CSS px wide (11 to 19 px text; see app.css).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 480
FONT, LINE, PAD = 16, 22, 8


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: tuple[int, ...]


def _open(width: float, height: float, title: str, description: str, key: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label={quoteattr(title)} aria-describedby="{key}-desc" '
        f'class="chart chart-bars" font-size="{FONT}">',
        f"<title>{escape(title)}</title>",
        f'<desc id="{key}-desc">{escape(description)}</desc>',
    ]


def grouped_bars(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    key: str,
    every: int = 2,
    legend_totals: bool = True,
) -> str:
    """One group of bars per category (a week), one bar per series; a legend on top.

    Every ``every``-th category is labelled below the bars, so the labels never meet.
    """
    legend_h = LINE * len(series)
    plot_top, plot_h = PAD + legend_h + 6, 150.0
    height = plot_top + plot_h + LINE + PAD
    parts = _open(WIDTH, height, title, description, key)
    for i, s in enumerate(series):
        y = PAD + i * LINE
        parts.append(
            f'<rect x="{PAD}" y="{y + 4}" width="12" height="12" fill={quoteattr(s.colour)}/>'
            f'<text x="{PAD + 18}" y="{y + 10}" dominant-baseline="middle">'
            f"{escape(s.label)}{f' ({sum(s.values)})' if legend_totals else ''}</text>"
        )
    top = max((v for s in series for v in s.values), default=0) or 1
    slot = (WIDTH - 2 * PAD) / max(len(categories), 1)
    bar = max((slot - 4) / max(len(series), 1), 1.0)
    base = plot_top + plot_h
    parts.append(
        f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{base}" y2="{base}" stroke="currentColor" '
        'stroke-opacity="0.4"/>'
    )
    for c, category in enumerate(categories):
        x0 = PAD + c * slot + 2
        for i, s in enumerate(series):
            value = s.values[c]
            h = value / top * plot_h
            parts.append(
                f'<rect x="{x0 + i * bar:.1f}" y="{base - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill={quoteattr(s.colour)}>'
                f"<title>{escape(category)}: {value} {escape(s.label.lower())}</title></rect>"
            )
        if c % every == 0:
            parts.append(f'<text x="{x0:.1f}" y="{base + LINE - 4:.1f}">{escape(category)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def rate_bars(
    rows: Sequence[tuple[str, int, str]], *, title: str, description: str, key: str
) -> str:
    """One bar per row: (label, percent, the words shown after the bar, e.g. "3 of 8")."""
    label_w, row_h = 170.0, LINE + 8
    height = 2 * PAD + row_h * max(len(rows), 1)
    parts = _open(WIDTH, height, title, description, key)
    room = WIDTH - label_w - PAD - 140
    for i, (label, share, words) in enumerate(rows):
        y = PAD + i * row_h
        w = max(share, 0) / 100 * room
        parts.append(
            f'<text x="{PAD}" y="{y + row_h / 2:.1f}" dominant-baseline="middle">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w:.1f}" y="{y + 5:.1f}" width="{w:.1f}" height="{row_h - 10:.1f}" '
            'fill="#3e7cb1"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + row_h / 2:.1f}" dominant-baseline="middle">'
            f"{share}% ({escape(words)})</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
