"""Is this the same organisation? Company names and web domains compared with care.

Used for "people you already know": a contact imported from LinkedIn or an
address book carries the company's name as that source wrote it ("ACME
Robotics, Inc.", "Zürich Analytics AG") and often an email address. Two names
are the same organisation when their *keys* are equal: case and accents
folded, punctuation gone, ``&`` read as "and", a leading "The" and known legal
suffixes (Inc, LLC, GmbH, S.L., Pty Ltd, GmbH & Co. KG, ...) dropped. Never a
prefix or a substring: "Meta" is not "Metabase" and "Acme" is not "Acme
Robotics" (the user can link such a person to the company by hand).

A person's email domain is the company's when it is the website's domain or
one of its subdomains (``dana@eu.acme.com`` for ``https://www.acme.com``);
webmail hosts and job-board hosts say nothing of an employer and never match.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from nextround.domain.mail_matching import ATS_DOMAINS, MAIL_LABELS

#: Legal forms, written as people write them; dots and case don't matter ("S.L." = "SL").
LEGAL_SUFFIXES = (
    "Inc",
    "Inc.",
    "Incorporated",
    "LLC",
    "L.L.C.",
    "Ltd",
    "Ltd.",
    "Limited",
    "GmbH",
    "gGmbH",
    "GmbH & Co. KG",
    "& Co. KG",
    "AG",
    "SE",
    "SA",
    "S.A.",
    "SAS",
    "S.A.S.",
    "SARL",
    "S.à r.l.",
    "S.L.",
    "SLU",
    "S.p.A.",
    "S.r.l.",
    "BV",
    "B.V.",
    "NV",
    "N.V.",
    "plc",
    "PLC",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "Co., Ltd.",
    "Company",
    "KG",
    "OHG",
    "UG",
    "UG (haftungsbeschränkt)",
    "Oy",
    "AB",
    "AS",
    "A/S",
    "ApS",
    "Pty",
    "Pty Ltd",
    "Pty. Ltd.",
    "Pvt Ltd",
    "Private Limited",
    "LP",
    "LLP",
    "KK",
    "K.K.",
    "SpA",
    "Srl",
)

#: Webmail and other shared hosts: an address there names no employer.
SHARED_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "t-online.de",
        "posteo.de",
        "mailbox.org",
        "fastmail.com",
        "hey.com",
        "zoho.com",
        "yandex.ru",
        "mail.ru",
        "qq.com",
        "163.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "btinternet.com",
        "linkedin.com",
        "github.com",
        "github.io",
        "gitlab.com",
        "medium.com",
        "notion.site",
        "wixsite.com",
        "example.com",
    }
)

_WORD = re.compile(r"[^\W_]+")
_GONE = re.compile(r"[.'\u2019`\u00b4]")  # dots and apostrophes join: "S.L." -> "SL", "Macy's"
#: Latin letters that Unicode doesn't decompose, as they are written without the mark.
_PLAIN_LETTERS = str.maketrans(
    {
        "\u0131": "i",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


def words(name: str) -> list[str]:
    """The words of a name, folded: "Zürich Analytics & Co." -> zurich, analytics, and, co."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c)).translate(_PLAIN_LETTERS)
    plain = _GONE.sub("", plain.replace("&", " and ").replace("+", " and "))
    return _WORD.findall(plain)


#: Each legal suffix's words, found by its last word (the longest of a word's first).
_SUFFIXES: dict[str, list[tuple[str, ...]]] = {}
for _suffix in sorted({tuple(words(s)) for s in LEGAL_SUFFIXES}, key=len, reverse=True):
    _SUFFIXES.setdefault(_suffix[-1], []).append(_suffix)


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """What two names of one organisation share: "The ACME Robotics, Inc." -> "acme robotics".

    A name is never emptied by its suffixes ("Inc" stays "inc"); a name with no
    letters or digits has the key "" and matches nothing. Remembered for the
    last 65,536 names: a company page compares every contact's organisation.
    """
    found = words(name)
    while len(found) > 1:
        suffix = next(
            (
                s
                for s in _SUFFIXES.get(found[-1], ())
                if len(found) > len(s) and tuple(found[-len(s) :]) == s
            ),
            None,
        )
        if suffix is None:
            break
        del found[-len(suffix) :]
    if len(found) > 1 and found[0] == "the":
        found = found[1:]
    return " ".join(found)


def same_organisation(a: str | None, b: str | None) -> bool:
    """Whether two names are one organisation's: equal keys, never a prefix or a part."""
    if not a or not b:
        return False
    key = name_key(a)
    return bool(key) and key == name_key(b)


def host_of(url: str | None) -> str | None:
    """A website's domain as a company's email would use it: "https://careers.acme.com/x" -> acme.com.

    None for no address, an address with no dot in its host, or a shared host
    (a LinkedIn page, a GitHub site, a job board): those name no one company.
    """
    if not url:
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/")[0]
    host = host.split("?")[0].split("#")[0].split("@")[-1].split(":")[0].strip(".")
    labels = host.split(".")
    while len(labels) > 2 and (labels[0] in MAIL_LABELS or labels[0] == "www"):
        labels = labels[1:]
    host = ".".join(labels)
    if "." not in host or not all(labels) or _shared(host):
        return None
    return host


def email_domain(email: str | None) -> str | None:
    """The domain of an email address, unless a webmail or shared one: "dana@Acme.com" -> acme.com."""
    if not email or "@" not in email:
        return None
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    labels = domain.split(".")
    if len(labels) < 2 or not all(labels) or _shared(domain):
        return None
    return domain


_ANYONES = SHARED_DOMAINS | frozenset(ATS_DOMAINS)


def _shared(domain: str) -> bool:
    """The domain is a shared host or one of its subdomains (``mail.gmail.com``)."""
    labels = domain.split(".")
    return any(".".join(labels[i:]) in _ANYONES for i in range(len(labels)))


def same_domain(email: str | None, website: str | None) -> bool:
    """Whether an email address is at the website's domain or one of its subdomains."""
    mail, site = email_domain(email), host_of(website)
    if mail is None or site is None:
        return False
    return mail == site or mail.endswith("." + site)


@dataclass(frozen=True)
class Organisation:
    """A company as compared with what contacts say: its name's key and its website's domain."""

    key: str
    domain: str | None

    @classmethod
    def of(cls, name: str, website: str | None = None) -> Organisation:
        return cls(name_key(name), host_of(website))

    def named(self, organisation: str | None) -> bool:
        """Whether a contact's organisation is this company (by name)."""
        return bool(self.key) and bool(organisation) and name_key(organisation or "") == self.key

    def mails(self, email: str | None) -> bool:
        """Whether a contact's email address is at this company's domain."""
        mail = email_domain(email)
        if mail is None or self.domain is None:
            return False
        return mail == self.domain or mail.endswith("." + self.domain)
