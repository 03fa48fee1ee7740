"""People as vCard 3.0 (RFC 2426), the version the widest range of address books imports.

One card per person: ``FN``, ``N`` (split into prefix, given, additional,
family and suffix as names are usually written), ``ORG``, ``TITLE``, ``EMAIL``,
``ADR`` (the free-text postal address in the street field, since nextround
does not parse addresses, and the same text as ``LABEL``), ``URL`` (LinkedIn),
``NOTE`` and a stable ``UID`` (``person-<owner>-<id>@nextround.local``), so
that importing again updates contacts instead of adding copies.

``vobject`` escapes commas, semicolons and newlines, folds lines at 75 octets
and ends them with CRLF; it is imported only when cards are rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nextround.domain.controls import refuse_controls
from nextround.domain.people import Person

# vobject ships no type hints: its components are Any here.
_Card = Any

UID_DOMAIN = "nextround.local"

# Words that start a family name ("Ludwig van Beethoven", "Ana de la Cruz").
_PARTICLES = frozenset(
    {"al", "bin", "da", "dal", "de", "del", "della", "der", "di", "dos", "du", "la", "le"}
    | {"st.", "ten", "ter", "van", "von", "zu"}
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})


@dataclass(frozen=True)
class NameParts:
    """The five components of a vCard ``N``."""

    family: str = ""
    given: str = ""
    additional: str = ""
    prefix: str = ""
    suffix: str = ""


def person_uid(owner: int, person_id: int) -> str:
    return f"person-{owner}-{person_id}@{UID_DOMAIN}"


def render_vcards(people: Sequence[Person], *, owner: int) -> bytes:
    """One UTF-8 ``.vcf`` stream holding a card for each person, in the order given."""
    return "".join(_card(person, owner).serialize() for person in people).encode()


def split_name(person: Person) -> NameParts:
    """The five parts: "Dr. Ana de la Cruz Jr." -> Dr., Ana, (none), de la Cruz, Jr.

    "Cruz, Ana" is read family name first. A single word (or a name written
    without spaces) is the given name.
    """
    text = " ".join(person.name.split())
    family, comma, rest = text.partition(",")
    if comma and rest.strip() and not _is_suffix(rest):
        prefix, words, suffix = _peel(rest)
        return NameParts(family.strip(), words[0], " ".join(words[1:]), prefix, suffix)
    prefix, words, suffix = _peel(text)
    if len(words) == 1:
        return NameParts(given=words[0], prefix=prefix, suffix=suffix)
    cut = next(
        (i for i, w in enumerate(words[1:-1], 1) if w.casefold() in _PARTICLES), len(words) - 1
    )
    family = " ".join(words[cut:])
    return NameParts(family, words[0], " ".join(words[1:cut]), prefix, suffix)


def _peel(text: str) -> tuple[str, list[str], str]:
    """(honorifics, the words of the name proper, suffixes); at least one word is left."""
    words = text.replace(",", " ").split() or [text]
    first = Person(0, " ".join(words), 0).first_name  # the domain knows the honorifics
    start = words.index(first)
    prefix, words = words[:start], words[start:]
    suffix: list[str] = []
    while len(words) > 1 and _is_suffix(words[-1]):
        suffix.insert(0, words.pop())
    return " ".join(prefix), words, " ".join(suffix)


def _is_suffix(word: str) -> bool:
    return word.strip().strip(".").replace(".", "").casefold() in _SUFFIXES


def street(person: Person) -> str:
    """The postal address without a first line that only repeats the person's name."""
    lines = [line.strip() for line in (person.address or "").splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].casefold() == " ".join(person.name.split()).casefold():
        lines = lines[1:]
    return "\n".join(lines)


def _card(person: Person, owner: int) -> _Card:
    import vobject  # type: ignore[import-untyped]

    refuse_controls(
        f"The contact card of {' '.join(person.name.split()) or 'a person'}",
        {
            "name": person.name,
            "company": person.company,
            "title": person.title,
            "email": person.email,
            "address": person.address,
            "LinkedIn URL": person.linkedin_url,
            "notes": person.notes,
        },
    )
    card = vobject.vCard()
    card.add("uid").value = person_uid(owner, person.id)
    card.add("fn").value = " ".join(person.name.split())
    parts = split_name(person)
    card.add("n").value = vobject.vcard.Name(
        family=parts.family,
        given=parts.given,
        additional=parts.additional,
        prefix=parts.prefix,
        suffix=parts.suffix,
    )
    if person.company:
        card.add("org").value = [person.company]
    _add_text(card, "title", person.title)
    if person.email:
        email = card.add("email")
        email.value = person.email
        email.type_param = "INTERNET"
    if person.address and (lines := street(person)):
        card.add("adr").value = vobject.vcard.Address(street=lines)
        card.add("label").value = person.address.strip()
    _add_text(card, "url", person.linkedin_url)
    _add_text(card, "note", person.notes.strip())
    return card


def _add_text(card: _Card, name: str, value: str | None) -> None:
    if value:
        card.add(name).value = value
