"""The language a draft is written in, and what changes with it besides the words.

A draft is written in English, German, French or Spanish: the application's
language (the one the process ran in), unless the person has their own. Each
language has its register (Sie/du, vous/tu, usted/tú): formal by default where
that is the convention with a professional contact after an interview (German,
French, Spanish), plain in English; the user may choose either for anyone.

A person is addressed by their form of address as the user wrote it ("Frau Dr.
Weber", "Madame Dubois", "Sra. García"; their first name until set). Nothing
is guessed from a name: a greeting that agrees in gender ("Sehr geehrte",
"Estimado") is used only when the form of address starts with a title that
says it ("Frau", "Monsieur", "Sra."); otherwise the greeting is one that needs
no agreement ("Guten Tag", "Bonjour", "Buenos días").

Pure: the slot wordings themselves are data files (``renderers/templates/drafts/wordings``).
"""

from __future__ import annotations

import re
from datetime import date

from nextround.errors import InvalidInput

#: The languages drafts are written in, by code (ISO 639-1), with their English names.
NAMES: dict[str, str] = {"en": "English", "de": "German", "fr": "French", "es": "Spanish"}
CODES = tuple(NAMES)
DEFAULT = "en"

#: Formal by default: the convention with a professional contact after an interview.
_FORMAL = {"en": False, "de": True, "fr": True, "es": True}

#: How a greeting ends and a draft's body begins: German goes on in lower case after a comma.
LOWER_AFTER_GREETING = frozenset({"de"})


def supported() -> str:
    """ "en (English), de (German), fr (French) or es (Spanish)"."""
    named = [f"{code} ({name})" for code, name in NAMES.items()]
    return ", ".join(named[:-1]) + " or " + named[-1]


def language(value: str | None, field: str = "language") -> str | None:
    """A language code as stored (lower case), None for none; anything else is refused."""
    if value is None:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if not code:
        return None
    if code not in NAMES:
        raise InvalidInput(
            f"drafts can't be written in {value.strip()!r} yet; choose {supported()}",
            field=field,
        )
    return code


def formal_by_default(code: str) -> bool:
    return _FORMAL.get(code, False)


def register(code: str, formal: bool | None) -> bool:
    """Whether a draft in ``code`` is formal: as the user chose, else the language's convention."""
    return formal_by_default(code) if formal is None else formal


# --------------------------------------------------------------------------- greetings

#: A leading title -> "f" or "m", per language; a form of address without one is neither.
_TITLES: dict[str, dict[str, str]] = {
    "en": {},
    "de": {"frau": "f", "herr": "m", "herrn": "m"},
    "fr": {"madame": "f", "mme": "f", "mme.": "f", "monsieur": "m", "m.": "m"},
    "es": {
        "sra.": "f",
        "sra": "f",
        "señora": "f",
        "dra.": "f",
        "doña": "f",
        "sr.": "m",
        "sr": "m",
        "señor": "m",
        "dr.": "m",
        "don": "m",
    },
}

#: (language, where, formal) -> gender ("f", "m", "") -> greeting.
#: ``where`` is "letter" (a card or an email) or "note" (one line on LinkedIn).
_GREETINGS: dict[tuple[str, str, bool], dict[str, str]] = {
    ("en", "letter", True): {"": "Dear {a},"},
    ("en", "letter", False): {"": "Hi {a},"},
    ("en", "note", True): {"": "Hello {a},"},
    ("en", "note", False): {"": "Hi {a},"},
    ("de", "letter", True): {
        "f": "Sehr geehrte {a},",
        "m": "Sehr geehrter {a},",
        "": "Guten Tag {a},",
    },
    ("de", "letter", False): {"f": "Liebe {a},", "m": "Lieber {a},", "": "Hallo {a},"},
    ("de", "note", True): {"": "Guten Tag {a},"},
    ("de", "note", False): {"": "Hallo {a},"},
    ("fr", "letter", True): {"f": "Madame,", "m": "Monsieur,", "": "Bonjour {a},"},
    ("fr", "letter", False): {"f": "Chère {a},", "m": "Cher {a},", "": "Bonjour {a},"},
    ("fr", "note", True): {"": "Bonjour {a},"},
    ("fr", "note", False): {"": "Bonjour {a},"},
    ("es", "letter", True): {"f": "Estimada {a}:", "m": "Estimado {a}:", "": "Buenos días, {a}:"},
    ("es", "letter", False): {"f": "Querida {a}:", "m": "Querido {a}:", "": "Hola, {a}:"},
    ("es", "note", True): {"": "Buenos días, {a}."},
    ("es", "note", False): {"": "Hola, {a}."},
}

