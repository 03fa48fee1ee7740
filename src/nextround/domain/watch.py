"""Job postings with a memory, and when the role someone interviewed for opens again.

Pure rules, time a parameter. A board's answer becomes :class:`FetchedPosting`
records; :func:`compare` says what a run saw against what was stored; and
:func:`reopenings` finds, after a rejection, the role the user interviewed for.

The traps (``formats.md``): several openings of one title at the same time are
one role; a posting gone for less than :data:`BRIEF_ABSENCE` and back with the
same id is not new; a board listing many employers is not one company.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from nextround.errors import InvalidInput

#: A posting missing for less than this and back with the same id simply came back.
BRIEF_ABSENCE = timedelta(days=7)
#: A board answering "not found" this long is reported as gone and no longer asked.
GONE_AFTER = timedelta(days=7)

_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_GENDER = r"(?:m|w|f|d|h|x|div|divers|mwd|fmd|all|gn|all\s+genders?|any\s+gender)"
_GENDER_MARKER = re.compile(
    rf"[(\[]\s*{_GENDER}(?:\s*[/|,*]\s*{_GENDER})*\s*[)\]]|\b{_GENDER}(?:\s*/\s*{_GENDER}){{1,3}}\b",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"[^\w+#]+")
_LEGAL = re.compile(
    r"\b(inc|llc|ltd|limited|gmbh|ag|sa|sas|bv|plc|corp|corporation|co|company)\b\.?", re.I
)


@dataclass(frozen=True)
class FetchedPosting:
    """One open posting as a board lists it; text fields already trimmed."""

    external_id: str
    title: str
    url: str = ""
    location: str = ""
    requisition_id: str = ""
    #: The employer named on the posting, where the board says (aggregators).
    employer: str = ""
    remote: bool | None = None


@dataclass(frozen=True)
class NewsItem:
    """One item of a company's news feed: ``guid`` its id (else its link)."""

    guid: str
    title: str
    url: str = ""
    #: The day the feed dates it; None when the feed's date can't be read.
    published_on: date | None = None


@dataclass(frozen=True)
class KnownPosting:
    """A posting as stored: when it was first and last seen, and since when it is closed."""

    id: int
    external_id: str
    title: str
    norm_title: str
    requisition_id: str
    url: str
    first_seen: date
    last_seen: date
    closed_on: date | None = None
    #: The day it came back after being closed for :data:`BRIEF_ABSENCE` or more.
    returned_on: date | None = None
    #: Listed on the watch's first read: already there when the watching began.
    baseline: bool = False


@dataclass(frozen=True)
class Comparison:
    """What one run saw against what was stored."""

    new: tuple[FetchedPosting, ...]
    #: Still open: ids of stored postings seen again.
    still_open: tuple[int, ...]
    #: Closed postings back after a short absence: not a reopening.
    back: tuple[int, ...]
    #: Closed postings back after a long absence: they count as reopened.
    returned: tuple[int, ...]
    #: Open postings no longer listed.
    closed: tuple[int, ...]


@dataclass(frozen=True)
class Reopening:
    """The role an application was for, listed again after the rejection."""

    application_id: int
    #: Every posting of that role seen since (concurrent openings are one role).
    postings: tuple[KnownPosting, ...]
    since: date


def clean_text(text: str) -> str:
    """One line: entities decoded, invisible characters gone, spaces collapsed."""
    text = _INVISIBLE.sub("", html.unescape(unicodedata.normalize("NFKC", text)))
    return " ".join(text.split())


def normalise_title(title: str) -> str:
    """Lower case, no punctuation, no gender markers; seniority words stay."""
    text = _GENDER_MARKER.sub(" ", clean_text(title))
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).replace("_", " ").split())


def title_words(title: str) -> frozenset[str]:
    return frozenset(normalise_title(title).split())


def same_employer(a: str, b: str) -> bool:
    return _employer_key(a) == _employer_key(b)


def _employer_key(name: str) -> str:
    return " ".join(_LEGAL.sub(" ", normalise_title(name)).split())


