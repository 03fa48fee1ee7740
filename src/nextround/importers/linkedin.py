"""LinkedIn's data export: ``Connections.csv``, ``Invitations.csv``, or the whole ``.zip``.

``Connections.csv`` (see ``formats.md``), told apart by its header's content,
never by its line number:

- current layout: a few lines of notes, then ``First Name, Last Name, URL,
  Email Address, Company, Position, Connected On`` with days like
  ``08 Feb 2026``; sometimes a byte-order mark; the German header
  (``Vorname, Nachname, ..., Verbunden am``) is read too;
- older layout (about 2018): no notes, no URL column, and days like
  ``1/8/18, 6:14 PM``. LinkedIn writes them month first; a file whose days
  can only be read day first (``13/8/18``) is read that way, and one with both
  kinds is refused rather than guessed.

``Invitations.csv``: ``From, To, Sent At, Message, Direction,
inviterProfileUrl, inviteeProfileUrl``; ``Sent At`` in any of the forms above
or ISO (``2026-02-08 14:14:00 UTC``).

A row without a name (a member who left LinkedIn) or with only commas is
skipped with its line; a value that can't be read (a date in another format,
an email that isn't one) is left out and said so; extra columns are ignored.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import BinaryIO

from nextround.domain.imports import Imported, ImportedInvitation, ImportedPerson, SkippedRow
from nextround.importers import ImportFailed, archive
from nextround.importers.csvfile import Row, find_header, key, read_rows

#: How many lines may come before the header (LinkedIn writes three lines of notes).
HEADER_SEARCH = 30
CONNECTIONS, INVITATIONS = "Connections.csv", "Invitations.csv"
_COLUMNS: dict[str, tuple[str, ...]] = {
    "first": ("first name", "vorname", "prénom", "nombre"),
    "last": ("last name", "nachname", "nom", "apellidos"),
    "url": ("url", "profile url"),
    "email": ("email address", "e-mail-adresse", "e-mail address", "adresse e-mail"),
    "company": ("company", "unternehmen", "entreprise", "empresa"),
    "position": ("position", "poste", "cargo"),
    "connected": ("connected on", "verbunden am", "date de connexion", "conectado el"),
}
_INVITE_COLUMNS: dict[str, tuple[str, ...]] = {
    "from": ("from",),
    "to": ("to",),
    "sent": ("sent at",),
    "message": ("message",),
    "direction": ("direction",),
    "inviter": ("inviterprofileurl",),
    "invitee": ("inviteeprofileurl",),
}
_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s.*)?$")
_MONTH_NAMES: tuple[str, ...] = ("january", "february", "march", "april", "may", "june")
_MONTH_NAMES += ("july", "august", "september", "october", "november", "december")
_MONTHS = {name[:3]: n for n, name in enumerate(_MONTH_NAMES, 1)}
_FULL = frozenset(_MONTH_NAMES) | {"sept"}
_DAY_MONTH = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[A-Za-z]{3,9})\.? (?P<year>\d{4})$")
_MONTH_DAY = re.compile(r"^(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}),? (?P<year>\d{4})$")
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_FIRST_YEAR = 1990  # LinkedIn started in 2003; anything much earlier is a misread


def read(data: BinaryIO, name: str) -> Iterator[Imported]:
    """Every connection and invitation of a LinkedIn export (a zip or one of its CSV files)."""
    if archive.is_zip(data):
        yield from _read_zip(data)
    else:
        yield from read_csv(data)


def _read_zip(data: BinaryIO) -> Iterator[Imported]:
    with archive.members(data, (CONNECTIONS, INVITATIONS), what="a LinkedIn export") as found:
        if not found:
            raise ImportFailed(
                f"the zip holds neither {CONNECTIONS} nor {INVITATIONS}; is it LinkedIn's "
                "data export (Settings, Data privacy, Get a copy of your data)?"
            )
        for member in (CONNECTIONS, INVITATIONS):
            if member in found:
                try:
                    yield from read_csv(found[member], file=member)
                except (zlib.error, EOFError, OSError) as exc:
                    raise ImportFailed(f"{member} in the zip is damaged ({exc})") from None
                except ImportFailed as exc:
                    raise ImportFailed(f"{member}: {exc.message}") from None


def read_csv(data: BinaryIO, *, file: str = "") -> Iterator[Imported]:
    """``Connections.csv`` or ``Invitations.csv``, told apart by the header."""
    _, rows = read_rows(data, is_header=lambda cells: _kind(cells) is not None)
    line, header = find_header(
        rows,
        lambda cells: _kind(cells) is not None,
        within=HEADER_SEARCH,
        what=(
            "no LinkedIn header in the first lines: Connections.csv starts its table with "
            "First Name, Last Name, URL, ... Connected On and Invitations.csv with From, To, "
            "Sent At; give one of them, or the whole export zip"
        ),
    )
    if _kind(header) == INVITATIONS:
        yield from _invitations(line, header, rows, file)
    else:
        yield from _connections(line, header, rows, file)


def _kind(cells: list[str]) -> str | None:
    keys = {key(c) for c in cells}
    if {"from", "to", "direction"} <= keys:
        return INVITATIONS
    if any(k in keys for k in _COLUMNS["first"]) and any(k in keys for k in _COLUMNS["last"]):
        return CONNECTIONS
    return None


def _positions(
    header: list[str], columns: dict[str, tuple[str, ...]], needed: tuple[str, ...], line: int
) -> dict[str, int]:
    keys = [key(c) for c in header]
    found = {
        field: next(i for i, k in enumerate(keys) if k in names)
        for field, names in columns.items()
        if any(k in names for k in keys)
    }
    missing = [columns[f][0].title() for f in needed if f not in found]
    if missing:
        raise ImportFailed(
            f"the header has no {' or '.join(repr(m) for m in missing)} column; "
            "export the file from LinkedIn again rather than editing it",
            line=line,
        )
    return found


def _cells(cells: list[str], at: dict[str, int]) -> dict[str, str]:
    return {f: " ".join(cells[i].split()) if i < len(cells) else "" for f, i in at.items()}


def _connections(
    line: int, header: list[str], rows: Iterator[Row], file: str
) -> Iterator[Imported]:
    at = _positions(header, _COLUMNS, ("first", "last", "connected"), line)
    yield from _dated(_rows(at, rows, file, "connected", _connection), file)


def _rows(
    at: dict[str, int],
    rows: Iterator[Row],
    file: str,
    dated_by: str,
    record: Callable[[int, dict[str, str], str, date | str | None], Imported],
) -> Iterator[tuple[Imported, str]]:
    """Each row as a record, with the text of a day still to be read (else "")."""
    for number, cells in rows:
        if not cells:
            continue
        if not any(c.strip() for c in cells):
            yield SkippedRow(number, "the row has no values", file=file), ""
            continue
        values = _cells(cells, at)
        day, later = _now_or_later(values.get(dated_by, ""))
        yield record(number, values, file, day), later


def _now_or_later(text: str) -> tuple[date | str | None, str]:
    """A day read at once, or ``(None, text)`` for a slashed day whose order the file tells."""
    if _SLASHED.match(text.strip()):
        return None, text
    return (parse_day(text) or text if text else None), ""


def _unread(text: str) -> str:
    return f"the day {text!r} can't be read, so it was left out"


def _dated(found: Iterator[tuple[Imported, str]], file: str) -> Iterator[Imported]:
    """The records in the file's order, with their slashed days read once the file shows
    how it writes them: rows stream through until a slashed day comes, and from there wait
    only until a day that can be read one way alone (``13/8/18``) tells the order (or the
    file ends: month first, as LinkedIn writes them)."""
    order = _DayOrder(file)
    waiting: list[tuple[Imported, str]] = []
    for record, text in found:
        order.see(text)
        if order.day_first is None and (waiting or text):
            waiting.append((record, text))
            continue
        if waiting:
            yield from (order.finish(r, t) for r, t in waiting)
            waiting.clear()
        yield order.finish(record, text)
    yield from (order.finish(r, t) for r, t in waiting)


class _DayOrder:
    """Whether a file writes its slashed days day first, once one of them tells."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.day_first: bool | None = None

    def see(self, text: str) -> None:
        found = _SLASHED.match(text.strip()) if text else None
        if found is None:
            return
        one, two = int(found[1]), int(found[2])
        said = True if one > 12 >= two else False if two > 12 >= one else None
        if said is None:
            return
        if self.day_first is not None and said != self.day_first:
            raise ImportFailed(
                f"{self.file or 'the file'} has days written both month first and day first "
                "(like 1/13/18 and 13/1/18); export it from LinkedIn again"
            )
        self.day_first = said

    def finish(self, record: Imported, text: str) -> Imported:
        if isinstance(record, SkippedRow) or not text:
            return record
        day = parse_day(text, day_first=bool(self.day_first))
        if day is None and isinstance(record, ImportedPerson):
            return replace(record, note="; ".join(n for n in (record.note, _unread(text)) if n))
        if isinstance(record, ImportedPerson):
            return replace(record, connected_on=day)
        if isinstance(record, ImportedInvitation):
            return replace(record, sent_on=day)
        return record


