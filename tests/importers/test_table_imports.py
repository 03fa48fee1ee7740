"""A tracker's CSV or XLSX through the import service: companies, applications, contacts, once."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from nextround.domain.applications import Status
from nextround.domain.imports import Outcome
from nextround.importers import ImportFailed
from nextround.services.context import Context
from nextround.services.import_tables import TableImport, TableOptions, import_table, status_lines
from nextround.storage import applications, companies, people, tasks
from tests.importers.rows import FIXTURES

TRACKER = "tracker-semicolon-cp1252.csv"


def _import(
    ctx: Context, tmp_path: Path, name: str = TRACKER, *, dry_run: bool = False, **options: object
) -> TableImport:
    with (FIXTURES / name).open("rb") as data:
        return _run(ctx, tmp_path, data, name, dry_run=dry_run, **options)


def _run(
    ctx: Context,
    tmp_path: Path,
    data: io.BufferedIOBase | io.BytesIO,
    name: str,
    *,
    dry_run: bool = False,
    **options: object,
) -> TableImport:
    return import_table(
        ctx,
        data,  # type: ignore[arg-type]
        name=name,
        options=TableOptions(**options),  # type: ignore[arg-type]
        mappings_file=tmp_path / "import-mappings.toml",
        dry_run=dry_run,
    )


def _state(ctx: Context) -> tuple[list[str], list[tuple[str, str, str, date | None]]]:
    with ctx.db.read() as c:
        names = [n for _, n in companies.all_names(c, ctx.owner)]
        apps = sorted(
            (a.company, a.role, a.status.value, a.applied_on)
            for a in applications.list_all(c, ctx.owner)
        )
    return names, apps


def test_dry_run_shows_the_plan_the_mapping_and_the_statuses_and_writes_nothing(
    ctx: Context, tmp_path: Path
) -> None:
    found = _import(ctx, tmp_path, dry_run=True, save_as="old")
    assert found.report.dry_run
    assert found.report.counts == {"created": 8, "matched": 0, "updated": 0, "skipped": 1}
    assert found.mapping.columns["company"] == "Firma"
    assert next(status_lines(found.statuses)) == "'Absage' -> rejected (1 row)"
    assert _state(ctx) == ([], [])
    assert not (tmp_path / "import-mappings.toml").exists()  # saved only by a real run
    skipped = [r for r in found.report.rows if r.outcome is Outcome.SKIPPED]
    assert [(r.line, r.reason) for r in skipped] == [
        (10, "no role in this row; an application needs both")
    ]


def test_import_creates_companies_applications_and_contacts_once(
    ctx: Context, tmp_path: Path
) -> None:
    done = _import(ctx, tmp_path, save_as="old tracker")
    assert done.report.change_id is not None
    assert done.saved_as == "old tracker"
    names, apps = _state(ctx)
    assert names == ["Müller & Söhne GmbH", "Café Crème SARL", "Initech", "Globex", "Acme Robotics"]
    assert ("Müller & Söhne GmbH", "Backend-Entwickler", "rejected", date(2026, 11, 3)) in apps
    assert ("Globex", "Site Reliability Engineer", "saved", None) in apps
    with ctx.db.read() as c:
        known = {k.name: k for k in people.known(c, ctx.owner)}
        ids = {n: i for i, n in companies.all_names(c, ctx.owner)}
        assert known["Jürgen Weiß"].has_company
        assert known["Jürgen Weiß"].company == "Müller & Söhne GmbH"
        assert known["Léa Dupont"].email == "lea@initech.example"
        assert set(known) == {"Jürgen Weiß", "Léa Dupont", "Dana Smith"}
        (initech,) = applications.list_all(c, ctx.owner, company_id=ids["Initech"])
        assert initech.status is Status.APPLIED and initech.salary is None
        (mueller,) = applications.list_all(c, ctx.owner, company_id=ids["Müller & Söhne GmbH"])
        assert mueller.status is Status.REJECTED
        assert tasks.of_application(c, ctx.owner, mueller.id) == []  # no overdue follow-up
    again = _import(ctx, tmp_path, mapping="old tracker")
    assert again.report.counts == {"created": 0, "matched": 8, "updated": 0, "skipped": 1}
    assert again.report.change_id is None
    assert _state(ctx) == (names, apps)


def test_existing_company_and_person_are_matched_not_duplicated(
    ctx: Context, tmp_path: Path
) -> None:
    text = "Company,Role,Status,Contact,Email\nAcme Robotics Inc.,Engineer,Applied,Dana Smith,DANA@acme.example\nACME Robotics,Engineer,applied,,\n"
    first = _run(ctx, tmp_path, io.BytesIO(b"Company,Role\nAcme Robotics,Analyst\n"), "a.csv")
    assert first.report.counts["created"] == 1
    found = _run(ctx, tmp_path, io.BytesIO(text.encode()), "b.csv")
    rows = [(r.line, r.kind, r.outcome, r.reason) for r in found.report.rows]
    assert rows == [
        (2, "application", Outcome.CREATED, "new"),  # the company is Acme Robotics, already there
        (2, "person", Outcome.CREATED, "new"),
        (3, "application", Outcome.SKIPPED, "the same application as line 2"),
    ]
    assert _state(ctx)[0] == ["Acme Robotics"]


def test_a_bad_value_skips_its_row_with_the_reason(ctx: Context, tmp_path: Path) -> None:
    text = "Company,Role,Link,Date Applied\nAcme,Engineer,not a url,\nInitech,Analyst,,2099-01-01\n"
    found = _run(ctx, tmp_path, io.BytesIO(text.encode()), "c.csv")
    reasons = [(r.line, r.outcome, r.reason) for r in found.report.rows]
    assert reasons[0][:2] == (2, Outcome.SKIPPED) and "URL" in reasons[0][2]
    assert reasons[1][:2] == (3, Outcome.SKIPPED) and "applied date" in reasons[1][2]


def test_an_error_anywhere_imports_nothing(ctx: Context, tmp_path: Path) -> None:
    text = "Company,Role,Date Applied\nAcme,Engineer,2026-01-05\nInitech,Analyst,03/04/2026\n"
    with pytest.raises(ImportFailed, match=r"line 3: the date '03/04/2026' could be day/month"):
        _run(ctx, tmp_path, io.BytesIO(text.encode()), "d.csv")
    assert _state(ctx) == ([], [])
    done = _run(ctx, tmp_path, io.BytesIO(text.encode()), "d.csv", date_order="dmy")
    assert done.report.counts["created"] == 2
    with pytest.raises(ImportFailed, match="no saved mapping named 'nope'"):
        _run(ctx, tmp_path, io.BytesIO(text.encode()), "d.csv", mapping="nope")


def test_xlsx_with_corrected_columns_and_statuses(ctx: Context, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "tracker.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Who", "Job Title", "Where we are", "Applied"])
    sheet.append(["Initech", "Analyst", "Rocket", date(2026, 9, 14)])
    book.save(path)
    with path.open("rb") as data:
        done = _run(
            ctx,
            tmp_path,
            data,  # type: ignore[arg-type]
            "tracker.xlsx",
            columns={"company": "Who", "status": "Where we are"},
            statuses={"Rocket": "offer"},
            save_as="xl",
        )
    assert done.report.counts["created"] == 1
    assert _state(ctx)[1] == [("Initech", "Analyst", "offer", date(2026, 9, 14))]
    saved = (tmp_path / "import-mappings.toml").read_text(encoding="utf-8")
    assert 'company = "Who"' in saved and 'Rocket = "offer"' in saved


class _Stop(Exception):
    pass


def test_a_failure_while_writing_takes_everything_back(ctx: Context, tmp_path: Path) -> None:
    """The progress callback is called inside the transaction, once every row (9: 8 written, 1
    skipped) is through."""

    def stop(done: int, total: int) -> None:
        raise _Stop(f"{done} of {total}")

    with (FIXTURES / TRACKER).open("rb") as data, pytest.raises(_Stop, match=r"^9 of 9$"):
        import_table(
            ctx,
            data,
            name=TRACKER,
            options=TableOptions(),
            mappings_file=tmp_path / "m.toml",
            progress=stop,
        )
    assert _state(ctx) == ([], [])
    with ctx.db.read() as c:
        assert people.known(c, ctx.owner) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n\r\n", "the file is empty"),
        (b"Company,Role\n" + b"Acme,Engineer\n"[:0], None),
    ],
)
def test_empty_files(ctx: Context, tmp_path: Path, data: bytes, message: str | None) -> None:
    if message is None:
        done = _run(ctx, tmp_path, io.BytesIO(data), "e.csv")
        assert done.report.rows == ()
        return
    with pytest.raises(ImportFailed, match=message):
        _run(ctx, tmp_path, io.BytesIO(data), "e.csv")


def test_utf16_tab_separated_with_missing_and_extra_cells(ctx: Context, tmp_path: Path) -> None:
    text = "Company\tRole\tStatus\r\nAcme\tEngineer\r\nInitech\tAnalyst\tApplied\textra\tcells\r\n\t\t\r\n"
    done = _run(ctx, tmp_path, io.BytesIO(text.encode("utf-16")), "u.csv")
    assert [(r.line, r.outcome) for r in done.report.rows] == [
        (2, Outcome.CREATED),
        (3, Outcome.CREATED),
    ]
    assert _state(ctx)[1] == [
        ("Acme", "Engineer", "saved", None),
        ("Initech", "Analyst", "applied", None),
    ]


def test_a_status_moved_elsewhere_is_pointed_out_never_overwritten(
    ctx: Context, tmp_path: Path
) -> None:
    first = b"Company,Role,Status,Date Applied\nAcme,Engineer,Applied,2026-10-01\n"
    _run(ctx, tmp_path, io.BytesIO(first), "t.csv")
    later = b"Company,Role,Status,Date Applied\nAcme,Engineer,Onsite,2026-10-01\n"
    (row,) = _run(ctx, tmp_path, io.BytesIO(later), "t.csv").report.rows
    assert row.outcome is Outcome.MATCHED
    assert row.reason == (
        "already there (application 1); the file says interviewing, nextround applied: "
        "`nextround app status 1 interviewing`"
    )
    assert _state(ctx)[1] == [("Acme", "Engineer", "applied", date(2026, 10, 1))]
