"""Progress over time and rates: the weeks' activity, the relationships built week by week,
and how often applications heard back, by source and by stage.

Pure functions over the counts :mod:`nextround.services.progress` reads (one query for
every dated thing, one for the running totals' start, one for the sources); percentages
through :func:`nextround.domain.wording.percent`, the one rounding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from nextround.domain.applications import Source
from nextround.domain.wording import percent, plural
from nextround.renderers.bars import Series, grouped_bars, rate_bars

#: How many weeks the charts over time show, this one the last.
WEEKS = 12
SOURCE_LABELS = {
    Source.JOB_BOARD.value: "Job board",
    Source.REFERRAL.value: "Referral",
    Source.RECRUITER.value: "Recruiter",
    Source.COMPANY_SITE.value: "Company site",
    Source.OTHER.value: "Other",
    "": "Not recorded",
}


@dataclass(frozen=True)
class Week:
    """One week (Monday to Sunday): what was done in it, and the relationships so far."""

    start: date
    applied: int = 0
    interviews: int = 0
    done: int = 0
    cards: int = 0  # in the week
    connected: int = 0  # in the week
    cards_so_far: int = 0
    connected_so_far: int = 0

    @property
    def label(self) -> str:
        """The week by its Monday, short: "7 Sep"."""
        return week_label(self.start)


@dataclass(frozen=True)
class Rate:
    """Of ``of`` applications, ``count`` got there: "heard back", say."""

    label: str
    count: int
    of: int

    @property
    def percent(self) -> int:
        return percent(self.count, self.of)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def first_week(today: date) -> date:
    """The Monday the charts start on: :data:`WEEKS` weeks, this one included."""
    return monday(today) - timedelta(weeks=WEEKS - 1)


def weekly(
    days: Iterable[tuple[str, date, int]], before: Mapping[str, int], today: date
) -> tuple[Week, ...]:
    """The counts by day folded into weeks; the relationships' running totals from ``before``."""
    start = first_week(today)
    sums: dict[tuple[date, str], int] = {}
    for what, day, n in days:
        if start <= day <= today:
            key = (monday(day), what)
            sums[key] = sums.get(key, 0) + n
    weeks, cards, connected = [], before.get("cards", 0), before.get("connected", 0)
    for i in range(WEEKS):
        week = start + timedelta(weeks=i)
        got = {what: sums.get((week, what), 0) for what in _KINDS}
        cards, connected = cards + got["cards"], connected + got["connected"]
        weeks.append(
            Week(
                week,
                applied=got["applied"],
                interviews=got["interviews"],
                done=got["done"],
                cards=got["cards"],
                connected=got["connected"],
                cards_so_far=cards,
                connected_so_far=connected,
            )
        )
    return tuple(weeks)


_KINDS = ("applied", "interviews", "done", "cards", "connected")


def by_source(counts: Mapping[str, tuple[int, int]]) -> tuple[Rate, ...]:
    """Heard back of sent, per source, in the sources' order; sources never used left out."""
    order = list(SOURCE_LABELS)
    known = sorted((s for s in counts if s in SOURCE_LABELS), key=order.index)
    return tuple(Rate(SOURCE_LABELS[s], counts[s][1], counts[s][0]) for s in known)


def by_stage(applied: int, replied: int, interviewed: int, offers: int) -> tuple[Rate, ...]:
    """Each step of the funnel as a share of the one before."""
    return (
        Rate("Heard back", replied, applied),
        Rate("Interviewed", interviewed, replied),
        Rate("Offer", offers, interviewed),
    )


def week_label(start: date) -> str:
    return f"{start.day} {start:%b}"


def activity_chart(weeks: Sequence[Week]) -> object:
    series = (
        Series("Applications", "#2f6f5e", tuple(w.applied for w in weeks)),
        Series("Interviews", "#8a6bb8", tuple(w.interviews for w in weeks)),
        Series("Follow-ups done", "#c47f2c", tuple(w.done for w in weeks)),
    )
    return _markup(
        grouped_bars(
            [w.label for w in weeks],
            series,
            title=f"The last {WEEKS} weeks, week by week",
            description=_totals(series),
            key="weeks",
        )
    )


def bonds_chart(weeks: Sequence[Week]) -> object:
    series = (
        Series("Cards mailed so far", "#3e7cb1", tuple(w.cards_so_far for w in weeks)),
        Series("People connected so far", "#5a8f3d", tuple(w.connected_so_far for w in weeks)),
    )
    last = weeks[-1] if weeks else Week(date.min)
    description = (
        f"By this week: {plural(last.cards_so_far, 'card')} mailed, "
        f"{plural(last.connected_so_far, 'person')} connected."
    )
    return _markup(
        grouped_bars(
            [w.label for w in weeks],
            series,
            title="Relationships built, week by week",
            description=description,
            key="bonds",
            legend_totals=False,
        )
    )


def rates_chart(sources: Sequence[Rate], stages: Sequence[Rate]) -> object:
    rows = [(r.label, r.percent, f"{r.count} of {r.of}") for r in (*stages, *sources)]
    description = "; ".join(f"{label}: {share}% ({words})" for label, share, words in rows)
    return _markup(
        rate_bars(
            rows, title="How often applications moved on", description=description, key="rates"
        )
    )


def _totals(series: Sequence[Series]) -> str:
    return "; ".join(f"{s.label}: {sum(s.values)} in all" for s in series)


def _markup(svg: str) -> object:
    import markupsafe

    return markupsafe.Markup(svg)  # noqa: S704 - built by the renderer, every label escaped