def _connection(number: int, values: dict[str, str], file: str, day: date | str | None) -> Imported:
    """One connection; ``day`` is read already, or the text that can't be read."""
    name = " ".join(p for p in (values["first"], values["last"]) if p)
    if not name:
        return SkippedRow(
            number, "no name (a member who left LinkedIn or hides their profile)", file=file
        )
    notes = []
    email = values.get("email", "")
    if email and not _EMAIL.match(email):
        notes.append(f"{email!r} is not an email address, so it was left out")
        email = ""
    if isinstance(day, str):
        notes.append(_unread(day))
    return ImportedPerson(
        number,
        name,
        organisation=values.get("company") or None,
        title=values.get("position") or None,
        emails=(email,) if email else (),
        linkedin_url=_url(values.get("url", "")),
        connected_on=day if isinstance(day, date) else None,
        file=file,
        note="; ".join(notes),
    )


def _url(text: str) -> str | None:
    """A profile URL as given, when it is one (``https://www.linkedin.com/in/...``)."""
    text = text.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    if "://" not in text:
        text = "https://" + text
    return text if text.lower().startswith(("https://", "http://")) and len(text) <= 2000 else None


def _invitations(
    line: int, header: list[str], rows: Iterator[Row], file: str
) -> Iterator[Imported]:
    at = _positions(header, _INVITE_COLUMNS, ("from", "to", "direction"), line)
    yield from _dated(_rows(at, rows, file, "sent", _invitation), file)


