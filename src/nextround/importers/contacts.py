"""What an address book holds about one person, as Google Contacts and vCard files give it.

Both address-book parsers (:mod:`.google`, :mod:`.vcards`) produce
:class:`Contact` records; the import service turns them into people. Postal
addresses keep their kind (home, work) so that a work address can go to the
person's office and the best one to the person, ready for cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from nextround.domain.imports import ImportedPerson, SkippedRow
from nextround.importers import ImportFailed

__all__ = ["Contact", "ImportFailed", "PostalAddress", "Skipped"]

#: Countries that write the postal code before the town ("10115 Berlin").
_CODE_FIRST = frozenset(
    [
        "de",
        "deutschland",
        "germany",
        "at",
        "österreich",
        "austria",
        "ch",
        "schweiz",
        "switzerland",
        "fr",
        "france",
        "nl",
        "netherlands",
        "be",
        "belgium",
        "es",
        "spain",
        "españa",
        "it",
        "italy",
        "italia",
        "dk",
        "denmark",
        "no",
        "norway",
        "se",
        "sweden",
        "fi",
        "finland",
        "pl",
        "poland",
        "pt",
        "portugal",
        "cz",
        "czechia",
        "lu",
        "luxembourg",
    ]
)
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class PostalAddress:
    """One postal address, already laid out as lines for an envelope."""

    text: str
    #: ``home``, ``work`` or ``other``, as the source labelled it.
    kind: str = "other"
    preferred: bool = False


#: A record left out, where it starts in the file and why.
Skipped = SkippedRow


@dataclass(frozen=True)
class Contact:
    """One person from an address book; ``line`` is where they start in the file."""

    line: int
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    organisation: str | None = None
    title: str | None = None
    addresses: tuple[PostalAddress, ...] = ()
    linkedin_url: str | None = None
    websites: tuple[str, ...] = ()
    notes: str = ""
    labels: tuple[str, ...] = field(default=())

    def imported(self) -> ImportedPerson:
        """The person as every importer hands them on (see :mod:`nextround.domain.imports`)."""
        return ImportedPerson(
            line=self.line,
            name=self.name,
            organisation=self.organisation,
            title=self.title,
            emails=self.emails,
            phones=self.phones,
            linkedin_url=self.linkedin_url,
            address=self.address,
            work_address=self.work_address,
            notes=self.notes,
        )

    @property
    def email(self) -> str | None:
        """The primary e-mail address (sources list it first)."""
        return self.emails[0] if self.emails else None

    @property
    def address(self) -> str | None:
        """The address a card goes to: the preferred one, else home, else work, else any."""
        return best_address(self.addresses, ("home", "work", "other"))

    @property
    def work_address(self) -> str | None:
        """The office's address, when the source labelled one as work."""
        works = [a for a in self.addresses if a.kind == "work"]
        return works[0].text if works else None


def best_address(addresses: tuple[PostalAddress, ...], order: tuple[str, ...]) -> str | None:
    for preferred in (True, False):
        for kind in order:
            for address in addresses:
                if address.kind == kind and (address.preferred or not preferred):
                    return address.text
    return addresses[0].text if addresses else None


def clean(value: str | None) -> str:
    """One line of text: runs of spaces made one, ends trimmed."""
    return _SPACES.sub(" ", value or "").strip()


def address_kind(label: str) -> str:
    words = label.casefold()
    if "work" in words or "business" in words or "office" in words:
        return "work"
    if "home" in words or "private" in words:
        return "home"
    return "other"


def lay_out(
    *,
    street: str = "",
    extended: str = "",
    po_box: str = "",
    city: str = "",
    region: str = "",
    postal_code: str = "",
    country: str = "",
) -> str:
    """Address parts as envelope lines, the postal code where the country puts it."""
    lines = [clean(part) for part in (*street.splitlines(), extended)]
    if po_box.strip():
        lines.append(f"PO Box {clean(po_box)}")
    city, region, code = clean(city), clean(region), clean(postal_code)
    if clean(country).casefold() in _CODE_FIRST:
        town = " ".join(p for p in (code, city) if p)
        lines.append(", ".join(p for p in (town, region) if p))
    else:
        place = ", ".join(p for p in (city, region) if p)
        lines.append(" ".join(p for p in (place, code) if p))
    lines.append(clean(country))
    return "\n".join(line for line in lines if line)


def formatted(text: str) -> str:
    """A ready-made address: its lines trimmed, blank lines dropped."""
    return "\n".join(clean(line) for line in text.splitlines() if clean(line))


def is_linkedin(url: str) -> bool:
    """A LinkedIn profile address (``linkedin.com/in/...``), with or without a scheme."""
    text = url.strip()
    try:
        host = urlsplit(text if "://" in text else "https://" + text).hostname or ""
    except ValueError:
        return False
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def split_websites(urls: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """The LinkedIn profile among a person's web addresses, and the others."""
    linkedin = next((u for u in urls if is_linkedin(u)), None)
    others = tuple(u for u in urls if u != linkedin)
    if linkedin and "://" not in linkedin:
        linkedin = "https://" + linkedin
    return linkedin, others


def unique(values: list[str]) -> tuple[str, ...]:
    """Values in their order, each once (e-mails compared without case)."""
    seen: set[str] = set()
    found: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            found.append(value)
    return tuple(found)
