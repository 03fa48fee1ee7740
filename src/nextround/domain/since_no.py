"""What changed at a company since it said no: the role reopened, other roles posted,
and news, from what the watch of its board and feed has seen.

Only what was seen after the rejection counts: a posting first read on the watch's
first run (its baseline) was already there, and a news item counts only when its feed
dates it after the rejection (an undated item could be old). Pure: the caller reads
the watch's rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from nextround.domain.watch import KnownPosting, NewsItem, clean_text, reopenings

#: A gender marker in a posting's title, "(m/w/d)" and the like: not part of the role.
_MARKER = re.compile(
    r"\s*[(\[]\s*(?:[mwfdhx]|div|all)(?:\s*[/|,]\s*(?:[mwfdhx]|div))+\s*[)\]]", re.I
)
#: How many new roles and news items are worth listing.
SHOWN = 5


@dataclass(frozen=True)
class SinceNo:
    """What changed at a company since ``rejected_on`` (for the ``role`` applied for)."""

    rejected_on: date
    role: str
    #: The role applied for, listed again (same title words or requisition id).
    reopened: tuple[KnownPosting, ...] = ()
    #: Other roles first seen since, newest first.
    new_roles: tuple[KnownPosting, ...] = ()
    #: News dated after the rejection, newest first.
    news: tuple[NewsItem, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.reopened or self.new_roles or self.news)


def role_title(title: str) -> str:
    """A posting's title as a draft can name it: one line, no gender marker."""
    return " ".join(_MARKER.sub("", clean_text(title)).split())


def since_rejection(
    application_id: int,
    role: str,
    requisition_id: str,
    rejected_on: date,
    postings: Iterable[KnownPosting],
    news: Iterable[NewsItem],
) -> SinceNo:
    """What the watch has seen at the company since the application was turned down."""
    postings = list(postings)
    again = reopenings(application_id, role, requisition_id, rejected_on, postings)
    reopened = again.postings if again is not None else ()
    taken = {p.id for p in reopened}
    new_roles = sorted(
        (
            p
            for p in postings
            if p.id not in taken
            and p.closed_on is None
            and not p.baseline
            and p.first_seen > rejected_on
            and role_title(p.title)
        ),
        key=lambda p: (p.first_seen, p.id),
        reverse=True,
    )
    dated = sorted(
        (n for n in news if n.published_on is not None and n.published_on > rejected_on),
        key=lambda n: n.published_on or rejected_on,
        reverse=True,
    )
    return SinceNo(
        rejected_on,
        role,
        tuple(reopened),
        tuple(new_roles[:SHOWN]),
        tuple(n for n in dated if clean_text(n.title))[:SHOWN],
    )


#: A headline longer than this is left out of a note rather than cut short.
HEADLINE_MAX = 100


def news_slot(
    role: str, since: SinceNo | None, added_role: str | None, stage: str
) -> tuple[tuple[str, ...], dict[str, str]]:
    """The check-back's news sentence: the keys its wordings are looked for under (most
    specific first) and the facts they use; ``((), {})`` when nothing is known to have changed.

    The role applied for, reopened, comes first; then another role (one the user has since
    applied for, else one the board listed); then the newest news. ``stage`` ("first" or
    "later") picks wordings written for the first check-back or a later one.
    """
    reopened = bool(since and since.reopened)
    if added_role is not None and added_role.casefold() == role.casefold():
        reopened, added_role = True, None
    if reopened:
        return (f"reopened_{stage}", "reopened"), {}
    posted = role_title(since.new_roles[0].title) if since and since.new_roles else None
    if other := added_role or posted:
        return (f"new_role_{stage}", "new_role"), {"new_role": other}
    headlines = [clean_text(n.title) for n in since.news] if since else []
    if fits := [h for h in headlines if len(h) <= HEADLINE_MAX]:
        return (f"news_{stage}", "news"), {"news": fits[0].rstrip(" .")}
    return (), {}
