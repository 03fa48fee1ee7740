"""How a draft is put together from what is known: facts, slots, and one wording per slot.

A draft kind (a thank-you card, an email, ...) is a few sentence *slots*
("thanks", "detail", "close", ...). Each slot has several wordings, written
for the part the person played ("recruiter", "peer", ...) or for anyone
("any"); a wording names the facts it needs as ``{role}``, ``{topic}``, ... and
is used only when those facts are known. Journal free text never reaches a
sentence: a topic is a short noun phrase the user recorded for that person,
used only in a slot written for it.

The choice is deterministic, and no two people at one company get the same
combination of wordings: each person's combination index is their rank among
the company's people, plus a company seed, plus ``variant`` times the number of
people there ("another wording" moves ``variant`` on), taken modulo a multiple
of that number. Two people with different ranks never meet.

Pure: the wordings come in as data (:mod:`nextround.renderers.drafts` loads them).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nextround.errors import InvalidInput

#: Slot -> key (a part, a kind of interview, "any", ...) -> wordings.
Wordings = Mapping[str, Mapping[str, Sequence[str]]]

_FIELD = re.compile(r"\{([a-z_]+)\}")

#: The facts a wording may name; a wording naming anything else is refused.
FACTS = (
    "first_name",
    "role",
    "company",
    "meeting",
    "process",
    "topic",
    "months",
    "new_role",
    "news",
    "met_on",
)


@dataclass(frozen=True)
class Seat:
    """Where a draft stands among the company's drafts of its kind."""

    #: The person's place among the people at the company (0-based).
    rank: int = 0
    #: How many people the company has (at least ``rank + 1``).
    crowd: int = 1
    #: Moved on by "another wording".
    variant: int = 0
    #: Spreads companies over the wordings (the same rank differs from one company to another).
    seed: str = ""


@dataclass(frozen=True)
class Facts:
    """What a draft may say, as text; an empty value is not known."""

    values: Mapping[str, str] = field(default_factory=dict)

    def known(self, name: str) -> bool:
        return bool(self.values.get(name))


def choose(
    wordings: Wordings,
    slots: Sequence[tuple[str, Sequence[str]]],
    facts: Facts,
    seat: Seat,
    *,
    optional: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """One filled wording per slot.

    ``slots`` names each slot with the keys to look under, most specific
    first ("recruiter", then "any"); a wording is usable only when every fact
    it names is known. An ``optional`` slot with no usable wording is left
    out (an empty text): a "topic" slot whose wordings all name ``{topic}``
    says nothing when no topic was recorded. Any other slot without one is an
    error naming it, as is a wording naming a fact drafts don't know.
    """
    lists = [(name, _candidates(wordings, name, keys, facts)) for name, keys in slots]
    for name, found in lists:
        if not found and name not in optional:
            raise InvalidInput(
                f"no wording of the {name!r} sentence fits what is known; "
                "check the slot in your wordings.toml (each needs one using only known facts)"
            )
    sizes = [max(1, len(found)) for _, found in lists]
    index = _combination(sizes, seat)
    chosen: dict[str, str] = {}
    first = index % sizes[0] if sizes else 0
    for position, ((name, found), size) in enumerate(zip(lists, sizes, strict=True)):
        index, digit = divmod(index, size)
        # Every slot moves with the first one (still one combination per index):
        # neighbours at a company differ in each sentence, not only in one.
        if position:
            digit = (digit + first) % size
        chosen[name] = fill(found[digit], facts) if found else ""
    return chosen


def _candidates(wordings: Wordings, slot: str, keys: Sequence[str], facts: Facts) -> list[str]:
    """The wordings of ``slot`` under the first key that has any usable with ``facts``."""
    by_key = wordings.get(slot, {})
    for wording in (w for key in keys for w in by_key.get(key, ())):
        _refuse_unknown(wording)
    for key in keys:
        usable = [w for w in by_key.get(key, ()) if _needs(w) <= _known(facts)]
        if usable:
            return usable
    return []


def _known(facts: Facts) -> set[str]:
    return {k for k in facts.values if facts.known(k)}


def _needs(wording: str) -> set[str]:
    return set(_FIELD.findall(wording))


def _combination(sizes: Sequence[int], seat: Seat) -> int:
    total = 1
    for size in sizes:
        total *= size
    crowd = max(1, seat.crowd)
    span = max(crowd, total // crowd * crowd)
    seed = zlib.crc32(seat.seed.encode()) % span
    # A multiple of crowd: the rank's residue modulo crowd survives every variant.
    seed -= seed % crowd
    return (seed + seat.rank + seat.variant * crowd) % span % total


def _refuse_unknown(wording: str) -> None:
    unknown = sorted(_needs(wording) - set(FACTS))
    if unknown:
        raise InvalidInput(
            f"the wording {wording!r} names {{{unknown[0]}}}, which drafts don't know; "
            f"use one of: {', '.join('{' + f + '}' for f in FACTS)}"
        )


def fill(wording: str, facts: Facts) -> str:
    """A wording with its facts put in; a fact it names that isn't known is an error."""
    _refuse_unknown(wording)
    missing = sorted(_needs(wording) - _known(facts))
    if missing:
        raise InvalidInput(f"the wording {wording!r} needs {{{missing[0]}}}, which isn't known")
    filled = _FIELD.sub(lambda m: facts.values[m[1]], wording)
    # "at Initech Inc." ends the sentence with the name's own full stop.
    return re.sub(r"\.\.(?!\.)", ".", filled)


def count_words(months: int) -> str:
    """ "three months", "a year", "18 months"."""
    words = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    if months == 12:
        return "a year"
    if 1 <= months < len(words):
        return f"{words[months]} month" + ("s" if months > 1 else "")
    return f"{months} months"


def paragraph(*sentences: str) -> str:
    """Sentences joined by a space, the empty ones left out."""
    return " ".join(s.strip() for s in sentences if s.strip())
