"""Another tracker's spreadsheet imported: its applications, their companies and contacts.

The mapping comes from a saved one (``mapping``), else from the header
(guessed), with the user's corrections on top (``columns``, ``statuses``,
``date_order``); the report shows it with the status preview, so that the
user confirms what a real run will do. A real run may save the mapping by
name for the next import.

Each row is planned like any import row (created / matched / skipped, with
its line):

- the company is matched by its normalised name (``Acme Robotics, Inc.`` is
  ``Acme Robotics``) or created: this is where a company record is made;
- the application is matched when one at that company has the same role (any
  case, spacing) and the same date applied, or none on either side; a row
  repeating an earlier one of the file is skipped;
- the row's contact is planned as a person (matched by the core's rules)
  and made a person at that company.

Imported applications keep their status and date, but a rejection imported
from the past plans no follow-up steps (``nextround reject ID`` plans them).
Everything is written in one transaction, recorded as one change to undo.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import normal_name
from nextround.domain.import_plan import plan_people
from nextround.domain.imports import (
    ImportedApplication,
    ImportedPerson,
    Outcome,
    PlannedRow,
    SkippedRow,
    fold,
)
from nextround.errors import InvalidInput
from nextround.importers import mappings
from nextround.importers.mappings import ColumnMapping
from nextround.importers.table import ApplicationRow, StatusCount, Table, open_table_file
from nextround.importers.table import status_preview as preview
from nextround.importers.values import parse_salary
from nextround.services.context import Context, last_change, relabel
from nextround.services.duplicates import name_key
from nextround.services.imports import ImportReport, Progress, apply
from nextround.storage import applications, companies, people
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class TableOptions:
    """How to read the table: a saved mapping, the user's corrections, a name to save it as."""

    mapping: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    date_order: str | None = None
    save_as: str | None = None

    @classmethod
    def from_pairs(
        cls,
        *,
        mapping: str | None = None,
        columns: Iterable[str] = (),
        statuses: Iterable[str] = (),
        date_order: str | None = None,
        save_as: str | None = None,
    ) -> TableOptions:
        """Options as the command line gives them: ``FIELD=HEADER`` and ``WORD=STATUS`` pairs."""
        return cls(
            mapping=mapping,
            columns=mappings.parse_pairs(tuple(columns), "a column for a field (FIELD=HEADER)"),
            statuses=mappings.parse_pairs(tuple(statuses), "a status for a word (WORD=STATUS)"),
            date_order=date_order,
            save_as=save_as,
        )


@dataclass(frozen=True)
class TableImport:
    """The import's report, and the mapping and status preview it used."""

    report: ImportReport
    header: tuple[str, ...]
    mapping: ColumnMapping
    statuses: tuple[StatusCount, ...]
    saved_as: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            **self.report.to_json(),
            "mapping": {
                "name": self.mapping.name,
                "columns": self.mapping.columns,
                "date_order": self.mapping.date_order,
            },
            "statuses": [
                {"source": s.source, "status": s.status.value, "count": s.count, "known": s.known}
                for s in self.statuses
            ],
            "saved_as": self.saved_as,
        }


