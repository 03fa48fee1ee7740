"""Tying a job e-mail to a company, an application and a person.

Never by sender alone: applicant-tracking systems send for thousands of
employers from one domain, and companies send from ``talent.`` or ``careers.``
subdomains. The evidence, strongest first:

1. the sender is a person we know (their stored address);
2. the sender's domain is the company's own (its website's domain, once
   mail subdomains and ATS hosts are set aside; a Workday tenant such as
   ``acme.wd5.myworkday.com`` names the company);
3. the company's name in the sender's display name, the subject or the body.

Then the application at that company: a requisition ID in the text, then the
role title, then the one still open (or the most recent one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nextround.domain.applications import Application

#: Applicant-tracking systems by the name they sign with (squashed: lower case, letters
#: and digits only), and the domains they send from.
TRACKING_SYSTEMS: dict[str, tuple[str, ...]] = {
    "greenhouse": ("greenhouse-mail.io", "greenhouse.io"),
    "lever": ("lever.co",),
    "ashby": ("ashbyhq.com",),
    "workday": ("myworkday.com", "myworkdayjobs.com"),
    "smartrecruiters": ("smartrecruiters.com",),
    "icims": ("icims.com",),
    "workable": ("workablemail.com", "workable.com"),
    "jobvite": ("jobvite.com",),
    "bamboohr": ("bamboohr.com",),
    "teamtailor": ("teamtailor.com",),
    "recruitee": ("recruitee.com",),
    "personio": ("personio.de",),
    "successfactors": ("successfactors.com",),
    "taleo": ("taleo.net",),
    "breezyhr": ("breezy.hr",),
    "jazzhr": ("jazzhr.com", "applytojob.com"),
}
#: The tracking systems' own domains, for :func:`is_tracking_system`.
_TRACKING_DOMAINS = tuple(d for domains in TRACKING_SYSTEMS.values() for d in domains)
#: Hosts that send mail for many employers: their domain says nothing of the company.
#: The tracking systems, and mailboxes anyone has (which are no tracking system: their
#: bulk mail is a mailing list like any other).
ATS_DOMAINS = (
    *_TRACKING_DOMAINS,
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "yahoo.com",
    "linkedin.com",
)

#: Subdomains companies send job mail from.
MAIL_LABELS = frozenset(
    {"mail", "email", "e", "talent", "careers", "career", "jobs", "hr", "recruiting", "people"}
)
#: Words of a sender's display name that name a team, not the company.
_TEAM_WORDS = re.compile(
    r"\b(careers?|talent( acquisition)?|recruit(ing|ment)|hiring( team)?|jobs|hr|team|people|via \w+)\b",
    re.I,
)
#: Company-name words too common to identify a company on their own.
_GENERIC = frozenset({"inc", "ltd", "llc", "gmbh", "corp", "co", "the", "group", "plc", "sa"})
#: Words that end a name in "Acme Inc.", so "Acme" alone matches it too.
_SUFFIX = re.compile(r"[\s,]+(inc|ltd|llc|gmbh|corp|corporation|co|plc|s\.?a|ag|bv)\.?$", re.I)


@dataclass(frozen=True)
class KnownCompany:
    id: int
    name: str
    website: str | None = None


@dataclass(frozen=True)
class KnownPerson:
    id: int
    company_id: int | None
    email: str | None


@dataclass(frozen=True)
class Letter:
    """What matching reads of a message."""

    sender: str
    sender_name: str
    subject: str
    text: str


@dataclass(frozen=True)
class Match:
    company_id: int | None
    application_id: int | None
    person_id: int | None
    reasons: tuple[str, ...]
    #: For unmatched job mail: who it seems to be from, for "new application?".
    guessed_company: str | None = None
    #: The application is a guess among several at that company (the most recent):
    #: the user checks it, nothing confirms it on their behalf.
    application_guessed: bool = False


def match(
    letter: Letter,
    companies: Sequence[KnownCompany],
    applications: Sequence[Application],
    people: Sequence[KnownPerson],
) -> Match:
    """The company, application and person a message is about, with the reasons."""
    person = _person(letter.sender, people)
    reasons: list[str] = []
    company: KnownCompany | None = None
    if person is not None:
        company = next((c for c in companies if c.id == person.company_id), None)
        reasons.append(f"sent by {letter.sender}, a person you know")
    if company is None:
        company, why = _company(letter, companies)
        if why:
            reasons.append(why)
    if company is None:
        return Match(None, None, None, tuple(reasons), guess_company(letter))
    app, why = _application(letter, [a for a in applications if a.company_id == company.id])
    if why:
        reasons.append(why)
    return Match(
        company.id,
        app.id if app else None,
        person.id if person else None,
        tuple(reasons),
        application_guessed=why == SEVERAL_MATCH,
    )


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(".")


def is_ats(domain: str) -> bool:
    """Whether mail from ``domain`` may be any employer's (a tracking system, a webmail)."""
    return any(domain == d or domain.endswith("." + d) for d in ATS_DOMAINS)


def is_tracking_system(domain: str) -> bool:
    """Whether mail from ``domain`` comes from an applicant-tracking system (not a webmail):
    mail about applications, whatever bulk headers it carries."""
    return any(domain == d or domain.endswith("." + d) for d in _TRACKING_DOMAINS)


