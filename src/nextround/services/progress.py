"""The search as a whole: a funnel of every application, and the relationships built.

What the funnel counts (also said on the page):

- **Applied**: every application sent (any status but "saved", or one with an
  applied date). Saved-for-later ones are counted apart.
- **Heard back**: the company answered in some way: the status moved on to
  screening, interviewing, offer or rejected, or an interview is recorded.
  A rejection is a reply too. Waiting and ghosted ones have not heard back.
- **Interviewed**: an interview is recorded on or before today, or the status
  is interviewing or offer.
- **Outcome**: offer, rejected, withdrawn, still in progress, still waiting,
  or no reply (ghosted).

Three aggregate queries and one count, whatever the number of rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from nextround.domain.applications import Status
from nextround.domain.tasks import Kind
from nextround.domain.wording import plural
from nextround.renderers.charts import Flow, Node, sankey
from nextround.services.context import Context
from nextround.services.progress_weeks import (
    Rate,
    Week,
    activity_chart,
    bonds_chart,
    by_source,
    by_stage,
    first_week,
    rates_chart,
    weekly,
)
from nextround.storage import progress as counts

_REPLIED = frozenset({Status.SCREENING, Status.INTERVIEWING, Status.OFFER, Status.REJECTED})
_INTERVIEWED = frozenset({Status.INTERVIEWING, Status.OFFER})

#: The funnel's nodes, in the order drawn: (key, label, column, colour).
NODES = (
    Node("applied", "Applied", 0, "#2f6f5e"),
    Node("replied", "Heard back", 1, "#3e7cb1"),
    Node("interviewed", "Interviewed", 2, "#8a6bb8"),
    Node("offer", "Offer", 3, "#5a8f3d"),
    Node("rejected", "Rejected", 3, "#c47f2c"),
    Node("in_progress", "Still in progress", 3, "#52606d"),
    Node("withdrawn", "Withdrawn", 3, "#7b8794"),
    Node("waiting", "Waiting for a reply", 3, "#9aa5b1"),
    Node("ghosted", "No reply", 3, "#bcccdc"),
)
LABELS = {n.key: n.label for n in NODES}


@dataclass(frozen=True)
class Funnel:
    applied: int
    replied: int
    interviewed: int
    outcomes: dict[str, int]
    saved: int
    flows: tuple[Flow, ...]

    @property
    def is_empty(self) -> bool:
        return self.applied == 0


@dataclass(frozen=True)
class Relationships:
    cards: int
    congratulated: int
    said_yes: int
    invited: int
    connected: int
    check_backs: int
    journals: int
    accounts_followed: int

    @property
    def total(self) -> int:
        return self.cards + self.congratulated + self.connected + self.check_backs


@dataclass(frozen=True)
class Progress:
    funnel: Funnel
    relationships: Relationships
    chart: object  # markup-safe SVG text
    weeks: tuple[Week, ...] = ()
    by_source: tuple[Rate, ...] = ()
    by_stage: tuple[Rate, ...] = ()
    charts: dict[str, object] = field(default_factory=dict)


def progress(ctx: Context) -> Progress:
    since = first_week(ctx.today)
    with ctx.db.read() as c:
        groups = counts.application_groups(c, ctx.owner, ctx.today)
        bonds = counts.relationship_counts(c, ctx.owner)
        done = counts.done_by_kind(c, ctx.owner)
        followed = counts.accounts_followed(c, ctx.owner)
        days = counts.activity_by_day(c, ctx.owner, since, ctx.today)
        before = counts.relationships_before(c, ctx.owner, since)
        sources = counts.source_groups(c, ctx.owner, ctx.today)
    found = funnel((Status(s), dated, held, n) for s, dated, held, n in groups)
    built = Relationships(
        cards=bonds["cards"],
        congratulated=bonds["congratulated"],
        said_yes=bonds["said_yes"],
        invited=bonds["invited"],
        connected=bonds["connected"],
        check_backs=done.get(Kind.CHECK_BACK.value, 0),
        journals=done.get(Kind.JOURNAL.value, 0),
        accounts_followed=followed,
    )
    weeks = weekly(days, before, ctx.today)
    rates = by_source(_heard_back_by_source(sources))
    stages = by_stage(
        found.applied, found.replied, found.interviewed, found.outcomes.get("offer", 0)
    )
    drawn = {"weeks": activity_chart(weeks), "bonds": bonds_chart(weeks)}
    drawn["rates"] = rates_chart(rates, stages)
    return Progress(found, built, chart(found), weeks, rates, stages, drawn)


def _heard_back_by_source(
    groups: Iterable[tuple[str, str, bool, int]],
) -> dict[str, tuple[int, int]]:
    """Source: (applications sent, heard back), with the funnel's meaning of heard back."""
    sent: Counter[str] = Counter()
    heard: Counter[str] = Counter()
    for source, status, held, n in groups:
        sent[source] += n
        if held or Status(status) in _REPLIED:
            heard[source] += n
    return {source: (sent[source], heard[source]) for source in sent}


def funnel(groups: Iterable[tuple[Status, bool, bool, int]]) -> Funnel:
    """Count each application once along its path: applied, heard back, interviewed, outcome."""
    flows: Counter[tuple[str, str]] = Counter()
    saved = 0
    for status, dated, held, count in groups:
        if status is Status.SAVED and not dated:
            saved += count
            continue
        for step in _path(status, held):
            flows[step] += count
    stage = Counter[str]()
    for (source, _target), n in flows.items():
        stage[source] += n
    outcomes = Counter[str]()
    for (_source, target), n in flows.items():
        if target not in {"replied", "interviewed"}:
            outcomes[target] += n
    return Funnel(
        applied=stage["applied"],
        replied=stage["replied"],
        interviewed=stage["interviewed"],
        outcomes={n.key: outcomes[n.key] for n in NODES[3:] if outcomes[n.key]},
        saved=saved,
        flows=tuple(Flow(s, t, n) for (s, t), n in sorted(flows.items(), key=_order)),
    )


def _order(item: tuple[tuple[str, str], int]) -> tuple[int, int]:
    keys = [n.key for n in NODES]
    (source, target), _n = item
    return keys.index(source), keys.index(target)


def _path(status: Status, held: bool) -> list[tuple[str, str]]:
    """The steps one application took, as (from, to) pairs."""
    outcome = {
        Status.OFFER: "offer",
        Status.REJECTED: "rejected",
        Status.WITHDRAWN: "withdrawn",
        Status.GHOSTED: "ghosted",
    }.get(status, "in_progress")
    replied = held or status in _REPLIED
    if not replied:
        end = "waiting" if status.is_open else outcome
        return [("applied", end)]
    if not (held or status in _INTERVIEWED):
        return [("applied", "replied"), ("replied", outcome)]
    return [("applied", "replied"), ("replied", "interviewed"), ("interviewed", outcome)]


def chart(found: Funnel) -> object:
    """The funnel as inline SVG, markup-safe: the renderer escapes every label."""
    import markupsafe

    description = "; ".join(
        f"{LABELS[f.source]} to {LABELS[f.target]}: {f.value}" for f in found.flows
    )
    title = f"Your search so far: {plural(found.applied, 'application')}"
    drawn = [
        sankey(
            NODES,
            found.flows,
            title=title,
            description=description or "No applications sent yet.",
            narrow=narrow,
            key=f"funnel-{'narrow' if narrow else 'wide'}",
        )
        for narrow in (False, True)
    ]
    return markupsafe.Markup("\n".join(drawn))  # noqa: S704 - built by the renderer, every label escaped
