"""Write the generated classifier corpora: training and held-out, four languages.

    python scripts/make_corpus.py

Training examples come from ``scripts/corpus_text/train_*.py``; development
examples from ``dev_*.py`` (first written as the held-out set, then used to
correct rules, so no longer held out); final held-out ones from
``heldout_*.py``, written after the rules stopped changing. Each bank has its
own greetings, subjects, core sentences, companies and people, so held-out
figures are not measured on training templates. Each
message combines a sender style (ATS template, recruiter's note, formal letter
with address and date lines, agency, intern programme), a shape (plain,
quoted-printable, base64, HTML, multipart) and sometimes an unfilled
placeholder or a quoted earlier message. The output is deterministic (fixed
seeds) and goes to ``tests/mail/corpus/{train,dev,heldout}/``
in the corpus format of ``tests/mail/corpus/README.md``.
"""

from __future__ import annotations

import importlib
import random
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from corpus_text import connect  # noqa: E402

OUT = ROOT / "tests" / "mail" / "corpus"
LABELS = ("rejection", "interview_invite", "application_received", "offer", "other")
LANGUAGES = ("en", "de", "fr", "es")
#: Examples per label: training (per language) and held-out (half of each language's are rejections).
TRAIN_COUNTS = {"en": 800, "de": 500, "fr": 500, "es": 500}
HELDOUT_COUNTS = {
    "rejection": 60,
    "interview_invite": 15,
    "application_received": 15,
    "offer": 15,
    "other": 15,
}
SHAPES = ("plain", "plain", "plain", "html", "qp", "alt", "b64", "htmlqp")

