"""Column mappings saved by name in the config directory and used again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nextround.domain.applications import Period, Salary, Status
from nextround.importers import mappings
from nextround.importers.contacts import ImportFailed
from nextround.importers.mappings import ColumnMapping, adjusted, guess
from nextround.importers.table import ApplicationRow, open_table
from nextround.importers.values import parse_day, parse_salary
from tests.importers.rows import csv_rows

HEADER = ["Employer", "Job Title", "Stage", "Applied On", "Link", "Notes"]
TEXT = ",".join(HEADER) + "\nAcme,Engineer,Phone call,2026-05-06,https://acme.example/j/1,\n"


def test_guess_from_header_words_never_from_parts_of_words() -> None:
    found = guess(HEADER)
    assert found.columns == {
        "company": "Employer",
        "role": "Job Title",
        "status": "Stage",
        "applied_on": "Applied On",
        "source_url": "Link",
        "notes": "Notes",
    }
    # "Company size" holds the word company but is not the company.
    assert "company" not in guess(["Company size", "Role"]).columns
    # One column fills one field: "Title" is the role, not also the contact's title.
    assert guess(["Company", "Title", "Contact Title"]).columns["role"] == "Title"


def test_save_and_reuse_by_name(tmp_path: Path) -> None:
    path = tmp_path / "config" / "import-mappings.toml"
    table = open_table(csv_rows(TEXT))
    mine = adjusted(
        table.mapping, table.header, statuses={"Phone call": "screening"}, date_order="dmy"
    )
    saved = mappings.save(path, mine, "old tracker")
    assert saved.name == "old tracker"
    mappings.save(path, ColumnMapping({"company": "Firma", "role": "Stelle"}), "german")
    assert mappings.saved_names(path) == ["german", "old tracker"]
    again = mappings.load(path, "old tracker")
    assert again == ColumnMapping(
        columns=mine.columns,
        statuses={"Phone call": Status.SCREENING},
        date_order="dmy",
        name="old tracker",
    )
    (row,) = open_table(csv_rows(TEXT), again).records()
    assert isinstance(row, ApplicationRow) and row.status is Status.SCREENING
    # Saving under the same name replaces that mapping only.
    mappings.save(path, ColumnMapping({"company": "Employer", "role": "Job Title"}), "old tracker")
    assert mappings.load(path, "old tracker").columns == {
        "company": "Employer",
        "role": "Job Title",
    }
    assert mappings.load(path, "german").columns == {"company": "Firma", "role": "Stelle"}


def test_saved_mapping_meets_a_file_without_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    mappings.save(path, ColumnMapping({"company": "Firma", "role": "Stelle"}), "german")
    with pytest.raises(
        ImportFailed, match=r"every column mapping 'german' names \('Firma', 'Stelle'\)"
    ):
        open_table(csv_rows(TEXT), mappings.load(path, "german"))


def test_unknown_or_broken_saved_mappings(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    with pytest.raises(ImportFailed, match=r"no saved mapping named 'x' \(saved: none yet\)"):
        mappings.load(path, "x")
    path.write_text('[mappings.bad]\ncompany = "A"\nsalery = "B"\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match="'salery' is not a field"):
        mappings.load(path, "bad")
    path.write_text(
        '[mappings.bad]\ncompany = "A"\n[mappings.bad.statuses]\nx = "maybe"\n', encoding="utf-8"
    )
    with pytest.raises(ImportFailed, match="unknown status 'maybe'"):
        mappings.load(path, "bad")
    path.write_text("[mappings\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="can't be read"):
        mappings.load(path, "bad")
    with pytest.raises(ImportFailed, match=r"mapping name '\.\./x' won't do"):
        mappings.save(path, ColumnMapping({}), "../x")


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2026-02-08", None, date(2026, 2, 8)),
        ("2026-02-08T09:30:00", None, date(2026, 2, 8)),
        ("08.02.2026", None, date(2026, 2, 8)),
        ("8 Feb 2026", None, date(2026, 2, 8)),
        ("Feb 8, 2026", None, date(2026, 2, 8)),
        ("February 8th, 2026", None, date(2026, 2, 8)),
        ("13/02/2026", None, date(2026, 2, 13)),
        ("02/13/2026", None, date(2026, 2, 13)),
        ("03/04/26", "dmy", date(2026, 4, 3)),
        ("03/04/26", "mdy", date(2026, 3, 4)),
        ("4/4/2026", None, date(2026, 4, 4)),
        ("", None, None),
    ],
)
def test_dates(text: str, order: str | None, expected: date | None) -> None:
    assert parse_day(text, order) == expected


@pytest.mark.parametrize("text", ["yesterday", "2026-02-30", "Smarch 3, 2026", "01.01.1850"])
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€60k-70k", Salary(60000, 70000, "EUR")),
        ("60-70k EUR", Salary(60000, 70000, "EUR")),
        ("85,000 EUR a year", Salary(85000, 85000, "EUR", Period.YEAR)),
        ("60.000 € p.a.", Salary(60000, 60000, "EUR", Period.YEAR)),
        ("$45/hr", Salary(45, 45, "USD", Period.HOUR)),
        ("$120,000 - $140,000 per year", Salary(120000, 140000, "USD", Period.YEAR)),
        ("3000 CHF/month", Salary(3000, 3000, "CHF", Period.MONTH)),
        ("negotiable", None),
        ("70k-60k", None),
        ("1-2-3", None),
    ],
)
def test_salaries(text: str, expected: Salary | None) -> None:
    assert parse_salary(text) == expected
