"""Exports as CSV: one table per file, and the application record; cells safe for spreadsheets.

Files start with a UTF-8 byte-order mark (spreadsheets then read accents
right) and end lines with CRLF, as RFC 4180 has it. A text cell that a
spreadsheet would run as a formula gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from nextround.domain.exports import COLUMNS, ApplicationRecord, cells, spreadsheet_safe


def csv_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A header line, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(c) for c in columns])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return spreadsheet_safe(str(value))


def record_csv(record: ApplicationRecord) -> bytes:
    """The application record as CSV: one line per application."""
    return csv_table(COLUMNS, (cells(line) for line in record.lines))
