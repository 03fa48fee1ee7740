"""The digest: steps due, and what changed at watched companies since the last one.

Pure values; :mod:`nextround.services.digest` gathers them and
:mod:`nextround.renderers.digest` writes them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nextround.domain.tasks import Task

#: How far each period looks: a daily digest lists the steps due by today,
#: a weekly one those due in the week ahead too; either looks back this far
#: when no digest was made before.
PERIODS: dict[str, timedelta] = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass(frozen=True)
class Posting:
    """A posting at a watched company, as the digest names it."""

    id: int
    company: str
    title: str
    url: str
    location: str = ""
    first_seen: date | None = None


@dataclass(frozen=True)
class News:
    id: int
    company: str
    title: str
    url: str
    published_on: date | None = None


@dataclass(frozen=True)
class Marks:
    """The highest posting, news item and step id a digest covered."""

    posting: int = 0
    news: int = 0
    task: int = 0


@dataclass(frozen=True)
class Digest:
    """One digest. ``since``: where "what changed" starts (None: never, all of it)."""

    today: date
    period: str
    since: datetime | date | None
    overdue: tuple[Task, ...]
    due: tuple[Task, ...]
    #: Steps a watch run made because the role applied for is listed again.
    reopened: tuple[Task, ...]
    matching: tuple[Posting, ...]
    news: tuple[News, ...]
    marks: Marks = Marks()

    def is_empty(self) -> bool:
        return not (self.overdue or self.due or self.reopened or self.matching or self.news)

    def subject(self) -> str:
        """A short summary line: the email's subject."""
        parts = []
        steps = len(self.overdue) + len(self.due)
        if steps:
            parts.append(f"{steps} step{'s' if steps != 1 else ''}")
        if self.reopened:
            n = len(self.reopened)
            parts.append(f"{n} role{'s' if n != 1 else ''} open again")
        if self.matching:
            n = len(self.matching)
            parts.append(f"{n} new role{'s' if n != 1 else ''} for you")
        if self.news:
            parts.append(f"{len(self.news)} news")
        return "Your nextround digest: " + (", ".join(parts) or "nothing new")

    def to_json(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "period": self.period,
            "since": self.since.isoformat() if self.since else None,
            "overdue": [t.to_json() for t in self.overdue],
            "due": [t.to_json() for t in self.due],
            "reopened": [t.to_json() for t in self.reopened],
            "matching": [_jsonable(p.__dict__) for p in self.matching],
            "news": [_jsonable(n.__dict__) for n in self.news],
        }


def _jsonable(values: dict[str, object]) -> dict[str, object]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def steps_end(today: date, period: str) -> date:
    """The last due day a digest lists: today (daily) or a week ahead (weekly)."""
    return today if period == "daily" else today + PERIODS[period] - timedelta(days=1)
