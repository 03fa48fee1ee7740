"""Imports stream: peak memory grows with the short report rows and the matching keys, not
with the file's records or the plan (see docs/imports.md, "Memory")."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.errors import ImportFailed
from nextround.services import imports
from nextround.services.context import Context
from tests.tables import fingerprint


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite alone: the bounds measure the service with SQLite (with PostgreSQL the
    driver keeps more a row: 5.7 KB a row traced at the import)."""
    return str(tmp_path / "nextround.db")


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def _connections(rows: int, start: int = 0) -> Iterator[str]:
    yield 'Notes:\r\n"Some e-mail addresses may be missing."\r\n\r\n' + HEADER
    for n in range(start, start + rows):
        email = f"person{n}@example.org" if n % 10 == 0 else ""
        yield (
            f"Vorname{n},Nachname-Müller{n},https://www.linkedin.com/in/person-{n},"
            f'{email},"Company {n % 500}, Inc.",Senior Engineer {n % 7},08 Feb 2026\r\n'
        )


def _write(path: Path, rows: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.writelines(_connections(rows, start))
    return path


def _peak(ctx: Context, path: Path, *, dry_run: bool) -> tuple[int, imports.ImportReport]:
    with path.open("rb") as data:
        tracemalloc.start()
        try:
            report = imports.import_file(ctx, "linkedin", data, name=path.name, dry_run=dry_run)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak, report


def test_a_dry_run_of_20000_rows_keeps_under_1200_bytes_a_row(ctx: Context, tmp_path: Path) -> None:
    # Holding each row's record and plan (as before streaming) took 2.4 KB a row here; now
    # the short report row and the matching keys take about 0.95 KB.
    path = _write(tmp_path / "Connections.csv", 20_000)
    peak, report = _peak(ctx, path, dry_run=True)
    assert report.counts == {"created": 20_000, "matched": 0, "updated": 0, "skipped": 0}
    assert (
        report.rows[-1].line == 20_004
        and report.rows[-1].name == "Vorname19999 Nachname-Müller19999"
    )
    assert peak < 20_000 * 1200, f"{peak / 1e6:.1f} MB traced"


def test_an_import_writes_as_it_reads_and_keeps_under_3_kb_a_row(
    ctx: Context, tmp_path: Path
) -> None:
    # The change to undo (storage.changes) notes every inserted row and writes them as one
    # JSON at the end: about 1.5 KB a row of the 2.6 KB measured. Holding the records and the
    # plan as well (as before streaming) took 3.6 KB or more.
    path = _write(tmp_path / "Connections.csv", 5_000)
    peak, report = _peak(ctx, path, dry_run=False)
    assert report.counts["created"] == 5_000 and report.change_id is not None
    assert peak < 5_000 * 3000, f"{peak / 1e6:.1f} MB traced"
    again, twice = _peak(ctx, path, dry_run=False)
    assert twice.counts == {"created": 0, "matched": 5_000, "updated": 0, "skipped": 0}
    assert twice.change_id is None
    assert again < 5_000 * 3000, f"{again / 1e6:.1f} MB traced"


def test_a_file_over_the_row_cap_is_refused_and_nothing_is_written(
    ctx: Context, tmp_path: Path
) -> None:
    # The same rule refuses a 200 MB Connections.csv (about 2,000,000 rows) at MAX_ROWS.
    assert imports.MAX_ROWS == 500_000
    before = fingerprint(ctx.db)
    path = _write(tmp_path / "Connections.csv", 101)
    for dry_run in (True, False):
        with path.open("rb") as data, pytest.raises(ImportFailed) as failed:
            imports.import_file(
                ctx, "linkedin", data, name=path.name, dry_run=dry_run, max_rows=100
            )
        assert failed.value.line == 105  # the 101st row: notes, a blank line and the header
        assert "more than 100 rows" in failed.value.message
        assert "split it into files of up to 100 rows" in failed.value.message
        assert "\n" not in failed.value.message
        assert fingerprint(ctx.db) == before
    with path.open("rb") as data:
        done = imports.import_file(ctx, "linkedin", data, name=path.name, max_rows=101)
    assert done.counts["created"] == 101