SLOTS = {
    "train": {
        "company": [
            "Hooli",
            "Globex",
            "Initech",
            "Umbrella Analytics",
            "Stark Logistics",
            "Vandelay Industries",
            "Pied Piper",
            "Acme Robotics",
            "Wonka Foods",
            "Cyberdyne Health",
            "Nordwind GmbH",
            "Lumière SA",
            "Soluciones Ibéricas",
            "Bergmann AG",
            "Dupont Conseil",
        ],
        "role": [
            "Backend Engineer",
            "Data Analyst",
            "Product Designer",
            "Marketing Manager",
            "QA Engineer",
            "Account Executive",
            "Site Reliability Engineer",
            "Finance Intern",
            "UX Researcher",
        ],
        "name": ["Sam", "Alex", "Jordan", "Priya", "Lena", "Tomás", "Chloé", "Jonas", "Lucía"],
        "last": ["Okafor", "Schmidt", "Martin", "García", "Novak", "Keller"],
        "recruiter": [
            "Maria Lopez",
            "Tom Becker",
            "Anne Dubois",
            "Chris Walker",
            "Sofia Ruiz",
            "Jan Meyer",
        ],
        "agency": ["TalentBridge", "Hayes & Partner"],
        "city": ["Berlin", "Lyon", "Madrid", "Leeds"],
        "skill": ["Kubernetes", "SQL", "B2B sales", "Figma"],
        "programme": ["Summer Internship Programme", "Graduate Scheme"],
    },
    "dev": {
        "company": [
            "Contoso Labs",
            "Fabrikam Energy",
            "Tailspin Travel",
            "Northwind Mobility",
            "Adatum Bank",
            "Wingtip Games",
            "Proseware",
            "Litware Studio",
            "Margie's Travel",
            "Fourth Coffee",
            "Sonnenhof Versicherung",
            "Ateliers Moreau",
            "Grupo Alcázar",
        ],
        "role": [
            "Platform Engineer",
            "Business Analyst",
            "Content Strategist",
            "Sales Development Rep",
            "Machine Learning Engineer",
            "HR Generalist",
            "Research Intern",
            "Controller",
        ],
        "name": ["Robin", "Kim", "Noor", "Mateo", "Inès", "Greta", "Yusuf", "Valentina"],
        "last": ["Haddad", "Bauer", "Lefèvre", "Moreno", "Lindqvist"],
        "recruiter": [
            "Jamie Park",
            "Ulrike Sommer",
            "Camille Petit",
            "Diego Serrano",
            "Ruth Adeyemi",
        ],
        "agency": ["Northstar Search", "Kessler Consulting"],
        "city": ["Hamburg", "Nantes", "Sevilla", "Bristol"],
        "skill": ["Terraform", "forecasting", "enterprise accounts", "NLP"],
        "programme": ["Trainee Programme", "Apprenticeship Scheme"],
    },
    "heldout": {
        "company": [
            "Blue Yonder Airlines",
            "Coho Winery",
            "Lucerne Publishing",
            "Southridge Video",
            "Trey Research",
            "Humongous Insurance",
            "Graphic Design Institute",
            "Hafenblick Logistik",
            "Maison Garnier Conseil",
            "Hidalgo Textil",
        ],
        "role": [
            "Data Engineer",
            "Customer Success Manager",
            "Frontend Developer",
            "Financial Analyst",
            "Operations Intern",
            "Product Owner",
        ],
        "name": ["Ayla", "Finn", "Léa", "Pablo", "Hannah", "Omar", "Zoé"],
        "last": ["Kowalski", "Brandt", "Rousseau", "Navarro", "Okoye"],
        "recruiter": ["Leah Brooks", "Matthias Vogel", "Élodie Faure", "Carmen Ortiz"],
        "agency": ["Bridgeway Talent", "Lindner Executive"],
        "city": ["München", "Bordeaux", "Valencia", "Glasgow"],
        "skill": ["data modelling", "React", "stakeholder management"],
        "programme": ["Internship Programme", "Talent Academy"],
    },
}
DATES = ["12 March 2026", "3 June 2026", "21.04.2026", "5 mai 2026", "18 de febrero de 2026"]
DAYS = ["Monday", "Tuesday 14 April", "next Wednesday", "Friday"]
MONTHS = ["March", "June", "September"]
QUOTES = {
    "en": "On {date}, Sam Okafor <sam.okafor@example.com> wrote:\n> Hi, I wanted to follow up on my application.",
    "de": "Am {date} schrieb Sam Okafor <sam.okafor@example.com>:\n> Hallo, ich wollte mich nach meiner Bewerbung erkundigen.",
    "fr": "Le {date}, Sam Okafor <sam.okafor@example.com> a écrit :\n> Bonjour, je me permets de relancer au sujet de ma candidature.",
    "es": "On {date}, Sam Okafor <sam.okafor@example.com> wrote:\n> Hola, quería saber cómo va mi candidatura.",
}
ATS = [
    "us.greenhouse-mail.io",
    "hire.lever.co",
    "myworkday.com",
    "smartrecruiters.com",
    "ashbyhq.com",
    "jobs.personio.de",
    "teamtailor-mail.com",
    "workablemail.com",
]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _fill(text: str, slots: dict[str, str]) -> str:
    # Placeholders written with double braces stay unfilled, as in a broken template.
    text = text.replace("{{", "\x00").replace("}}", "\x01")
    for key, value in slots.items():
        text = text.replace("{" + key + "}", value)
    return text.replace("\x00", "{{").replace("\x01", "}}")


def _slots(rng: random.Random, split: str) -> dict[str, str]:
    chosen = {key: rng.choice(values) for key, values in SLOTS[split].items()}
    chosen["full"] = f"{chosen['name']} {chosen['last']}"
    chosen["req"] = f"R-{rng.randint(1000, 99999)}"
    chosen["day"] = rng.choice(DAYS)
    chosen["month"] = rng.choice(MONTHS)
    chosen["salary"] = f"{rng.randint(40, 120)},000"
    chosen["slug"] = _ascii(chosen["company"]).replace(" ", "-").replace("'", "")
    return chosen


def _sender(rng: random.Random, slots: dict[str, str]) -> str:
    company, slug = slots["company"], slots["slug"]
    style = rng.random()
    if style < 0.4:
        return f"{company} Recruiting <no-reply@{rng.choice(ATS)}>"
    if style < 0.7:
        first, _, last = slots["recruiter"].partition(" ")
        return f"{slots['recruiter']} <{_ascii(first)}.{_ascii(last)}@{slug}.com>"
    if style < 0.85:
        return f"{slots['agency']} <jobs@{slots['agency'].lower().split()[0]}.co.uk>"
    return f"Careers <careers@{slug}.com>"