def import_table(
    ctx: Context,
    data: BinaryIO,
    *,
    name: str,
    options: TableOptions,
    mappings_file: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> TableImport:
    """Read a tracker's CSV or XLSX, plan it, and (unless ``dry_run``) write it in one go."""
    saved = mappings.load(mappings_file, options.mapping) if options.mapping else None
    table = open_table_file(data, name, saved, options.columns.values())
    table = table.with_mapping(_corrected(table, options))
    rows = list(table.records())
    records = [r.imported() if isinstance(r, ApplicationRow) else r for r in rows]
    statuses = tuple(preview(rows))
    if dry_run:
        with ctx.db.read() as c:
            planned = _plan(c, ctx, records)
        report = ImportReport("csv", name, True, tuple(r for r, _ in planned))
        return TableImport(report, tuple(table.header), table.mapping, statuses)
    with ctx.change(f"Imported {name}") as c:
        planned = _plan(c, ctx, records)
        _apply(c, ctx, planned, progress)
        relabel(c, f"Imported the tracker file {name}")
    report = ImportReport("csv", name, False, tuple(r for r, _ in planned))
    if report.changed:
        report = replace(report, change_id=last_change(ctx))
    mapping, saved_as = table.mapping, None
    if options.save_as:
        mapping = mappings.save(mappings_file, table.mapping, options.save_as)
        saved_as = mapping.name
    return TableImport(report, tuple(table.header), mapping, statuses, saved_as)


def _corrected(table: Table, options: TableOptions) -> ColumnMapping:
    return mappings.adjusted(
        table.mapping,
        table.header,
        columns=options.columns,
        statuses=options.statuses,
        date_order=options.date_order,
    )


#: Applications by (company, role) as compared: their date applied and a stored id (negative)
#: or the line of the row that planned them.
Seen = dict[tuple[str, str], list[tuple[date | None, int]]]
#: A planned row and the company its application or contact belongs to (by normalised name).
Planned = tuple[PlannedRow, str | None]


def _plan(c: Connection, ctx: Context, records: Iterable[object]) -> list[Planned]:
    stored = {normal_name(n): i for i, n in companies.all_names(c, ctx.owner)}
    seen: Seen = {}
    statuses: dict[int, str] = {}
    for app in applications.list_all(c, ctx.owner):
        seen.setdefault((normal_name(app.company), fold(app.role)), []).append(
            (app.applied_on, -app.id)
        )
        statuses[app.id] = app.status.value
    planned: list[Planned] = []
    contacts: list[ImportedPerson] = []
    new_companies: set[str] = set()
    for record in records:
        if isinstance(record, SkippedRow):
            planned.append(
                (PlannedRow(record.line, "row", Outcome.SKIPPED, "", record.reason), None)
            )
        elif isinstance(record, ImportedApplication):
            row = _application(record, ctx.today, stored, (seen, statuses), new_companies)
            planned.append((row, normal_name(record.company)))
            if record.contact is not None and row.outcome is not Outcome.SKIPPED:
                contacts.append(record.contact)
    people_rows = plan_people(contacts, people.known(c, ctx.owner), name_key, source="csv")
    # A contact's row is its application's: the line says at which company.
    company_at = {p.line: normal_name(p.organisation or "") for p in contacts}
    planned.extend((row, company_at.get(row.line)) for row in people_rows)
    return sorted(planned, key=lambda p: (p[0].line, p[0].kind != "application"))


def _application(
    record: ImportedApplication,
    today: date,
    stored: dict[str, int],
    known: tuple[Seen, dict[int, str]],
    new_companies: set[str],
) -> PlannedRow:
    seen, statuses = known
    label = f"{record.role} at {record.company}"
    try:
        values = _values(record, today)
    except InvalidInput as error:
        return PlannedRow(record.line, "application", Outcome.SKIPPED, label, error.message)
    key = (normal_name(record.company), fold(record.role))
    company = key[0]
    same = _same(seen.get(key, []), record.applied_on)
    if same is not None and same < 0:
        reason = f"already there (application {-same})"
        here, there = str(values["status"]), statuses.get(-same)
        if there and here != there:
            # Imports fill, never overwrite: a move along the pipeline is the user's to make.
            reason += (
                f"; the file says {here}, nextround {there}: `nextround app status {-same} {here}`"
            )
        return PlannedRow(record.line, "application", Outcome.MATCHED, label, reason)
    if same is not None:
        reason = f"the same application as line {same}"
        return PlannedRow(record.line, "application", Outcome.SKIPPED, label, reason)
    seen.setdefault(key, []).append((record.applied_on, record.line))
    reason = "new"
    if company not in stored and company not in new_companies:
        new_companies.add(company)
        reason = f"new, with the new company {record.company}"
    return PlannedRow(
        record.line,
        "application",
        Outcome.CREATED,
        label,
        reason,
        values={**values, "company": record.company},
    )


def _same(earlier: list[tuple[date | None, int]], day: date | None) -> int | None:
    """The stored (negative id) or earlier-row (line) application this one repeats: the same
    date applied, or no date on one side."""
    for other_day, marker in earlier:
        if other_day == day or other_day is None or day is None:
            return marker
    return None


def _values(record: ImportedApplication, today: date) -> dict[str, object]:
    """The application's columns, through the same rules as one typed in."""
    salary = parse_salary(record.salary or "")
    status = Status(record.status) if record.status else Status.SAVED
    checked = NewApplication(
        role=record.role,
        new_company=record.company,
        applied_on=record.applied_on,
        source_url=record.source_url,
        notes=record.notes,
        location=record.location,
        salary_min=salary.minimum if salary else None,
        salary_max=salary.maximum if salary else None,
        salary_currency=salary.currency if salary else None,
        salary_period=salary.period if salary else None,
    ).checked(today)
    return {
        "role": checked.role,
        "status": status.value,
        "applied_on": checked.applied_on,
        "source_url": checked.source_url,
        "notes": checked.notes,
        "location": checked.location,
        "salary_min": checked.salary_min,
        "salary_max": checked.salary_max,
        "salary_currency": checked.salary_currency,
        "salary_period": getattr(checked.salary_period, "value", checked.salary_period),
    }


def _apply(c: Connection, ctx: Context, planned: list[Planned], progress: Progress | None) -> None:
    company_ids = {normal_name(n): i for i, n in companies.all_names(c, ctx.owner)}
    contacts: list[PlannedRow] = []
    for done, (row, company) in enumerate(planned, 1):
        if row.kind == "application" and row.outcome is Outcome.CREATED:
            _add_application(c, ctx, row, company_ids)
        elif row.kind == "person":
            contacts.append(_at_company(row, company_ids.get(company or "")))
        if progress is not None and done % 500 == 0:
            progress(done, len(planned))
    apply(c, ctx, contacts)
    if progress is not None:
        progress(len(planned), len(planned))


def _add_application(
    c: Connection, ctx: Context, row: PlannedRow, company_ids: dict[str, int]
) -> None:
    values = dict(row.values)
    name = str(values.pop("company"))
    key = normal_name(name)
    if key not in company_ids:
        company_ids[key] = companies.add(c, ctx.owner, {"name": name})
    status = Status(str(values["status"]))
    app_id = applications.add(c, ctx.owner, {**values, "company_id": company_ids[key]})
    if status is not Status.SAVED:
        day = values.get("applied_on")
        applications.add_event(
            c, ctx.owner, app_id, day if isinstance(day, date) else ctx.today, status, None
        )


def _at_company(row: PlannedRow, company_id: int | None) -> PlannedRow:
    """A contact made a person at the application's company."""
    if row.outcome is Outcome.CREATED and company_id is not None:
        return replace(row, values={**row.values, "company_id": company_id})
    return row


def status_lines(found: Iterable[StatusCount]) -> Iterator[str]:
    """The status preview as lines: ``Phone screen -> screening (2 rows)``."""
    for s in found:
        rows = f"{s.count} row{'s' if s.count != 1 else ''}"
        if not s.source:
            yield f"(no status) -> {s.status.value} ({rows}: applied when dated, else saved)"
        elif s.known:
            yield f"{s.source!r} -> {s.status.value} ({rows})"
        else:
            yield (
                f"{s.source!r} -> {s.status.value} ({rows}, guessed from the date: "
                "name it with --status WORD=STATUS)"
            )
