"""Saved interests, and which postings at watched companies match them.

Pure rules. Interests are kept in ``config.toml`` (``[interests]``):

- ``titles``: phrases such as "data engineer"; a posting matches one when its
  normalised title (:func:`nextround.domain.watch.normalise_title`) holds every
  word of the phrase, in any order ("Senior Engineer, Data (m/w/d)" matches
  "data engineer").
- ``seniority``: words such as "senior", "lead"; the title must hold one of
  them (common short forms count: "Sr." is senior, "Jr." junior).
- ``locations``: places such as "Berlin" or "Remote"; the posting's location
  must name one of them, whole words, ignoring case and accents ("Munchen"
  matches "München"). "Remote" also matches a posting the board marks remote.
- ``remote``: ``yes`` (remote postings only), ``no`` (none) or ``any``.

Every criterion set must hold. With nothing set, nothing matches: interests
that say nothing would otherwise match every posting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from nextround.domain.watch import normalise_title, title_words
from nextround.errors import InvalidInput

REMOTE_CHOICES = ("yes", "no", "any")
#: Short forms of seniority words, as titles write them.
_ALIASES = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "mid": "intermediate",
    "ii": "intermediate",
    "iii": "senior",
}
_REMOTE_WORDS = frozenset({"remote", "anywhere", "telecommute", "homeoffice", "wfh"})
_MAX_ITEMS = 50
_MAX_LENGTH = 200


@dataclass(frozen=True)
class Interests:
    """What the user is looking for; see the module's documentation."""

    titles: tuple[str, ...] = ()
    seniority: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    remote: str = "any"

    def is_empty(self) -> bool:
        return not (self.titles or self.seniority or self.locations) and self.remote == "any"

    def checked(self) -> Interests:
        """Trimmed, without repeats, each list and value within bounds; else InvalidInput."""
        remote = self.remote.strip().lower()
        if remote not in REMOTE_CHOICES:
            raise InvalidInput(
                f"remote must be yes, no or any, not {self.remote!r}", field="remote"
            )
        return Interests(
            _phrases(self.titles, "titles", "title"),
            _phrases(self.seniority, "seniority", "seniority word"),
            _phrases(self.locations, "locations", "location"),
            remote,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "titles": list(self.titles),
            "seniority": list(self.seniority),
            "locations": list(self.locations),
            "remote": self.remote,
        }


@dataclass(frozen=True)
class InterestChanges:
    """An edit of the interests, as ``watch interests`` takes it (None: leave as is)."""

    add_titles: tuple[str, ...] = ()
    remove_titles: tuple[str, ...] = ()
    seniority: tuple[str, ...] | None = None
    locations: tuple[str, ...] | None = None
    remote: str | None = None
    clear: bool = False

    def is_empty(self) -> bool:
        return not (
            self.add_titles
            or self.remove_titles
            or self.clear
            or self.seniority is not None
            or self.locations is not None
            or self.remote is not None
        )


def apply(current: Interests, changes: InterestChanges) -> Interests:
    """``current`` changed as asked (cleared first, when asked); checked.

    A title to remove is found by its words, so "Data  Engineer" removes
    "data engineer"; one that isn't there is an error naming those that are.
    """
    base = Interests() if changes.clear else current
    titles = list(base.titles)
    for title in changes.remove_titles:
        words = title_words(title)
        kept = [t for t in titles if title_words(t) != words]
        if len(kept) == len(titles):
            listed = ", ".join(repr(t) for t in titles) or "none"
            raise InvalidInput(
                f"no saved title {title.strip()!r} to remove; saved titles: {listed}",
                field="titles",
            )
        titles = kept
    for title in changes.add_titles:
        if all(title_words(t) != title_words(title) for t in titles):
            titles.append(title)
    return Interests(
        tuple(titles),
        base.seniority if changes.seniority is None else changes.seniority,
        base.locations if changes.locations is None else changes.locations,
        base.remote if changes.remote is None else changes.remote,
    ).checked()


def split_list(text: str) -> tuple[str, ...]:
    """A comma-separated list as typed ("Berlin, Remote"); an empty text is an empty list."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def matches(interests: Interests, title: str, location: str, remote: bool | None) -> bool:
    """Whether a posting (its title, location text and remote flag) matches ``interests``."""
    if interests.is_empty():
        return False
    words = _seniority_words(title_words(title))
    if interests.titles and not any(title_words(t) <= words for t in interests.titles):
        return False
    if interests.seniority and not (_seniority_words(_words(interests.seniority)) & words):
        return False
    is_remote = remote is True or bool(_place_words(location) & _REMOTE_WORDS)
    if interests.remote == "yes" and not is_remote:
        return False
    if interests.remote == "no" and is_remote:
        return False
    return not interests.locations or any(
        _in_place(wanted, location, is_remote) for wanted in interests.locations
    )


def _words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(w for p in phrases for w in title_words(p))


def _seniority_words(words: frozenset[str]) -> frozenset[str]:
    return words | {_ALIASES[w] for w in words if w in _ALIASES}


def _fold(text: str) -> str:
    """Case- and accent-free text: "München" and "MUNCHEN" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


def _place_words(text: str) -> frozenset[str]:
    return frozenset(normalise_title(_fold(text)).split())


def _in_place(wanted: str, location: str, is_remote: bool) -> bool:
    wanted_words = normalise_title(_fold(wanted)).split()
    if not wanted_words:
        return False
    if set(wanted_words) <= _REMOTE_WORDS and is_remote:
        return True
    place = " " + " ".join(normalise_title(_fold(location)).split()) + " "
    return f" {' '.join(wanted_words)} " in place


def _phrases(values: Iterable[str], field: str, what: str) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        text = " ".join(str(value).split())
        if not text:
            continue
        if len(text) > _MAX_LENGTH or re.search(r"[\x00-\x1f\x7f]", text):
            raise InvalidInput(
                f"each {what} must be one line of up to {_MAX_LENGTH} characters", field=field
            )
        if not normalise_title(text):
            raise InvalidInput(f"the {what} {text!r} has no words to match on", field=field)
        if text.casefold() not in {f.casefold() for f in found}:
            found.append(text)
    if len(found) > _MAX_ITEMS:
        raise InvalidInput(f"keep {field} to {_MAX_ITEMS} at most", field=field)
    return tuple(found)
