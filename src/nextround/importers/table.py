"""Another tracker's spreadsheet (CSV or XLSX) read into application rows through a mapping.

The header is found by its content (the first of the top lines naming two
or more fields, or every column of a saved mapping), never by its line
number. Each later row becomes an :class:`ApplicationRow`, or a
:class:`~.contacts.Skipped` with its line and the reason (no company or
role, a date that can't be read). Values are read leniently: dates in the
usual spellings (``2026-02-08``, ``08.02.2026``, ``8 Feb 2026``, ``Feb 8,
2026``, and ``02/08/2026`` once the day/month order is known), salaries like
``€60k-70k a year``; a salary that can't be read is kept in the notes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from nextround.domain.applications import PIPELINE, Salary, Status
from nextround.domain.imports import ImportedApplication, ImportedPerson
from nextround.importers.contacts import ImportFailed, Skipped, clean
from nextround.importers.csvfile import read_rows
from nextround.importers.mappings import ColumnMapping, guess, header_score, key
from nextround.importers.values import DateOrderUnknown, parse_day, parse_salary

#: How many lines may come before the header (a title, a blank line, notes).
HEADER_SEARCH = 30
#: An XLSX whose parts unpack to more than this is refused (a zip bomb, or no tracker).
XLSX_MAX_UNPACKED = 512 * 1024 * 1024


@dataclass(frozen=True)
class ApplicationRow:
    """One application as the spreadsheet gave it, with its line number."""

    line: int
    company: str
    role: str
    status_text: str = ""
    #: The status the mapping gives ``status_text``; None for a word it doesn't know.
    mapped_status: Status | None = None
    applied_on: date | None = None
    source_url: str | None = None
    salary: Salary | None = None
    #: The salary cell as written.
    salary_text: str = ""
    location: str | None = None
    notes: str = ""
    contact_name: str | None = None
    contact_email: str | None = None
    contact_title: str | None = None

    def imported(self) -> ImportedApplication:
        """The row as every importer hands it on; the status is nextround's own word."""
        contact = None
        if self.contact_name or self.contact_email:
            contact = ImportedPerson(
                line=self.line,
                name=self.contact_name or "",
                organisation=self.company,
                title=self.contact_title,
                emails=(self.contact_email,) if self.contact_email else (),
            )
        return ImportedApplication(
            line=self.line,
            company=self.company,
            role=self.role,
            status=self.status.value,
            applied_on=self.applied_on,
            source_url=self.source_url,
            location=self.location,
            salary=self.salary_text or None,
            notes=self.notes,
            contact=contact,
        )

    @property
    def status(self) -> Status:
        """The pipeline status: as mapped, else applied when dated, else saved."""
        if self.mapped_status is not None:
            return self.mapped_status
        return Status.APPLIED if self.applied_on else Status.SAVED


@dataclass(frozen=True)
class StatusCount:
    """One line of the status preview: a source word, where it goes, how many rows say it."""

    source: str
    status: Status
    count: int
    #: False when the word is unknown and the status was guessed from the row's date.
    known: bool


@dataclass
class Table:
    """A spreadsheet whose header is found; its rows are read once, by :meth:`records`."""

    header: list[str]
    header_line: int
    mapping: ColumnMapping
    _rows: Iterator[tuple[int, list[str]]]

    def with_mapping(self, mapping: ColumnMapping) -> Table:
        return replace(self, mapping=mapping)

    def records(self) -> Iterator[ApplicationRow | Skipped]:
        missing = self.mapping.missing()
        if missing:
            raise ImportFailed(
                f"no column for {' and '.join(missing)} in the header on line {self.header_line} "
                f"({_listing(self.header)}); name it with --column {missing[0]}=HEADER"
            )
        index = self._indexes()
        for line, cells in self._rows:
            if any(c.strip() for c in cells):
                yield _row(line, cells, index, self.mapping)

    def _indexes(self) -> dict[str, int]:
        by_key: dict[str, int] = {}
        for i, cell in enumerate(self.header):
            by_key.setdefault(key(cell), i)
        found: dict[str, int] = {}
        for name, column in self.mapping.columns.items():
            position = by_key.get(key(column))
            if position is None:
                what = f"mapping {self.mapping.name!r}" if self.mapping.name else "the mapping"
                raise ImportFailed(
                    f"{what} takes {name} from column {column!r}, which this file doesn't have "
                    f"({_listing(self.header)}); correct it with --column {name}=HEADER"
                )
            found[name] = position
        return found


def open_table(
    rows: Iterable[tuple[int, list[str]]],
    mapping: ColumnMapping | None = None,
    named: Iterable[str] = (),
) -> Table:
    """The table's header and mapping (``mapping`` as saved, else guessed from the header).

    The header is the first row holding every column of ``mapping``, else every
    column the user ``named``, else (neither given) naming two fields or more.
    """
    iterator = iter(rows)
    wanted = [c for c in named if c.strip()]
    first: list[str] | None = None
    for line, cells in iterator:
        if _is_header(cells, mapping, wanted):
            found = mapping or guess(cells)
            return Table(list(cells), line, found, iterator)
        if first is None and any(c.strip() for c in cells):
            first = cells
        if line >= HEADER_SEARCH:
            break
    if mapping is not None or wanted:
        columns = list(mapping.columns.values()) if mapping else wanted
        what = f"mapping {mapping.name!r}" if mapping else "--column"
        raise ImportFailed(
            f"no row in the first {HEADER_SEARCH} lines holds every column {what} names "
            f"({_listing(columns)}); check their spelling against the file's header"
        )
    raise ImportFailed(
        f"no header naming the company and the role in the first {HEADER_SEARCH} lines "
        f"(the first row reads {_listing(first or [])}); name the columns with "
        "--column company=HEADER --column role=HEADER"
    )