def _invitation(
    number: int, values: dict[str, str], file: str, read: date | str | None
) -> Imported:
    day = read if isinstance(read, date) else None
    direction = values["direction"].upper()
    if direction not in ("OUTGOING", "INCOMING"):
        return SkippedRow(
            number,
            f"the direction {values['direction']!r} is neither OUTGOING nor INCOMING",
            file=file,
        )
    outgoing = direction == "OUTGOING"
    other = values["to"] if outgoing else values["from"]
    url = values.get("invitee" if outgoing else "inviter", "")
    return ImportedInvitation(
        number, other, _url(url), day, outgoing, values.get("message", ""), file=file
    )


def parse_day(text: str, *, day_first: bool = False) -> date | None:
    """``08 Feb 2026``, ``1/8/18, 6:14 PM``, ``2026-02-08 14:14:00 UTC``; None if unreadable."""
    text = " ".join(text.split())
    if not text:
        return None
    found: date | None = None
    if iso := _ISO.match(text):
        found = _try(iso[1], "%Y-%m-%d")
    elif slashed := _SLASHED.match(text):
        one, two, year = int(slashed[1]), int(slashed[2]), int(slashed[3])
        day, month = (one, two) if day_first else (two, one)
        year += 2000 if year < 100 else 0
        try:
            found = date(year, month, day)
        except ValueError:
            return None
    else:
        found = _worded(text)
    return found if found is not None and found.year >= _FIRST_YEAR else None


def _try(text: str, form: str) -> date | None:
    try:
        return datetime.strptime(text, form).date()  # noqa: DTZ007 - a day, no time zone
    except ValueError:
        return None


def _worded(text: str) -> date | None:
    """``08 Feb 2026`` or ``Feb 8, 2026`` (English month names, whatever the locale)."""
    found = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
    if found is None:
        return None
    month = _MONTHS.get(found["month"][:3].casefold())
    if month is None or (len(found["month"]) > 3 and found["month"].casefold() not in _FULL):
        return None
    try:
        return date(int(found["year"]), month, int(found["day"]))
    except ValueError:
        return None
