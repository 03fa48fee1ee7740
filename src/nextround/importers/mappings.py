"""Column mappings of other trackers' spreadsheets: guessed from the header, saved by name.

A :class:`ColumnMapping` says which column holds each field nextround knows
(``company``, ``role``, ``status``, ``applied_on``, ...), how the file's
status words map to nextround's pipeline, and in which order its dates put
day and month when a date like ``03/04/2026`` could be either.

Saved mappings live in one TOML file in the config directory
(``import-mappings.toml``), one table per name::

    [mappings.huntr]
    company = "Company"
    role = "Job Title"
    status = "Stage"
    applied_on = "Date Applied"
    date_order = "dmy"

    [mappings.huntr.statuses]
    "Phone screen" = "screening"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from nextround.domain.applications import Status
from nextround.importers.contacts import ImportFailed

#: Every field a column can fill, with the words a header may say for it (compared as keys).
FIELDS: dict[str, tuple[str, ...]] = {
    "company": (
        "company", "employer", "organisation", "organization", "company name", "firm",
        "firma", "unternehmen", "arbeitgeber",
    ),
    "role": (
        "role", "position", "job title", "title", "job", "job position", "position title",
        "role title", "job name", "stelle", "rolle",
    ),
    "status": ("status", "stage", "state", "application status", "pipeline stage", "outcome"),
    "applied_on": (
        "date applied", "applied on", "applied", "application date", "applied date",
        "date of application", "date", "submitted on", "date submitted", "beworben am",
        "bewerbungsdatum", "datum",
    ),
    "source_url": (
        "link", "url", "job link", "job url", "posting", "posting url", "job posting",
        "listing", "listing url",
    ),
    "salary": (
        "salary", "compensation", "pay", "salary range", "comp", "expected salary", "gehalt",
    ),
    "location": ("location", "city", "place", "office", "job location", "ort", "standort"),
    "notes": (
        "notes", "note", "comments", "comment", "remarks", "description", "notizen",
        "bemerkungen",
    ),
    "contact_name": (
        "contact", "contact name", "contact person", "recruiter", "recruiter name",
        "hiring manager", "referrer", "point of contact", "ansprechpartner",
    ),
    "contact_email": (
        "contact email", "email", "e-mail", "contact e-mail", "recruiter email",
        "email address",
    ),
    "contact_title": ("contact title", "contact role", "contact position"),
}  # fmt: skip
#: The fields an application can't do without.
REQUIRED = ("company", "role")
DATE_ORDERS = ("dmy", "mdy")

#: Status words of other trackers, compared as keys; anything else is guessed from the date.
STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(
        ("saved", "wishlist", "wish list", "bookmarked", "interested", "to apply", "not applied",
         "draft", "planned", "researching", "open", "new", "prospect", "idea"),
        Status.SAVED,
    ),
    **dict.fromkeys(
        ("applied", "submitted", "sent", "application sent", "in review", "under review",
         "pending", "waiting", "awaiting response", "application submitted", "beworben",
         "bewerbung gesendet", "bewerbung verschickt"),
        Status.APPLIED,
    ),
    **dict.fromkeys(
        ("screening", "screen", "phone screen", "phone call", "recruiter call", "hr call",
         "hr interview", "recruiter screen", "initial call", "intro call", "assessment",
         "coding test", "take home", "online assessment"),
        Status.SCREENING,
    ),
    **dict.fromkeys(
        ("interviewing", "interview", "interviews", "technical interview", "onsite", "on site",
         "final round", "final interview", "panel", "second round", "2nd interview",
         "first interview", "1st interview", "in progress", "vorstellungsgespräch",
         "gespräch"),
        Status.INTERVIEWING,
    ),
    **dict.fromkeys(
        ("offer", "offered", "offer received", "accepted", "hired", "signed", "angebot",
         "zusage"),
        Status.OFFER,
    ),
    **dict.fromkeys(
        ("rejected", "rejection", "declined", "not selected", "unsuccessful", "no", "denied",
         "turned down", "closed", "position filled", "no offer", "dead", "absage",
         "abgelehnt"),
        Status.REJECTED,
    ),
    **dict.fromkeys(
        ("withdrawn", "withdrew", "withdraw", "not interested", "cancelled", "canceled",
         "archived", "passed", "declined offer"),
        Status.WITHDRAWN,
    ),
    **dict.fromkeys(
        ("ghosted", "no response", "no reply", "no answer", "never heard back", "silence"),
        Status.GHOSTED,
    ),
}  # fmt: skip

_NAME = re.compile(r"^[\w][\w .-]{0,59}$")
_SPACES = re.compile(r"[\s_]+")


def key(text: str) -> str:
    """A header or status word as compared: lower case, no accents of punctuation, one space."""
    cleaned = re.sub(r"[^\w\s]", " ", text.replace("\ufeff", "").casefold())
    return _SPACES.sub(" ", cleaned).strip()


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds each field, how statuses map, and the file's date order."""

    columns: dict[str, str]
    statuses: dict[str, Status] = field(default_factory=dict)
    date_order: str | None = None
    name: str | None = None

    def status_for(self, text: str) -> Status | None:
        """The status a source word maps to: as the user said, else a known word; None if unknown."""
        wanted = key(text)
        for word, status in self.statuses.items():
            if key(word) == wanted:
                return status
        return STATUS_WORDS.get(wanted)

    def missing(self) -> tuple[str, ...]:
        return tuple(f for f in REQUIRED if f not in self.columns)