def _body(rng: random.Random, bank: Any, label: str, lang: str, slots: dict[str, str]) -> str:
    parts: list[str] = []
    if rng.random() < 0.15:  # a formal letter: address and date lines before the salutation
        parts.append(
            f"{slots['company']}\nHauptstraße 12\n{slots['city']}\n\n{slots['city']}, {rng.choice(DATES)}"
        )
    parts.append(rng.choice(bank.GREETINGS))
    opener = rng.choice(bank.OPENERS)
    cores = bank.CORES[label]
    core = rng.sample(
        cores, 2 if label != "rejection" and rng.random() < 0.3 and len(cores) > 2 else 1
    )
    extra = rng.choice(bank.EXTRAS[label]) if rng.random() < 0.6 else ""
    neutral = getattr(
        bank, "NEUTRAL", []
    )  # only training banks have them (others stay as they were)
    if neutral and rng.random() < 0.4:
        extra = " ".join(p for p in (extra, rng.choice(neutral)) if p)
    paragraph = " ".join(p for p in (opener, *core, extra) if p)
    if rng.random() < 0.4:
        parts += [opener, " ".join(core), extra]
    else:
        parts.append(paragraph)
    parts.append(f"{rng.choice(bank.CLOSINGS)}\n{rng.choice(bank.SIGNERS)}")
    footers = getattr(bank, "FOOTERS", [])  # only training banks have them, as NEUTRAL
    if footers and rng.random() < 0.25:
        parts.append(f"--\n{rng.choice(footers)}")
    if rng.random() < 0.15:
        parts.append(QUOTES[lang].replace("{date}", rng.choice(DATES)))
    return _fill("\n\n".join(p for p in parts if p), slots)


def _entry(ident: str, label: str, shape: str, sender: str, subject: str, body: str) -> str:
    return f"=== {ident} {label} {shape}\nFrom: {sender}\nSubject: {subject}\n\n{body}\n"


def generate(split: str, lang: str, bank: Any = None, counts: dict[str, int] | None = None) -> str:
    """One split's corpus for one language; ``bank`` and ``counts`` override the defaults
    (the leave-out check in ``scripts/evaluate_classifier.py`` builds reduced banks)."""
    bank = bank or importlib.import_module(f"corpus_text.{split}_{lang}")
    rng = random.Random(f"{split}-{lang}")
    if counts is None:
        counts = dict.fromkeys(LABELS, TRAIN_COUNTS[lang]) if split == "train" else HELDOUT_COUNTS
    entries: list[str] = []
    seen: set[str] = set()
    for label in LABELS:
        made = 0
        while made < counts[label]:
            slots = _slots(rng, split)
            body = _body(rng, bank, label, lang, slots)
            if body in seen:
                continue
            seen.add(body)
            made += 1
            subject = _fill(rng.choice(bank.SUBJECTS[label]), slots)
            ident = f"{split[0]}{lang}-{label[:3]}-{made:03d}"
            entries.append(
                _entry(ident, label, rng.choice(SHAPES), _sender(rng, slots), subject, body)
            )
    return "".join(entries)


def generate_connect(split: str, lang: str) -> str:
    bank = (connect.TRAIN if split == "train" else connect.HELDOUT)[lang]
    rng = random.Random(f"connect-{split}-{lang}")
    head, question = connect.QUESTION[lang]
    entries = []
    for answer, replies in bank.items():
        for number, reply in enumerate(replies, 1):
            name = rng.choice(SLOTS[split]["name"])
            quoted = head.replace("{date}", rng.choice(DATES)) + "\n> " + question
            body = f"{reply}\n\n{name}\n\n{quoted}" if rng.random() < 0.8 else f"{reply}\n\n{name}"
            ident = f"{split[0]}{lang}-con-{answer}-{number:02d}"
            sender = f"{name} <{_ascii(name)}@example.org>"
            entries.append(_entry(ident, answer, "plain", sender, "Re: LinkedIn", body))
    return "".join(entries)


def main() -> None:
    for split in ("train", "dev", "heldout"):
        folder = OUT / split
        folder.mkdir(parents=True, exist_ok=True)
        for lang in LANGUAGES:
            (folder / f"{lang}.txt").write_text(generate(split, lang), encoding="utf-8")
            if split != "dev":
                (folder / f"connect_{lang}.txt").write_text(
                    generate_connect(split, lang), encoding="utf-8"
                )


if __name__ == "__main__":
    main()
