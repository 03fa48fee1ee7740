"""vCard files (2.1, 3.0 and 4.0) read into :class:`~.contacts.Contact` records.

A careful reader of its own rather than ``vobject``: ``vobject`` 0.9.9
refuses a whole file for one stray line, and for a vCard 2.1
quoted-printable value broken over lines with a trailing ``=`` (both checked
on this module's fixtures), while one bad card must cost only that card,
with its line number. What it reads:

- several cards in one file; lines folded with a leading space or tab;
- ``group.NAME;PARAM=a,b;BARE-PARAM:value``, with backslash escapes
  (``\\n``, ``\\,``, ``\\;``) and structured values split on unescaped ``;``;
- 2.1's ``ENCODING=QUOTED-PRINTABLE`` (soft line breaks, ``CHARSET=``);
  base64 values (photos, keys) are skipped unread;
- ``FN`` or else ``N`` for the name, ``ORG``, ``TITLE``, ``EMAIL``, ``TEL``,
  ``ADR`` (or 4.0's ``LABEL=`` parameter), ``URL`` and ``X-SOCIALPROFILE``
  (a LinkedIn profile is kept apart), ``NOTE``, ``CATEGORIES``.

A card with no name is skipped with its position; a file with no card at
all is an :class:`ImportFailed`.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from nextround.domain.imports import ImportedPerson
from nextround.importers.contacts import (
    Contact,
    ImportFailed,
    PostalAddress,
    Skipped,
    address_kind,
    clean,
    formatted,
    lay_out,
    split_websites,
    unique,
)

#: A vCard file larger than this is refused before reading (a phone's whole book is a few MB).
MAX_BYTES = 64 * 1024 * 1024
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str

    def has_type(self, word: str) -> bool:
        types = [t.casefold() for t in self.params.get("TYPE", [])]
        return word in types or (word == "pref" and "PREF" in self.params)


@dataclass
class _Card:
    line: int
    properties: list[_Property] = field(default_factory=list)


def read(data: BinaryIO, name: str) -> Iterator[ImportedPerson | Skipped]:
    """The import service's reader (``nextround import vcard``): the file read whole, capped."""
    content = data.read(MAX_BYTES + 1)
    return vcard_records(content)


def vcard_records(data: bytes) -> Iterator[ImportedPerson | Skipped]:
    """Every card of a vCard file as an imported person, or a skip with its line."""
    for record in read_vcards(data):
        yield record.imported() if isinstance(record, Contact) else record


def read_vcards(data: bytes) -> Iterator[Contact | Skipped]:
    """Every card of a vCard file, in file order, as a contact or a skip."""
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            f"the vCard file is {len(data) // 1_000_000} MB, more than an address book holds "
            f"(at most {MAX_BYTES // 1_000_000} MB); export fewer contacts at a time"
        )
    found = False
    for index, card in enumerate(_cards(_logical_lines(_decode(data))), start=1):
        found = True
        yield _contact(card, index)
    if not found:
        raise ImportFailed(
            "no vCard in this file: a vCard file holds cards from BEGIN:VCARD to END:VCARD; "
            "export your contacts as vCard (.vcf) and try again"
        )


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older phones wrote their own code page; Windows-1252 is the usual one.
        return data.decode("cp1252", errors="replace")


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines unfolded (a leading space or tab continues the line before), with their numbers."""
    number, current = 0, None
    for line_no, raw in enumerate(_NEWLINE.split(text), start=1):
        if current is not None and _soft_break(current):
            current = current[:-1] + raw
        elif current is not None and raw[:1] in (" ", "\t"):
            current += raw[1:]
        else:
            if current is not None:
                yield number, current
            number, current = line_no, raw
    if current is not None:
        yield number, current


def _soft_break(line: str) -> bool:
    """A quoted-printable value ending in ``=`` goes on in the next line (vCard 2.1)."""
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head and line.endswith("=") and ":" in line


def _cards(lines: Iterator[tuple[int, str]]) -> Iterator[_Card | Skipped]:
    card: _Card | None = None
    depth = 0
    for number, line in lines:
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            depth += 1
            if card is None:
                card = _Card(number)
            continue
        if card is None:
            continue
        if word == "END:VCARD":
            depth -= 1
            if depth == 0:
                yield card
                card = None
            continue
        prop = _property(line) if depth == 1 else None
        if prop is not None:
            card.properties.append(prop)
    if card is not None:
        yield Skipped(card.line, "the card has no END:VCARD (the file may be cut short)")


def _property(line: str) -> _Property | None:
    """``group.NAME;PARAMS:value``; None for a line that is no property."""
    colon = _outside_quotes(line, ":")
    if colon is None:
        return None
    head, value = line[:colon], line[colon + 1 :]
    parts = _split_params(head)
    name = parts[0].rsplit(".", 1)[-1].strip().upper()
    if not name:
        return None
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, sep, val = part.partition("=")
        key, val = (key.strip().upper(), val) if sep else ("TYPE", key)
        params.setdefault(key, []).extend(v.strip().strip('"') for v in val.split(","))
    return _Property(name, params, value)


def _outside_quotes(text: str, char: str) -> int | None:
    quoted = False
    for i, c in enumerate(text):
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            return i
    return None


def _split_params(head: str) -> list[str]:
    parts, rest = [], head
    while (cut := _outside_quotes(rest, ";")) is not None:
        parts.append(rest[:cut])
        rest = rest[cut + 1 :]
    parts.append(rest)
    return parts


def _raw_text(prop: _Property) -> str | None:
    """The value decoded from its transfer encoding; None for binary (base64) values."""
    encoding = [e.upper() for e in prop.params.get("ENCODING", [])]
    types = [t.upper() for t in prop.params.get("TYPE", [])]
    if {"B", "BASE64"} & {*encoding, *types}:
        return None
    if "QUOTED-PRINTABLE" in encoding or "QUOTED-PRINTABLE" in types:
        raw = quopri.decodestring(prop.value.encode("utf-8", errors="replace"))
        return _decode_charset(raw, (prop.params.get("CHARSET") or ["utf-8"])[0])
    return prop.value


def _decode_charset(raw: bytes, charset: str) -> str:
    try:
        return raw.decode(charset.strip() or "utf-8", errors="replace")
    except (LookupError, ValueError):
        return raw.decode("utf-8", errors="replace")


def _components(value: str, sep: str = ";") -> list[str]:
    """A value split on unescaped ``sep``, each part unescaped."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for c in chars:
        if c == "\\":
            nxt = next(chars, "")
            current.append("\n" if nxt in ("n", "N") else nxt)
        elif c == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    parts.append("".join(current))
    return parts