def _is_header(cells: list[str], mapping: ColumnMapping | None, named: list[str]) -> bool:
    if mapping is None and not named:
        return header_score(cells) >= 2
    keys = {key(c) for c in cells}
    columns = list(mapping.columns.values()) if mapping else named
    return all(key(column) in keys for column in columns)


def _listing(cells: list[str]) -> str:
    shown = [repr(c) for c in cells if c.strip()][:12]
    return ", ".join(shown) if shown else "empty"


def _row(
    line: int, cells: list[str], index: dict[str, int], mapping: ColumnMapping
) -> ApplicationRow | Skipped:
    def cell(name: str) -> str:
        position = index.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    company, role = clean(cell("company")), clean(cell("role"))
    if not company or not role:
        what = "company" if not company else "role"
        return Skipped(line, f"no {what} in this row; an application needs both")
    try:
        applied_on = parse_day(cell("applied_on"), mapping.date_order)
    except DateOrderUnknown as error:
        raise ImportFailed(
            f"line {line}: the date {error.text!r} could be day/month or month/day; "
            "say which with --date-order dmy or --date-order mdy"
        ) from None
    except ValueError:
        return Skipped(
            line,
            f"date {cell('applied_on')!r} is not a date nextround can read; "
            "write it as YYYY-MM-DD (or 8 Feb 2026)",
        )
    salary_text = cell("salary")
    salary = parse_salary(salary_text)
    notes = cell("notes")
    if salary_text and salary is None:
        notes = f"{notes}\nSalary: {salary_text}".strip()
    status_text = clean(cell("status"))
    return ApplicationRow(
        line=line,
        company=company,
        role=role,
        status_text=status_text,
        mapped_status=mapping.status_for(status_text) if status_text else None,
        applied_on=applied_on,
        source_url=clean(cell("source_url")) or None,
        salary=salary,
        salary_text=salary_text if salary else "",
        location=clean(cell("location")) or None,
        notes=notes,
        contact_name=clean(cell("contact_name")) or None,
        contact_email=clean(cell("contact_email")) or None,
        contact_title=clean(cell("contact_title")) or None,
    )


def status_preview(rows: Iterable[ApplicationRow | Skipped]) -> list[StatusCount]:
    """Each source status word, the status it becomes and how many rows say it; most first."""
    counts: Counter[tuple[str, Status, bool]] = Counter()
    spelled: dict[str, str] = {}
    for row in rows:
        if isinstance(row, ApplicationRow):
            word = spelled.setdefault(key(row.status_text), row.status_text)
            counts[(word, row.status, row.mapped_status is not None)] += 1
    ordered = sorted(
        counts.items(),
        key=lambda item: (-item[1], item[0][0].casefold(), PIPELINE.index(item[0][1])),
    )
    return [StatusCount(word, status, n, known) for (word, status, known), n in ordered]


def open_table_file(
    data: BinaryIO,
    filename: str,
    mapping: ColumnMapping | None = None,
    named: Iterable[str] = (),
) -> Table:
    """A tracker's CSV or XLSX file (told apart by its first bytes), header found, mapping guessed."""
    head = data.read(4)
    data.seek(0)
    wanted = [c for c in named if c.strip()]
    if head == b"PK\x03\x04":
        return open_table(xlsx_rows(data, filename), mapping, wanted)

    def is_header(cells: list[str]) -> bool:
        return _is_header(cells, mapping, wanted)

    _, rows = read_rows(data, is_header=is_header)
    return open_table(rows, mapping, wanted)


def xlsx_rows(source: Path | BinaryIO, filename: str = "") -> Iterator[tuple[int, list[str]]]:
    """The rows of a workbook's first sheet, streamed (read-only), each cell as text."""
    import openpyxl

    name = filename or (source.name if isinstance(source, Path) else "the workbook")
    _check_archive(source, name)
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl fails in many ways on a broken file; all mean the same
        raise _unreadable(name, error) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    except ImportFailed:
        raise
    except Exception as error:
        raise _unreadable(name, error) from None
    finally:
        workbook.close()


def _check_archive(source: Path | BinaryIO, name: str) -> None:
    """An XLSX is a zip: refuse one that unpacks to far more than a tracker holds."""
    import zipfile

    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _unreadable(name, error) from None
    if not isinstance(source, Path):
        source.seek(0)
    if unpacked > XLSX_MAX_UNPACKED:
        raise ImportFailed(
            f"{name} unpacks to {unpacked // 1_000_000} MB, more than a tracker holds "
            f"(at most {XLSX_MAX_UNPACKED // 1_000_000} MB); save it as CSV instead"
        )


def _unreadable(name: str, error: Exception) -> ImportFailed:
    return ImportFailed(
        f"{name} can't be read as an Excel workbook ({error.__class__.__name__}); "
        "open it in your spreadsheet and save it again as .xlsx, or as CSV"
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        # A datetime is a date too; a date cell holds no time worth keeping.
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
