"""The application record as a PDF: a dated table of the applications sent in a period.

What unemployment offices ask for each month (Germany's "Bewerbungsnachweis"):
who applied, for which period, and per application the day, the company and
its address, the role, how, the contact and the outcome. A4 landscape; a long
record runs over several pages with the table's header repeated.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from nextround.domain.exports import COLUMNS, ApplicationRecord, cells
from nextround.renderers.cards import _weasyprint

TEMPLATES = Path(__file__).parent / "templates" / "record"


def record_pdf(record: ApplicationRecord) -> bytes:
    """The record typeset as a PDF (WeasyPrint, loaded only here)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    html = environment.get_template("record.html.j2").render(
        record=record,
        columns=COLUMNS,
        rows=[cells(line) for line in record.lines],
        address_lines=[a for a in record.address.splitlines() if a.strip()],
    )
    data: bytes = _weasyprint().HTML(string=html).write_pdf()
    return data
