"""The digest as plain text: printed by ``nextround digest`` and the body of its email."""

from __future__ import annotations

import re
from datetime import date, datetime

from nextround.domain.digest import Digest, News, Posting
from nextround.domain.tasks import Task

#: Control characters and bidirectional overrides a board or feed may send: never passed on.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def as_text(digest: Digest) -> str:
    """Sections with something in them only; links on lines of their own.

    Text from boards and feeds is one line each, control characters made spaces.
    """
    lines = [f"Your nextround digest for {_day(digest.today)}"]
    if digest.reopened:
        lines += ["", "Open again (the role you applied for):"]
        lines += [_task(t) for t in digest.reopened]
    if digest.overdue:
        lines += ["", "Overdue:"] + [_task(t, with_day=True) for t in digest.overdue]
    if digest.due:
        title = "Due today:" if digest.period == "daily" else "Due this week:"
        lines += ["", title] + [_task(t, with_day=digest.period != "daily") for t in digest.due]
    if digest.matching:
        lines += ["", "New roles matching your interests:"]
        lines += [_posting(p) for p in digest.matching]
    if digest.news:
        lines += ["", "News from companies you follow:"] + [_news(n) for n in digest.news]
    if digest.since is not None and (digest.matching or digest.news or digest.reopened):
        lines += ["", f"What changed is counted from {_since(digest.since)}."]
    lines += ["", "`nextround today` has the details. Go well."]
    return "\n".join(lines) + "\n"


def _one(text: str) -> str:
    return " ".join(_UNSAFE.sub(" ", text).split())


def _task(task: Task, *, with_day: bool = False) -> str:
    title, company = _one(task.title), _one(task.company or "")
    where = f" ({company})" if company and company not in title else ""
    day = f"{_day(task.due)}: " if with_day else ""
    return f"- {day}{title}{where}" + (f"\n  {_one(task.url)}" if task.url else "")


def _posting(posting: Posting) -> str:
    where = f", {_one(posting.location)}" if posting.location.strip() else ""
    text = f"- {_one(posting.title)} at {_one(posting.company)}{where}"
    return text + (f"\n  {_one(posting.url)}" if posting.url else "")


def _news(item: News) -> str:
    day = f" ({_day(item.published_on)})" if item.published_on else ""
    text = f"- {_one(item.company)}: {_one(item.title)}{day}"
    return text + (f"\n  {_one(item.url)}" if item.url else "")


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _since(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return f"your last digest ({_day(value.date())})"
    return _day(value)
