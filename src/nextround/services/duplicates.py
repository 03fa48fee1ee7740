"""Finding the record a new one duplicates: the same person or company entered twice.

A person is the same when the email or the LinkedIn profile is, or when the
name is (read by a real name parser, so "Dr. Dana Smith" is "Dana Smith" and
"Smith, Dana" too) at the same company. A company is the same when its name
is, once case, accents and legal suffixes are set aside ("ACME Inc." is
"Acme"), or its website's domain is. Merging the two keeps the details only
the one entered twice has (:func:`fill_gaps`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from nextround.domain.companies import normal_name, site_domain
from nextround.domain.people import Person, email_key, profile_key
from nextround.errors import Duplicate
from nextround.storage import companies, people
from nextround.storage.sql import Connection


def person_twin(
    c: Connection,
    owner: int,
    *,
    name: str,
    company_id: int,
    email: str | None,
    linkedin_url: str | None,
    not_id: int | None = None,
) -> tuple[Person, str] | None:
    """The stored person the given details describe, and what they share; or None."""
    key = profile_key(linkedin_url)
    slug = key.rsplit("/", 1)[-1] if key else None
    others = [
        p
        for p in people.look_alikes(c, owner, email=email, profile=slug, company_id=company_id)
        if p.id != not_id
    ]
    if (key := email_key(email)) and (
        found := next((p for p in others if email_key(p.email) == key), None)
    ):
        return found, "the same email"
    if (key := profile_key(linkedin_url)) and (
        found := next((p for p in others if profile_key(p.linkedin_url) == key), None)
    ):
        return found, "the same LinkedIn profile"
    near = [p for p in others if p.company_id == company_id and might_share_a_name(name, p.name)]
    if near:
        wanted = name_key(name)
        found = next((p for p in near if name_key(p.name) == wanted), None)
        if found is not None:
            return found, "the same name"
    return None


def might_share_a_name(one: str, other: str) -> bool:
    """Whether :func:`name_key` could read the two as one name: a cheap test first.

    Equal keys with a first and a last name mean two words in common; a name of one
    word, or punctuation (a title such as "Dr.", "Smith, Dana"), needs the parser.
    Two people who share only a first name ("Hugo Larsen", "Hugo Kim") are told apart
    without importing it.
    """
    listed, others_listed = _listed(one), _listed(other)
    words, others = set(listed), set(others_listed)
    if not words or not others:
        return True
    if len(words) < len(listed) or len(others) < len(others_listed):
        return True  # a word said twice ("Smith Dana Smith"): only the parser can tell
    shared = len(words & others)
    if shared >= 2:
        return True
    if not shared:
        return False
    return min(len(words), len(others)) == 1 or any(ch in one + other for ch in _MARKS)


_MARKS = ".,()\"'"


def _listed(name: str) -> list[str]:
    return re.findall(r"\w+", _fold(name))


def refuse_person_twin(c: Connection, owner: int, **details: object) -> None:
    found = person_twin(c, owner, **details)  # type: ignore[arg-type]
    if found is not None:
        twin, why = found
        raise Duplicate(
            f"{twin.name} at {twin.company} (id {twin.id}) has {why}; use that person, "
            "or add this one anyway",
            existing_id=twin.id,
            kind="person",
        )


def name_key(name: str) -> tuple[str, str]:
    """(first, last) as a name parser reads them, folded; the whole name when it finds neither."""
    from nameparser import HumanName

    parsed = HumanName(name)
    first, last = _fold(parsed.first), _fold(parsed.last)
    return (first, last) if first or last else (_fold(name), "")


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).split())


def company_twin(
    c: Connection, owner: int, *, name: str, website: str | None, not_id: int | None = None
) -> tuple[int, str, str] | None:
    """(id, name, what they share) of the stored company these details describe; or None."""
    wanted, domain = normal_name(name), site_domain(website)
    for company_id, known, site in companies.all_sites(c, owner):
        if company_id == not_id:
            continue
        if normal_name(known) == wanted:
            return company_id, known, "the same name"
        if domain and site_domain(site) == domain:
            return company_id, known, "the same website"
    return None


def refuse_company_twin(
    c: Connection, owner: int, *, name: str, website: str | None, not_id: int | None = None
) -> None:
    found = company_twin(c, owner, name=name, website=website, not_id=not_id)
    if found is not None:
        company_id, known, why = found
        raise Duplicate(
            f"{known} (id {company_id}) has {why}; use that company, or add this one anyway",
            existing_id=company_id,
            kind="company",
        )


class _Record(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def notes(self) -> str: ...


#: A storage module's ``update(connection, owner, id, values)``.
_Update = Callable[[Connection, int, int, Mapping[str, object]], object]


def fill_gaps(
    update: _Update,
    c: Connection,
    owner: int,
    source: _Record,
    target: _Record,
    names: Sequence[str],
) -> None:
    """Details the target lacks, taken from the source; notes kept from both."""
    values: dict[str, object] = {
        name: getattr(source, name)
        for name in names
        if not getattr(target, name) and getattr(source, name)
    }
    if source.notes and source.notes not in target.notes:
        values["notes"] = "\n\n".join(n for n in (target.notes, source.notes) if n)
    if values:
        update(c, owner, target.id, values)