def guess(header: list[str]) -> ColumnMapping:
    """Each field's column, from the header's words; a column fills one field at most."""
    keys = {key(cell): cell for cell in header if cell.strip()}
    columns: dict[str, str] = {}
    taken: set[str] = set()
    for name, words in FIELDS.items():
        for word in words:
            cell = keys.get(word)
            if cell is not None and cell not in taken:
                columns[name] = cell
                taken.add(cell)
                break
    return ColumnMapping(columns=columns)


def header_score(cells: list[str]) -> int:
    """How many fields a row's cells name: a header names two or more."""
    return len(guess(cells).columns)


def adjusted(
    mapping: ColumnMapping,
    header: list[str],
    *,
    columns: dict[str, str] | None = None,
    statuses: dict[str, str] | None = None,
    date_order: str | None = None,
) -> ColumnMapping:
    """The mapping with the user's corrections (``FIELD=HEADER``, ``WORD=STATUS``), checked."""
    found = dict(mapping.columns)
    by_key = {key(cell): cell for cell in header}
    for name, column in (columns or {}).items():
        _check_field(name)
        if not column.strip():
            found.pop(name, None)
            continue
        cell = by_key.get(key(column))
        if cell is None:
            raise ImportFailed(
                f"no column {column!r} in the header; the columns are: "
                + ", ".join(repr(c) for c in header if c.strip())
            )
        found = {f: c for f, c in found.items() if c != cell}
        found[name] = cell
    words = dict(mapping.statuses)
    words.update({word: parse_status(status) for word, status in (statuses or {}).items()})
    order = date_order if date_order is not None else mapping.date_order
    if order is not None and order not in DATE_ORDERS:
        raise ImportFailed(f"unknown date order {order!r}; choose dmy or mdy")
    return replace(mapping, columns=found, statuses=words, date_order=order)


def _check_field(name: str) -> None:
    if name not in FIELDS:
        raise ImportFailed(f"unknown field {name!r}; the fields are: {', '.join(FIELDS)}")


def parse_status(text: str) -> Status:
    try:
        return Status(text.strip().casefold())
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise ImportFailed(f"unknown status {text!r}; choose one of: {names}") from None


def parse_pairs(values: tuple[str, ...], what: str) -> dict[str, str]:
    """``LEFT=RIGHT`` pairs as given on the command line."""
    pairs: dict[str, str] = {}
    for value in values:
        left, sep, right = value.partition("=")
        if not sep or not left.strip():
            raise ImportFailed(f"{value!r} is not {what}; write it as LEFT=RIGHT")
        pairs[left.strip()] = right.strip()
    return pairs


def check_name(name: str) -> str:
    if not _NAME.match(name.strip()):
        raise ImportFailed(
            f"mapping name {name!r} won't do; use up to 60 letters, digits, spaces, '.', '-' or '_'"
        )
    return name.strip()


def load(path: Path, name: str) -> ColumnMapping:
    """The mapping saved as ``name``."""
    saved = _read(path)
    table = saved.get(check_name(name))
    if not isinstance(table, dict):
        known = ", ".join(sorted(saved)) or "none yet"
        raise ImportFailed(
            f"no saved mapping named {name!r} (saved: {known}); "
            "save one with --save-mapping NAME on an import"
        )
    return _from_table(table, name, path)


def saved_names(path: Path) -> list[str]:
    return sorted(_read(path))


def save(path: Path, mapping: ColumnMapping, name: str) -> ColumnMapping:
    """Writes ``mapping`` under ``name`` (replacing one of that name); other mappings stay."""
    import tomlkit

    name = check_name(name)
    document = (
        tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    )
    tables = document.setdefault("mappings", tomlkit.table(is_super_table=True))
    table = tomlkit.table()
    for field_name, column in mapping.columns.items():
        table[field_name] = column
    if mapping.date_order:
        table["date_order"] = mapping.date_order
    if mapping.statuses:
        statuses = tomlkit.table()
        for word, status in mapping.statuses.items():
            statuses[word] = status.value
        table["statuses"] = statuses
    tables[name] = table
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return replace(mapping, name=name)


def _read(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ImportFailed(f"the saved mappings in {path} can't be read: {error}") from None
    tables = raw.get("mappings", {})
    if not isinstance(tables, dict):
        raise ImportFailed(f"the saved mappings in {path}: 'mappings' must be a table")
    return tables


def _from_table(table: dict[str, object], name: str, path: Path) -> ColumnMapping:
    columns: dict[str, str] = {}
    for field_name, value in table.items():
        if field_name in ("statuses", "date_order"):
            continue
        if field_name not in FIELDS or not isinstance(value, str):
            raise ImportFailed(
                f"saved mapping {name!r} in {path}: {field_name!r} is not a field "
                f"holding a column name; the fields are: {', '.join(FIELDS)}"
            )
        columns[field_name] = value
    raw_statuses = table.get("statuses", {})
    if not isinstance(raw_statuses, dict):
        raise ImportFailed(f"saved mapping {name!r} in {path}: 'statuses' must be a table")
    statuses = {str(word): parse_status(str(status)) for word, status in raw_statuses.items()}
    order = table.get("date_order")
    if order is not None and order not in DATE_ORDERS:
        raise ImportFailed(f"saved mapping {name!r} in {path}: date_order must be dmy or mdy")
    return ColumnMapping(
        columns=columns, statuses=statuses, date_order=str(order) if order else None, name=name
    )
