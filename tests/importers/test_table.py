"""Other trackers' spreadsheets: header by content, mapping guessed and corrected, statuses previewed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nextround.domain.applications import Period, Salary, Status
from nextround.importers.contacts import ImportFailed, Skipped
from nextround.importers.mappings import adjusted, guess, parse_pairs
from nextround.importers.table import (
    ApplicationRow,
    StatusCount,
    Table,
    open_table,
    open_table_file,
    status_preview,
    xlsx_rows,
)
from tests.importers.rows import FIXTURES, csv_rows


def test_semicolon_cp1252_tracker_with_a_title_line_before_the_header() -> None:
    with (FIXTURES / "tracker-semicolon-cp1252.csv").open("rb") as data:
        table = open_table_file(data, "tracker-semicolon-cp1252.csv")
        _check_tracker(table)


def _check_tracker(table: Table) -> None:
    assert table.header_line == 3
    assert table.mapping.columns == {
        "company": "Firma",
        "role": "Position",
        "status": "Status",
        "applied_on": "Beworben am",
        "source_url": "Link",
        "salary": "Gehalt",
        "location": "Ort",
        "notes": "Notizen",
        "contact_name": "Ansprechpartner",
        "contact_email": "Contact Email",
    }
    rows = list(table.records())
    mueller = rows[0]
    assert mueller == ApplicationRow(
        line=4,
        company="Müller & Söhne GmbH",
        role="Backend-Entwickler",
        status_text="Absage",
        mapped_status=Status.REJECTED,
        applied_on=date(2026, 11, 3),
        source_url="https://jobs.example/mueller/42",
        salary=Salary(60000, 60000, "EUR", Period.YEAR),
        salary_text="60.000 € p.a.",
        location="München",
        notes='Zwei Runden; nett, aber "zu senior"',
        contact_name="Jürgen Weiß",
        contact_email="juergen.weiss@mueller.example",
    )
    globex = next(r for r in rows if isinstance(r, ApplicationRow) and r.company == "Globex")
    assert globex.salary is None and globex.notes == "Salary: negotiable"
    assert globex.status is Status.SAVED
    assert Skipped(10, "no role in this row; an application needs both") in rows
    assert len(rows) == 6  # the row of only separators is no row


def test_status_preview_counts_and_flags_unknown_words() -> None:
    text = "Company,Role,Status,Applied\nA,R1,Phone screen,2026-01-02\nB,R2,phone  screen,\nC,R3,Rocket,2026-01-03\nD,R4,Rocket,\nE,R5,,\n"
    rows = list(open_table(csv_rows(text)).records())
    assert status_preview(rows) == [
        StatusCount("Phone screen", Status.SCREENING, 2, known=True),
        StatusCount("", Status.SAVED, 1, known=False),
        StatusCount("Rocket", Status.SAVED, 1, known=False),  # undated: saved
        StatusCount("Rocket", Status.APPLIED, 1, known=False),  # dated: applied
    ]
    mapping = adjusted(open_table(csv_rows(text)).mapping, [], statuses={"rocket": "offer"})
    rows = list(open_table(csv_rows(text), None).with_mapping(mapping).records())
    assert [r.status for r in rows if isinstance(r, ApplicationRow)][2:4] == [Status.OFFER] * 2


def test_mapping_corrected_by_the_user() -> None:
    text = "Employer Name,Job,Where,Applied\nAcme,Engineer,Berlin,2026-03-01\n"
    table = open_table(csv_rows(text))
    assert "company" not in table.mapping.columns
    with pytest.raises(ImportFailed, match=r"no column for company .* --column company=HEADER"):
        list(table.records())
    fixed = adjusted(
        table.mapping,
        table.header,
        columns=parse_pairs(("company=employer name", "location=Where"), ""),
    )
    (row,) = table.with_mapping(fixed).records()
    assert isinstance(row, ApplicationRow)
    assert (row.company, row.role, row.location) == ("Acme", "Engineer", "Berlin")


def test_corrections_that_name_nothing_are_refused() -> None:
    header = ["Company", "Role"]
    with pytest.raises(ImportFailed, match="no column 'Firm'"):
        adjusted(guess(header), header, columns={"company": "Firm"})
    with pytest.raises(ImportFailed, match="unknown field 'salery'"):
        adjusted(guess(header), header, columns={"salery": "Role"})
    with pytest.raises(ImportFailed, match="unknown status 'maybe'"):
        adjusted(guess(header), header, statuses={"x": "maybe"})
    with pytest.raises(ImportFailed, match="not a mapping pair"):
        parse_pairs(("company",), "a mapping pair")


def test_ambiguous_dates_need_the_order_and_bad_dates_skip_the_row() -> None:
    text = "Company,Role,Date Applied\nA,R,03/04/2026\nB,R,31/04/2026\nC,R,yesterday\n"
    with pytest.raises(ImportFailed, match=r"line 2: the date '03/04/2026' .* --date-order"):
        list(open_table(csv_rows(text)).records())
    table = open_table(csv_rows(text))
    rows = list(table.with_mapping(adjusted(table.mapping, [], date_order="dmy")).records())
    assert isinstance(rows[0], ApplicationRow) and rows[0].applied_on == date(2026, 4, 3)
    assert isinstance(rows[1], Skipped) and "'31/04/2026' is not a date" in rows[1].reason
    assert isinstance(rows[2], Skipped) and rows[2].line == 4


def test_no_header_in_the_top_lines() -> None:
    with pytest.raises(
        ImportFailed,
        match=r"no header naming the company and the role in the first 30 lines \(the first row reads 'x', 'y'\); name the columns with --column company=HEADER --column role=HEADER",
    ):
        open_table(csv_rows("x,y\n" * 40))
    with pytest.raises(ImportFailed, match="the first row reads empty"):
        open_table(csv_rows(""))


def test_the_header_holds_the_columns_the_user_named() -> None:
    text = "Who,Job\nAcme,Engineer\n"
    table = open_table(csv_rows(text), None, ["Who", ""])
    assert table.header_line == 1
    with pytest.raises(ImportFailed, match=r"every column --column names \('Whom'\)"):
        open_table(csv_rows(text), None, ["Whom"])


def test_xlsx_streamed_with_real_dates_and_numbers(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "tracker.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["My applications"])
    sheet.append([])
    sheet.append(["Company", "Job Title", "Stage", "Applied On", "Salary", "Contact", "Email"])
    sheet.append(
        [
            "Initech",
            "Analyst",
            "Onsite",
            date(2026, 9, 14),
            85000,
            "Léa Dupont",
            "lea@initech.example",
        ]
    )
    sheet.append(["Globex", "SRE", "Offer", None, 120000.0, None, None])
    book.save(path)
    table = open_table(xlsx_rows(path))
    assert table.header_line == 3
    initech, globex = table.records()
    assert isinstance(initech, ApplicationRow) and isinstance(globex, ApplicationRow)
    assert initech.applied_on == date(2026, 9, 14)
    assert initech.status is Status.INTERVIEWING
    assert initech.salary == Salary(85000, 85000, None, None)
    assert (initech.contact_name, initech.contact_email) == ("Léa Dupont", "lea@initech.example")
    assert globex.status is Status.OFFER and globex.salary == Salary(120000, 120000)
    with path.open("rb") as data:
        table = open_table_file(data, "tracker.xlsx")
        assert [r.line for r in table.records()] == [4, 5]


def test_rows_handed_on_as_imported_applications_with_their_contact() -> None:
    text = "Company,Role,Status,Salary,Contact,Contact Email,Contact Title\nAcme,Engineer,Rocket,€60k,Dana Smith,dana@acme.example,Recruiter\nInitech,Analyst,,,,,\n"
    acme, initech = open_table(csv_rows(text)).records()
    assert isinstance(acme, ApplicationRow) and isinstance(initech, ApplicationRow)
    imported = acme.imported()
    assert (imported.status, imported.salary) == ("saved", "€60k")
    assert imported.contact is not None
    assert imported.contact.name == "Dana Smith"
    assert imported.contact.organisation == "Acme"
    assert imported.contact.emails == ("dana@acme.example",)
    assert imported.contact.title == "Recruiter"
    assert initech.imported().contact is None


def test_a_broken_workbook_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportFailed, match="can't be read as an Excel workbook"):
        list(xlsx_rows(path))


def test_a_workbook_that_unpacks_to_too_much_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    from nextround.importers import table as table_module

    path = tmp_path / "big.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for n in range(200):
        sheet.append(["Company", "Role", "x" * 50, n])
    book.save(path)
    monkeypatch.setattr(table_module, "XLSX_MAX_UNPACKED", 10_000)
    with pytest.raises(ImportFailed, match=r"big\.xlsx unpacks to 0 MB, more than a tracker holds"):
        list(xlsx_rows(path))
