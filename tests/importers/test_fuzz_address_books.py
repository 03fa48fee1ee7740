"""Address-book and tracker parsers fed mutated and arbitrary input: records or ImportFailed, nothing else."""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nextround.domain.imports import ImportedPerson
from nextround.importers.contacts import Contact, ImportFailed, Skipped
from nextround.importers.google import google_records, read_google
from nextround.importers.mappings import ColumnMapping
from nextround.importers.table import (
    ApplicationRow,
    open_table,
    open_table_file,
    status_preview,
    xlsx_rows,
)
from nextround.importers.values import parse_day, parse_salary
from nextround.importers.vcards import read_vcards
from tests.importers.rows import FIXTURES

#: ``NEXTROUND_FUZZ_EXAMPLES`` (as ``make fuzz`` sets it) runs a longer search.
FUZZ = settings(
    max_examples=int(os.environ.get("NEXTROUND_FUZZ_EXAMPLES", "0")) or 300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
VCARDS = [
    (FIXTURES / n).read_bytes()
    for n in ("contacts-2.1.vcf", "contacts-3.0.vcf", "contacts-4.0.vcf")
]
VCARD_WORDS = [
    b"BEGIN:VCARD", b"END:VCARD", b"\r\n", b"\n ", b"=\r\n", b":", b";", b"\\", b'"',
    b"ENCODING=QUOTED-PRINTABLE", b"CHARSET=", b"=C3", b"ADR;LABEL=", b"N:", b"FN:", b"item1.",
    b"TYPE=pref", b"ENCODING=b", b"\xff\xfe", b"\x00",
]  # fmt: skip
GOOGLE_HEADER = [
    "First Name", "Last Name", "Name", "Given Name", "Group Membership", "Organization Name",
    "E-mail 1 - Label", "E-mail 1 - Value", "Address 1 - Formatted", "Address 1 - Street",
    "Address 2 - City", "Organization 1 - Name", "Website 1 - Value", "Labels", "Phone 1 - Value",
]  # fmt: skip
cells = st.text(max_size=30) | st.sampled_from([" ::: ", "* Work", "", "\n", "linkedin.com/in/x"])
rows = st.lists(st.lists(cells, max_size=16), max_size=8)


def _mutate(data: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    for at, insert in cuts:
        position = at % (len(data) + 1)
        data = data[:position] + insert + data[position + len(insert) // 2 :]
    return data


@FUZZ
@given(
    st.sampled_from(VCARDS),
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(VCARD_WORDS) | st.binary(max_size=8)),
        max_size=8,
    ),
)
def test_vcards_mutated(sample: bytes, cuts: list[tuple[int, bytes]]) -> None:
    with contextlib.suppress(ImportFailed):
        for record in read_vcards(_mutate(sample, cuts)):
            assert isinstance(record, Contact | Skipped)
            assert not isinstance(record, Contact) or record.name.strip()


@FUZZ
@given(st.binary(max_size=400))
@example(b"BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=\nEND:VCARD")
@example(b"BEGIN:VCARD\nBEGIN:VCARD\nFN:x\nEND:VCARD")
def test_vcards_arbitrary(data: bytes) -> None:
    with contextlib.suppress(ImportFailed):
        for record in read_vcards(data):
            assert isinstance(record, Contact | Skipped)


@FUZZ
@given(st.lists(st.sampled_from(GOOGLE_HEADER) | st.text(max_size=12), max_size=15), rows)
def test_google_rows(header: list[str], body: list[list[str]]) -> None:
    numbered = enumerate([header, *body], start=1)
    with contextlib.suppress(ImportFailed):
        for record in read_google(numbered):
            assert isinstance(record, Contact | Skipped)
            assert not isinstance(record, Contact) or record.name


TABLE_HEADER = [
    "Company",
    "Role",
    "Status",
    "Date Applied",
    "Salary",
    "Link",
    "Contact",
    "Email",
    "Notes",
]
table_cells = st.text(max_size=20) | st.sampled_from(
    ["03/04/2026", "2026-13-01", "8 Feb 2026", "€60k-70k", "1e309", "9" * 40, "Rejected", ""]
)


@FUZZ
@given(
    st.lists(st.sampled_from(TABLE_HEADER) | st.text(max_size=10), max_size=10),
    st.lists(st.lists(table_cells, max_size=10), max_size=8),
    st.sampled_from([None, "dmy", "mdy"]),
)
def test_table_rows(header: list[str], body: list[list[str]], order: str | None) -> None:
    with contextlib.suppress(ImportFailed):
        table = open_table(enumerate([header, *body], start=1))
        table = table.with_mapping(ColumnMapping(table.mapping.columns, date_order=order))
        records = list(table.records())
        assert all(isinstance(r, ApplicationRow | Skipped) for r in records)
        status_preview(records)


@FUZZ
@given(st.text(max_size=40))
def test_dates_and_salaries(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_day(text, "dmy")
    salary = parse_salary(text)
    assert salary is None or (salary.minimum or 0) <= (salary.maximum or 0)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300), st.sampled_from(["xl/workbook.xml", "[Content_Types].xml", "x"]))
@example(b"", "[Content_Types].xml")  # found by this test: an XML parse error escaped openpyxl
def test_xlsx_arbitrary(tmp_path: Path, data: bytes, member: str) -> None:
    path = tmp_path / "fuzz.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, data)
    for content in (data, buffer.getvalue()):
        path.write_bytes(content)
        with contextlib.suppress(ImportFailed):
            list(xlsx_rows(path))


TRACKER_BYTES = (FIXTURES / "tracker-semicolon-cp1252.csv").read_bytes()
GOOGLE_BYTES = (FIXTURES / "google-current.csv").read_bytes()
CSV_WORDS = [
    b";",
    b",",
    b'"',
    b"\r\n",
    b"\n",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b" ::: ",
    b"PK\x03\x04",
]


@FUZZ
@given(
    st.sampled_from([TRACKER_BYTES, GOOGLE_BYTES]),
    st.lists(
        st.tuples(st.integers(0, 5_000), st.sampled_from(CSV_WORDS) | st.binary(max_size=6)),
        max_size=6,
    ),
)
def test_whole_files_through_the_csv_core(sample: bytes, cuts: list[tuple[int, bytes]]) -> None:
    data = _mutate(sample, cuts)
    with contextlib.suppress(ImportFailed):
        for record in google_records(io.BytesIO(data)):
            assert isinstance(record, ImportedPerson | Skipped)
    with contextlib.suppress(ImportFailed):
        table = open_table_file(io.BytesIO(data), "fuzz.csv")
        for row in table.records():
            assert isinstance(row, ApplicationRow | Skipped)
            if isinstance(row, ApplicationRow):
                row.imported()
