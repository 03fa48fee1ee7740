"""Google Contacts CSV ("Google CSV") read into :class:`~.contacts.Contact` records.

Two layouts, told apart by the header's content (see ``formats.md``):

- current: ``First Name, Middle Name, Last Name, ..., Organization Name,
  Organization Title, ..., Labels, E-mail 1 - Label, E-mail 1 - Value, ...``;
- legacy: ``Name, Given Name, Additional Name, Family Name, ..., Group
  Membership, E-mail 1 - Type, E-mail 1 - Value, ..., Organization 1 - Name,
  Organization 1 - Title``.

Numbered groups (``E-mail 2``, ``Phone 3``, ``Address 1``, ``Website 1``)
come in whatever count the data needs; their names are compared without case
and with ``E-mail`` and ``Email`` alike. One cell may hold several values
joined by `` ::: `` (the labels cell lines up with them); a ``* `` before a
label marks the primary value.

The rows come from the shared CSV reader as ``(line number, cells)``, so
that encodings, delimiters and caps are handled once for every importer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
from nextround.importers.csvfile import read_rows

#: How many lines may come before the header (Google writes none; a spreadsheet may add a title).
HEADER_SEARCH = 20
_GROUP = re.compile(r"^(?P<kind>[a-z ]+?) (?P<n>\d+) - (?P<part>[a-z ]+)$")
_JOIN = " ::: "
_OUTLOOK = {
    "email": re.compile(r"^email( \d+)? address$"),
    "phone": re.compile(r"^(mobile|business|home|primary|other|company main)( \d+)? phone$"),
}


@dataclass(frozen=True)
class _Layout:
    """Where each field sits in the header: plain columns and numbered groups."""

    columns: dict[str, int]
    groups: dict[tuple[str, int], dict[str, int]]
    legacy: bool


def key(header: str) -> str:
    """A header cell as compared: lower case, ``e-mail`` as ``email``, single spaces."""
    text = " ".join(header.replace("\ufeff", "").split()).casefold()
    return text.replace("e-mail", "email")


def find_layout(cells: list[str]) -> _Layout | None:
    """The layout a header row describes, or None for a row that is no Google header."""
    keys = [key(c) for c in cells]
    names = set(keys)
    current = {"first name", "last name"} <= names
    legacy = {"given name", "family name"} <= names or {"name", "group membership"} <= names
    if not (current or legacy):
        return None
    columns: dict[str, int] = {}
    groups: dict[tuple[str, int], dict[str, int]] = {}
    for index, name in enumerate(keys):
        match = _GROUP.match(name)
        if match:
            group = groups.setdefault((match["kind"], int(match["n"])), {})
            group.setdefault(match["part"], index)
        else:
            columns.setdefault(name, index)
    return _Layout(columns, groups, legacy=not current)


def read(data: BinaryIO, name: str) -> Iterator[ImportedPerson | Skipped]:
    """The import service's reader (``nextround import google``)."""
    return google_records(data)


def google_records(data: BinaryIO) -> Iterator[ImportedPerson | Skipped]:
    """Every contact of a Google Contacts CSV as an imported person, or a skip with its line."""
    _, rows = read_rows(data, is_header=lambda cells: find_layout(cells) is not None)
    for record in read_google(rows):
        yield record.imported() if isinstance(record, Contact) else record


def read_google(rows: Iterable[tuple[int, list[str]]]) -> Iterator[Contact | Skipped]:
    """Every contact of a Google Contacts CSV, as a contact or a skip with its line."""
    layout: _Layout | None = None
    for line, cells in rows:
        if layout is None:
            layout = find_layout(cells)
            if layout is None and line >= HEADER_SEARCH:
                break
            continue
        if not any(c.strip() for c in cells):
            continue
        yield _contact(layout, line, cells)
    if layout is None:
        raise ImportFailed(
            "this is not a Google Contacts CSV: no header with First Name and Last Name "
            "(or Name and Given Name) in its first lines; in Google Contacts choose "
            "Export, then Google CSV"
        )


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _column(layout: _Layout, cells: list[str], *names: str) -> str:
    for name in names:
        value = clean(_cell(cells, layout.columns.get(name)).replace("\n", " "))
        if value:
            return value
    return ""


