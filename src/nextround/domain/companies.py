"""Companies: the organisations a job seeker applies to and keeps following."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from nextround.domain import rules
from nextround.domain.rules import UNSET, Unset


@dataclass(frozen=True)
class SocialAccount:
    """One of a company's public accounts, and whether the user follows it yet."""

    url: str
    followed_on: date | None = None

    @property
    def network(self) -> str:
        """A readable name for the site the account lives on ("linkedin.com" -> "LinkedIn")."""
        host = urlsplit(self.url).hostname or self.url
        host = host.removeprefix("www.")
        return _NETWORKS.get(host, host)


_NETWORKS = {
    "linkedin.com": "LinkedIn",
    "x.com": "X",
    "twitter.com": "X",
    "github.com": "GitHub",
    "mastodon.social": "Mastodon",
    "bsky.app": "Bluesky",
    "instagram.com": "Instagram",
    "youtube.com": "YouTube",
    "facebook.com": "Facebook",
}


@dataclass(frozen=True)
class Company:
    id: int
    name: str
    website: str | None = None
    address: str | None = None
    careers_url: str | None = None
    notes: str = ""
    socials: tuple[SocialAccount, ...] = field(default_factory=tuple)
    #: Counts the stored edits: an edit started from an older one is stale.
    revision: int = 0


def _socials(values: tuple[str, ...]) -> tuple[str, ...]:
    found = (rules.url(v, "socials", "social account") for v in values)
    return tuple(dict.fromkeys(u for u in found if u))


_COMPANY_RULES: dict[str, Callable[[Any], object]] = {
    "name": lambda v: rules.required_line(v or "", "name", "company name", limit=rules.NAME_MAX),
    "website": lambda v: rules.url(v, "website", "website"),
    "address": lambda v: rules.optional_block(v, "address", "address", limit=rules.ADDRESS_MAX),
    "careers_url": lambda v: rules.url(v, "careers_url", "careers URL"),
    "notes": lambda v: rules.text_block(v or "", "notes", "notes"),
}


@dataclass(frozen=True)
class NewCompany:
    """A company to add."""

    name: str
    website: str | None = None
    address: str | None = None
    careers_url: str | None = None
    notes: str = ""
    socials: tuple[str, ...] = ()

    def checked(self) -> NewCompany:
        return rules.apply(self, {**_COMPANY_RULES, "socials": _socials})


@dataclass(frozen=True)
class CompanyChanges:
    """Fields to change; :data:`~nextround.domain.rules.UNSET` ones stay, ``None`` clears."""

    name: str | Unset = UNSET
    website: str | Unset | None = UNSET
    address: str | Unset | None = UNSET
    careers_url: str | Unset | None = UNSET
    notes: str | Unset | None = UNSET
    #: Accounts to add to the known ones.
    add_socials: tuple[str, ...] = ()

    def checked(self) -> CompanyChanges:
        return rules.apply(self, {**_COMPANY_RULES, "add_socials": _socials})


_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "limited",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "bv",
        "nv",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "kg",
        "ohg",
        "ug",
        "se",
        "spa",
        "srl",
        "oy",
        "ab",
        "as",
        "aps",
        "pty",
        "pvt",
        "lp",
        "llp",
    ]
)


def normal_name(name: str) -> str:
    """A company's name as compared for duplicates: "ACME Robotics, Inc." -> "acme robotics"."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", plain.replace("&", " and "))
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words)


def site_domain(url: str | None) -> str | None:
    """The host of a company's website without ``www.``: how two records of one company meet."""
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else "https://" + url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