#: A card, where it differs from an email: "Dear" in English either way; in French
#: the title and name ("Chère Madame Dubois,"), where an email says "Madame,".
_CARD: dict[tuple[str, bool], dict[str, str]] = {
    ("en", True): {"": "Dear {a},"},
    ("en", False): {"": "Dear {a},"},
    ("fr", True): {"f": "Chère {a},", "m": "Cher {a},", "": "Bonjour {a},"},
}


#: A form of address to suggest, per language, when a formal draft has none.
EXAMPLES = {"de": "Frau Dr. Weber", "fr": "Madame Dubois", "es": "Sra. García"}


def address_example(code: str, formal: bool, address_as: str | None) -> str | None:
    """An example form of address when a formal draft in ``code`` would greet someone by
    their full name for want of one ("Guten Tag Dana Smith,"); None when it needs none."""
    if address_as or not formal:
        return None
    return EXAMPLES.get(code)


def gender_of(address: str, code: str) -> str:
    """ "f" or "m" when the form of address starts with a title that says so, else ""."""
    first = address.strip().split(" ", 1)[0].casefold()
    return _TITLES.get(code, {}).get(first, "")


def greeting(address: str, code: str, formal: bool, where: str = "letter") -> str:
    """The line a draft opens with: "Sehr geehrte Frau Dr. Weber," or "Hola, Ana:".

    ``where`` is "card", "letter" (an email) or "note" (LinkedIn).
    """
    address = " ".join(address.split())
    table = _CARD.get((code, formal)) if where == "card" else None
    if table is None:
        kind = "note" if where == "note" else "letter"
        table = _GREETINGS.get((code, kind, formal)) or _GREETINGS[("en", kind, formal)]
    gender = gender_of(address, code) if address else ""
    if not address:
        # No name at all: a greeting that needs none.
        return {"de": "Guten Tag,", "fr": "Bonjour,", "es": "Buenos días:"}.get(code, "Hello,")
    return table.get(gender, table[""]).replace("{a}", address)


def go_on(text: str, code: str) -> str:
    """The first sentence after a greeting: "vielen Dank ..." in German, as written elsewhere."""
    if code in LOWER_AFTER_GREETING and text[:1].isupper() and not _KEEPS_CAPITAL.match(text):
        return text[:1].lower() + text[1:]
    return text


#: German words that keep their capital after a greeting: the formal pronouns.
_KEEPS_CAPITAL = re.compile(r"(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)\b")


#: French "de"/"que" before a vowel: "le poste d'Engineering Manager", "qu'Acme".
_ELIDE = re.compile(r"\b([Dd]e|[Qq]ue) (?=[AEIOUYÀÂÉÈÊÎÔÛaeiouyàâéèêîôû])")
#: German "bei dem", "in dem" before a fact: "beim", "im".
_MERGE = re.compile(r"\b([Bb]ei|[Ii]n|[Vv]on|[Zz]u) dem\b")
_MERGED = {"bei": "beim", "in": "im", "von": "vom", "zu": "zum"}
#: Spanish "de el", "a el": "del", "al".
_CONTRACT = re.compile(r"\b([Dd]e|[Aa]) el\b")


def polish(text: str, code: str) -> str:
    """A filled sentence as the language writes it: elisions and contractions a fact made necessary."""
    if code == "fr":
        return _ELIDE.sub(lambda m: m[1][:-1] + "'", text)
    if code == "de":
        return _MERGE.sub(lambda m: _with_case(_MERGED[m[1].lower()], m[1]), text)
    if code == "es":
        return _CONTRACT.sub(lambda m: m[1] + "l", text)
    return text


def _with_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


def long_date(day: date, code: str) -> str:
    """ "12 October 2026", "12. Oktober 2026", "12 octobre 2026", "12 de octubre de 2026"."""
    month = _MONTHS.get(code, _MONTHS["en"]).split()[day.month - 1]
    if code == "de":
        return f"{day.day}. {month} {day.year}"
    if code == "es":
        return f"{day.day} de {month} de {day.year}"
    if code == "fr" and day.day == 1:
        return f"1er {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def day_and_month(day: date, code: str) -> str:
    """A date within the year: "12 October", "12. Oktober", "12 octobre", "12 de octubre"."""
    return long_date(day, code).rsplit(" ", 1)[0].removesuffix(" de")