def _contact(layout: _Layout, line: int, cells: list[str]) -> Contact | Skipped:
    name = _name(layout, cells)
    if not name:
        return Skipped(
            line,
            "the contact has no name (First Name, Last Name, Nickname or File As); "
            "give it one in Google Contacts or leave it out",
        )
    organisation, title = _organisation(layout, cells)
    linkedin, websites = split_websites(_values(layout, cells, "website"))
    return Contact(
        line=line,
        name=name,
        emails=unique(_values(layout, cells, "email")),
        phones=unique(_values(layout, cells, "phone")),
        organisation=organisation or None,
        title=title or None,
        addresses=tuple(_addresses(layout, cells)),
        linkedin_url=linkedin,
        websites=websites,
        notes=_cell(cells, layout.columns.get("notes")).strip(),
        labels=_labels(layout, cells),
    )


def _name(layout: _Layout, cells: list[str]) -> str:
    parts = ("name prefix", "first name", "middle name", "last name", "name suffix")
    if layout.legacy:
        parts = ("name prefix", "given name", "additional name", "family name", "name suffix")
        whole = _column(layout, cells, "name")
        if whole:
            return whole
    name = " ".join(p for p in (_column(layout, cells, part) for part in parts) if p)
    return name or _column(layout, cells, "nickname", "file as")


def _organisation(layout: _Layout, cells: list[str]) -> tuple[str, str]:
    organisation = _column(layout, cells, "organization name", "company")
    title = _column(layout, cells, "organization title", "job title")
    group = layout.groups.get(("organization", 1), {})
    if not organisation:
        organisation = _first(_cell(cells, group.get("name")))
    if not title:
        title = _first(_cell(cells, group.get("title")))
    return organisation, title


def _first(cell: str) -> str:
    return clean(cell.split(_JOIN, maxsplit=1)[0].replace("\n", " "))


def _numbered(layout: _Layout, kind: str) -> list[dict[str, int]]:
    return [layout.groups[k] for k in sorted(layout.groups) if k[0] == kind]


def _values(layout: _Layout, cells: list[str], kind: str) -> list[str]:
    """Every value of the numbered groups of one kind, the primary (``* ``) ones first."""
    found: list[tuple[bool, str]] = []
    for group in _numbered(layout, kind):
        values = _cell(cells, group.get("value")).split(_JOIN)
        labels = _cell(cells, group.get("label", group.get("type"))).split(_JOIN)
        for index, value in enumerate(values):
            label = labels[index] if index < len(labels) else ""
            found.append((label.strip().startswith("*"), clean(value.replace("\n", " "))))
    # Google's "Outlook CSV" export: "E-mail Address", "E-mail 2 Address", "Mobile Phone", ...
    plain = _OUTLOOK.get(kind)
    for name, index in layout.columns.items():
        if plain is not None and plain.match(name):
            found.append((False, clean(_cell(cells, index).replace("\n", " "))))
    return [value for _, value in sorted(found, key=lambda pair: not pair[0]) if value]


def _addresses(layout: _Layout, cells: list[str]) -> Iterator[PostalAddress]:
    for group in _numbered(layout, "address"):
        label = _cell(cells, group.get("label", group.get("type")))
        texts = _address_texts(group, cells)
        labels = label.split(_JOIN)
        for index, text in enumerate(texts):
            this = labels[index] if index < len(labels) else labels[-1]
            yield PostalAddress(
                text=text, kind=address_kind(this), preferred=this.strip().startswith("*")
            )


def _address_texts(group: dict[str, int], cells: list[str]) -> list[str]:
    """The group's addresses: the formatted ones, else laid out from their parts."""
    ready = [formatted(t) for t in _cell(cells, group.get("formatted")).split(_JOIN)]
    if any(ready):
        return [t for t in ready if t]
    parts = {
        name: _cell(cells, group.get(part)).split(_JOIN)
        for name, part in (
            ("street", "street"),
            ("extended", "extended address"),
            ("po_box", "po box"),
            ("city", "city"),
            ("region", "region"),
            ("postal_code", "postal code"),
            ("country", "country"),
        )
    }
    count = max(len(values) for values in parts.values())
    texts = (
        lay_out(**{name: values[i] if i < len(values) else "" for name, values in parts.items()})
        for i in range(count)
    )
    return [t for t in texts if t]


def _labels(layout: _Layout, cells: list[str]) -> tuple[str, ...]:
    cell = _cell(cells, layout.columns.get("labels", layout.columns.get("group membership")))
    words = (clean(w).removeprefix("* ").strip() for w in cell.split(_JOIN))
    return unique([w for w in words if w and w.replace(" ", "").casefold() != "mycontacts"])