def for_company(postings: Sequence[FetchedPosting], company: str) -> list[FetchedPosting]:
    """The postings of ``company``: on a board naming several employers, only its own."""
    employers = {_employer_key(p.employer) for p in postings if p.employer}
    if len(employers) <= 1:
        return list(postings)
    return [p for p in postings if same_employer(p.employer, company)]


def compare(
    known: Iterable[KnownPosting], seen: Sequence[FetchedPosting], today: date
) -> Comparison:
    """Sort a run's postings into new, still open, back, returned; and what closed."""
    stored = {k.external_id: k for k in known}
    listed: dict[str, FetchedPosting] = {}
    for posting in seen:
        listed.setdefault(posting.external_id, posting)
    new, still, back, returned = [], [], [], []
    for external_id, posting in listed.items():
        k = stored.get(external_id)
        if k is None:
            new.append(posting)
        elif k.closed_on is None:
            still.append(k.id)
        elif today - k.closed_on < BRIEF_ABSENCE:
            back.append(k.id)
        else:
            returned.append(k.id)
    closed = [k.id for k in stored.values() if k.closed_on is None and k.external_id not in listed]
    return Comparison(tuple(new), tuple(still), tuple(back), tuple(returned), tuple(closed))


def reopenings(
    application_id: int,
    role: str,
    requisition_id: str,
    rejected_on: date,
    postings: Iterable[KnownPosting],
) -> Reopening | None:
    """The role of an application listed again after ``rejected_on``, or None.

    A posting counts when it is the same role (the same set of title words, or
    the same requisition id even under another title) and it is either first
    seen after the rejection or came back after a long absence since then.
    """
    words = title_words(role)
    found = [
        p
        for p in postings
        if p.closed_on is None
        and _same_role(p, words, requisition_id)
        and (
            (p.first_seen > rejected_on and not p.baseline)
            or (p.returned_on is not None and p.returned_on > rejected_on)
        )
    ]
    if not found:
        return None
    found.sort(key=lambda p: (p.returned_on or p.first_seen, p.id))
    return Reopening(application_id, tuple(found), found[0].returned_on or found[0].first_seen)


def _same_role(posting: KnownPosting, words: frozenset[str], requisition_id: str) -> bool:
    if (
        requisition_id
        and posting.requisition_id.strip().casefold() == requisition_id.strip().casefold()
    ):
        return True
    return bool(words) and frozenset(posting.norm_title.split()) == words


@dataclass(frozen=True)
class Watch:
    """A company followed: where its board is, and how the last read went."""

    id: int
    company_id: int
    company: str
    board_kind: str
    board_name: str
    board_url: str
    feed_url: str
    etag: str = ""
    last_modified: str = ""
    last_ok_on: date | None = None
    gone_since: date | None = None
    last_error: str = ""
    open_postings: int = 0
    feed_etag: str = ""
    feed_last_modified: str = ""
    feed_error: str = ""

    def gone(self, today: date) -> bool:
        """Answering "not found" for :data:`GONE_AFTER` or longer: no longer asked."""
        return self.gone_since is not None and today - self.gone_since >= GONE_AFTER


@dataclass(frozen=True)
class NewWatch:
    """Follow a company: its board (a careers or API URL; else one already known) and feed."""

    company_id: int
    board: str | None = None
    feed: str | None = None
    #: A careers page on no known board, read for its schema.org JobPosting items.
    page: str | None = None

    def checked(self) -> NewWatch:
        board, page = _web_address(self.board, "board"), _web_address(self.page, "page")
        if board and page:
            raise InvalidInput("give a job board or a careers page, not both", field="page")
        return NewWatch(self.company_id, board, _web_address(self.feed, "feed"), page)


def _web_address(value: str | None, field: str) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > 2000 or any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise InvalidInput(
            f"the {field} must be one web address of up to 2000 characters", field=field
        )
    if field != "board" and not text.startswith(("https://", "http://")):
        raise InvalidInput(
            f"the {field} must be a web address starting with https://, not {text!r}", field=field
        )
    return text
