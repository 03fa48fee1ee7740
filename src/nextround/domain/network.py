"""People you already know at a company: who they are, how you know them, when you last spoke.

Storage hands over one :class:`Contact` per candidate with the facts found
about them (their source, the days of interviews, cards, emails and the
LinkedIn connection); :func:`known_person` decides whether they are at the
company (linked to it by the user, or an unlinked contact whose organisation
or email domain is the company's, see :mod:`nextround.domain.orgnames`) and
words how the user knows them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date

from nextround.domain.orgnames import Organisation

#: Sources whose people came from the user's address book.
ADDRESS_BOOKS = frozenset({"google", "vcard"})


class Why(enum.StrEnum):
    """Why a person is counted at the company."""

    #: The user linked them to the company record (met them there, or said so).
    LINKED = "linked"
    #: Their organisation, as LinkedIn or the address book gave it, is the company's name.
    NAME = "name"
    #: Their email address is at the company's website's domain.
    EMAIL = "email"


class TieKind(enum.StrEnum):
    INTERVIEWED = "interviewed"
    MEETING = "meeting"
    MET = "met"
    LINKEDIN = "linkedin"
    ADDRESS_BOOK = "address_book"
    TRACKER = "tracker"


@dataclass(frozen=True)
class Tie:
    """One way the user knows a person, with its day when known."""

    kind: TieKind
    on: date | None = None

    @property
    def text(self) -> str:
        """ "interviewed you on 12 May 2026", "LinkedIn connection since 8 Feb 2026", ..."""
        return _TIE_TEXT[self.kind] + (f" {_SINCE[self.kind]} {day(self.on)}" if self.on else "")

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "on": self.on.isoformat() if self.on else None}


_TIE_TEXT = {
    TieKind.INTERVIEWED: "interviewed you",
    TieKind.MEETING: "you meet them",
    TieKind.MET: "you met them there",
    TieKind.LINKEDIN: "LinkedIn connection",
    TieKind.ADDRESS_BOOK: "in your address book",
    TieKind.TRACKER: "from your tracker",
}
_SINCE = {
    TieKind.INTERVIEWED: "on",
    TieKind.MEETING: "on",
    TieKind.MET: "on",
    TieKind.LINKEDIN: "since",
    TieKind.ADDRESS_BOOK: "since",
    TieKind.TRACKER: "since",
}


def day(on: date) -> str:
    """A day as people write it: 8 Feb 2026."""
    return f"{on.day} {on:%b %Y}"


@dataclass(frozen=True)
class Contact:
    """A person who may be at the company, with every dated fact storage found about them."""

    id: int
    name: str
    company_id: int | None
    organisation: str | None = None
    email: str | None = None
    title: str | None = None
    linkedin_url: str | None = None
    source: str = "manual"
    last_interview: date | None = None
    next_interview: date | None = None
    connected_on: date | None = None
    #: Other days the user was in touch: a card mailed, an email sent, a reply received.
    touches: tuple[date | None, ...] = ()


@dataclass(frozen=True)
class KnownPerson:
    """Someone the user knows at the company."""

    person_id: int
    name: str
    title: str | None
    email: str | None
    linkedin_url: str | None
    source: str
    why: Why
    ties: tuple[Tie, ...]
    #: The latest day they were in touch (an interview, a card, an email, the connection).
    last_in_touch: date | None

    @property
    def how(self) -> str:
        """How the user knows them, in a few words: "interviewed you on 12 May 2026"."""
        return "; ".join(t.text for t in self.ties)

    def to_json(self) -> dict[str, object]:
        """Its fields, and ``how`` in words."""
        from nextround.domain.jsonable import to_jsonable

        found = {f.name: to_jsonable(getattr(self, f.name)) for f in fields(self)}
        return {**found, "how": self.how}

    @property
    def line(self) -> str:
        """ "Dana Scully, Staff Engineer (interviewed you on 12 May 2026)"."""
        who = f"{self.name}, {self.title}" if self.title else self.name
        return f"{who} ({self.how})" if self.ties else who


def known_person(
    contact: Contact, company_id: int, org: Organisation, today: date
) -> KnownPerson | None:
    """The contact as someone known at the company, or None when they are not there."""
    why = _why(contact, company_id, org)
    if why is None:
        return None
    ties = tuple(_ties(contact, why, today))
    days = [contact.last_interview, contact.connected_on, *contact.touches]
    past = [d for d in days if d is not None and d <= today]
    return KnownPerson(
        contact.id,
        contact.name,
        contact.title,
        contact.email,
        contact.linkedin_url,
        contact.source,
        why,
        ties,
        max(past, default=None),
    )


def _why(contact: Contact, company_id: int, org: Organisation) -> Why | None:
    if contact.company_id is not None:
        # Linked to a company record: there, and nowhere else, whatever the name says.
        return Why.LINKED if contact.company_id == company_id else None
    if org.named(contact.organisation):
        return Why.NAME
    if org.mails(contact.email):
        return Why.EMAIL
    return None


def _ties(contact: Contact, why: Why, today: date) -> list[Tie]:
    ties = []
    if contact.last_interview is not None and contact.last_interview <= today:
        ties.append(Tie(TieKind.INTERVIEWED, contact.last_interview))
    if contact.next_interview is not None and contact.next_interview > today:
        ties.append(Tie(TieKind.MEETING, contact.next_interview))
    if contact.connected_on is not None or contact.source == "linkedin":
        ties.append(Tie(TieKind.LINKEDIN, contact.connected_on))
    if contact.source in ADDRESS_BOOKS:
        ties.append(Tie(TieKind.ADDRESS_BOOK))
    elif contact.source == "csv":
        ties.append(Tie(TieKind.TRACKER))
    if not ties and why is Why.LINKED:
        ties.append(Tie(TieKind.MET))  # added by hand at the company: met through it
    return ties


def people_known(
    contacts: Iterable[Contact], company_id: int, org: Organisation, today: date
) -> tuple[KnownPerson, ...]:
    """Everyone known at the company: the most recently in touch first, then by name."""
    found = [p for c in contacts if (p := known_person(c, company_id, org, today)) is not None]
    return tuple(
        sorted(
            found,
            key=lambda p: (
                -(p.last_in_touch or date.min).toordinal(),
                p.name.casefold(),
                p.person_id,
            ),
        )
    )


def summary(company: str, people: Sequence[KnownPerson], *, shown: int = 3) -> str:
    """ "You know 2 people at Acme: Dana Scully (interviewed you on …) and Fox Mulder (…)."

    "" when the user knows no one there.
    """
    if not people:
        return ""
    count = "1 person" if len(people) == 1 else f"{len(people)} people"
    lines = [p.line for p in people[:shown]]
    if len(people) > shown:
        lines.append(f"{len(people) - shown} more")
    listed = lines[0] if len(lines) == 1 else ", ".join(lines[:-1]) + " and " + lines[-1]
    return f"You know {count} at {company}: {listed}."