def company_domain(domain: str) -> str:
    """``talent.acme.com`` -> ``acme.com``: drop the mail subdomains companies use."""
    labels = domain.lower().split(".")
    while len(labels) > 2 and labels[0] in MAIL_LABELS | {"www"}:
        labels = labels[1:]
    return ".".join(labels)


def website_domain(website: str) -> str | None:
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", website.strip().lower()).split("/")[0]
    host = host.split("@")[-1].split(":")[0]
    return company_domain(host) if "." in host else None


def fold(text: str) -> str:
    """Case and accents folded, so "Zürich AG" is found in "ZURICH AG"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def guess_company(letter: Letter) -> str | None:
    """Who unmatched job mail seems to be from: a Workday tenant, a domain or a display name."""
    domain = domain_of(letter.sender)
    tenant = re.match(r"^([a-z0-9-]+)\.(?:wd\d+\.)?myworkday(?:jobs)?\.com$", domain)
    if tenant:
        return tenant.group(1).replace("-", " ").title()
    labels = company_domain(domain).split(".")
    if len(labels) >= 2 and labels[-2] and not is_ats(domain):
        # "localhost" or "mail" alone names no company: fall back to the display name.
        return labels[-2].replace("-", " ").title()
    name = _TEAM_WORDS.sub("", letter.sender_name)
    name = re.sub(r"[^\w&' .-]+", " ", name)
    name = " ".join(name.split()).strip(" .-")
    if is_tracking_system(domain) and (not name or _squashed(name) in TRACKING_SYSTEMS):
        return _employer_in_subject(letter.subject)  # "Greenhouse" names no employer
    return name or None


def _squashed(name: str) -> str:
    return re.sub(r"[\W_]", "", fold(name))


#: "Thank you for applying to Hooli", "Your application at Hooli - Engineer": the
#: employer an applicant-tracking system's subject names, up to a separator.
_SUBJECT_EMPLOYER = re.compile(
    r"\b(?:to|at|bei|chez)\s+(?P<name>[A-Z][\w&'.]*(?:[ ][A-Z][\w&'.]*){0,3})"
    r"\s*(?:$|[-\u2013\u2014|:,!(])"
)


def _employer_in_subject(subject: str) -> str | None:
    found = _SUBJECT_EMPLOYER.search(subject[:300])
    return found.group("name").strip(" .") if found else None


def _person(sender: str, people: Iterable[KnownPerson]) -> KnownPerson | None:
    sender = sender.strip().lower()
    if not sender:
        return None
    return next((p for p in people if p.email and p.email.strip().lower() == sender), None)


def _company(
    letter: Letter, companies: Sequence[KnownCompany]
) -> tuple[KnownCompany | None, str | None]:
    domain = domain_of(letter.sender)
    tenant = re.match(r"^([a-z0-9-]+)\.(?:wd\d+\.)?myworkday(?:jobs)?\.com$", domain)
    if domain and not is_ats(domain):
        own = company_domain(domain)
        for company in companies:
            if company.website and website_domain(company.website) == own:
                return company, f"sent from {domain}, {company.name}'s own domain"
        # No website stored: a domain spelling the name ("acmerobotics.com", Acme Robotics).
        label = own.partition(".")[0]
        for company in companies:
            if len(label) >= 4 and label in {_squashed(n) for n in _names(company.name)}:
                return company, f"sent from {domain}, named as {company.name} is"
    for where, text in (
        ("the sender's name", letter.sender_name),
        ("the subject", letter.subject),
        ("the Workday address", tenant.group(1).replace("-", " ") if tenant else ""),
        ("the message", letter.text),
    ):
        found = _named_in(text, companies)
        if found is not None:
            return found, f"{found.name} named in {where}"
    return None, None


def _named_in(text: str, companies: Sequence[KnownCompany]) -> KnownCompany | None:
    if not text:
        return None
    folded = fold(text)
    # Longest names first, so "Acme Robotics" wins over "Acme".
    for company in sorted(companies, key=lambda c: -len(c.name)):
        for name in _names(company.name):
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
                return company
    return None


def _names(name: str) -> list[str]:
    full = fold(name).strip()
    short = _SUFFIX.sub("", full).strip()
    names = [full]
    if short and short != full and short not in _GENERIC and len(short) >= 3:
        names.append(short)
    return [n for n in names if len(n) >= 2 and n not in _GENERIC]


def _application(
    letter: Letter, apps: Sequence[Application]
) -> tuple[Application | None, str | None]:
    if not apps:
        return None, None
    text = fold(f"{letter.subject}\n{letter.text}")
    for app in apps:
        req = (app.requisition_id or "").strip()
        if req and re.search(rf"(?<![\w-]){re.escape(fold(req))}(?![\w-])", text):
            return app, f"requisition {req} mentioned"
    titled = [a for a in apps if a.role and fold(a.role) in text]
    if len(titled) == 1:
        return titled[0], f"role '{titled[0].role}' mentioned"
    pool = titled or list(apps)
    open_apps = [a for a in pool if a.status.is_open]
    if len(open_apps) == 1:
        return open_apps[0], "the one open application there"
    if len(pool) == 1:
        return pool[0], "the only application there"
    latest = max(pool, key=lambda a: (a.applied_on is not None, a.applied_on, a.id))
    return latest, SEVERAL_MATCH


#: The reason given when the application is the most recent of several that fit.
SEVERAL_MATCH = "the most recent application there (several match: check it)"