def _text(prop: _Property) -> str:
    raw = _raw_text(prop)
    return "" if raw is None else ",".join(_components(raw, ","))


def _contact(card: _Card | Skipped, index: int) -> Contact | Skipped:
    if isinstance(card, Skipped):
        return card
    by_name: dict[str, list[_Property]] = {}
    for prop in card.properties:
        by_name.setdefault(prop.name, []).append(prop)
    name = _name(by_name)
    if not name:
        return Skipped(
            card.line,
            f"card {index} has no name (neither FN nor N); "
            "give the contact a name in your address book and export again",
        )
    linkedin, websites = split_websites(_urls(by_name))
    return Contact(
        line=card.line,
        name=name,
        emails=unique(_preferred_first(by_name.get("EMAIL", []))),
        phones=unique(_preferred_first(by_name.get("TEL", []))),
        organisation=_first_component(by_name.get("ORG")) or None,
        title=_first_text(by_name.get("TITLE")) or None,
        addresses=tuple(a for a in map(_address, by_name.get("ADR", [])) if a is not None),
        linkedin_url=linkedin,
        websites=websites,
        notes="\n".join(_text(p).strip() for p in by_name.get("NOTE", []) if _text(p).strip()),
        labels=unique(
            [clean(c) for p in by_name.get("CATEGORIES", []) for c in _components(_text(p), ",")]
        ),
    )


def _name(by_name: dict[str, list[_Property]]) -> str:
    full = _first_text(by_name.get("FN"))
    if full:
        return full
    for prop in by_name.get("N", []):
        raw = _raw_text(prop) or ""
        parts = [clean(p.replace("\n", " ")) for p in _components(raw)] + [""] * 5
        family, given, additional, prefix, suffix = parts[:5]
        name = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
        if name:
            return name
    return ""


def _first_text(props: list[_Property] | None) -> str:
    for prop in props or []:
        text = clean(_text(prop).replace("\n", " "))
        if text:
            return text
    return ""


def _first_component(props: list[_Property] | None) -> str:
    for prop in props or []:
        first = clean(_components(_raw_text(prop) or "")[0].replace("\n", " "))
        if first:
            return first
    return ""


def _preferred_first(props: list[_Property]) -> list[str]:
    ordered = sorted(props, key=lambda p: not p.has_type("pref"))
    values = (clean(_text(p)) for p in ordered)
    return [v.removeprefix("mailto:").removeprefix("tel:") for v in values if v]


def _urls(by_name: dict[str, list[_Property]]) -> list[str]:
    props = by_name.get("URL", []) + by_name.get("X-SOCIALPROFILE", [])
    # URLs are not text values: a comma in one is part of it, not a list separator.
    return [u for u in (clean(_raw_text(p) or "").replace("\\", "") for p in props) if u]


def _address(prop: _Property) -> PostalAddress | None:
    label = next(iter(prop.params.get("LABEL", [])), "")
    if label.strip():
        text = formatted(label.replace("\\n", "\n").replace("\\N", "\n"))
    else:
        parts = [*_components(_raw_text(prop) or ""), "", "", "", "", "", "", ""]
        po_box, extended, street, city, region, code, country = parts[:7]
        text = lay_out(
            street=street,
            extended=extended,
            po_box=po_box,
            city=city,
            region=region,
            postal_code=code,
            country=country,
        )
    if not text:
        return None
    kind = address_kind(" ".join(prop.params.get("TYPE", [])))
    return PostalAddress(text=text, kind=kind, preferred=prop.has_type("pref"))
