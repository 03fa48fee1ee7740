"""Imports: a file read into records, a plan of what they would change, and the change.

One use case for every kind of file (:data:`~nextround.domain.imports.KINDS`):
:func:`import_file` reads the file with its importer (:data:`READERS`: one
function per kind, file in, records out), plans against the people already
stored (:func:`~nextround.domain.import_plan.iter_people`) and, unless it is a
dry run, writes the plan in one transaction, recorded as one change the user
can undo. Anything wrong (the file, one row, the database) raises before
anything is written or rolls everything back: the database is as it was.
Importing the same file twice changes nothing the second time.

A person with an open "send a LinkedIn invitation" step who shows up in
``Connections.csv`` is marked connected on the day LinkedIn gives, and the step
done; an outgoing invitation in ``Invitations.csv`` to such a person marks the
step done on the day it was sent.

Adding a kind: write ``importers/<kind>.py`` with a function
``read(data: BinaryIO, name: str) -> Iterable[Imported]`` and name it in
:data:`READERS`.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import BinaryIO

from nextround.domain.import_plan import iter_people
from nextround.domain.imports import KINDS, Imported, ImportedPerson, Outcome, PlannedRow, counts
from nextround.domain.tasks import TaskStatus
from nextround.errors import ImportFailed, InvalidInput
from nextround.services.context import Context, last_change, relabel
from nextround.services.duplicates import name_key
from nextround.services.import_offices import KIND as OFFICE
from nextround.services.import_offices import apply_offices, plan_offices
from nextround.services.playbook import reconcile_for_person
from nextround.storage import people, tasks
from nextround.storage.sql import Connection

#: A kind's importer: the file (binary, read once, front to back) and its name, to records.
Reader = Callable[[BinaryIO, str], Iterable[Imported]]
#: Where each kind's reader lives (imported when used: ``module:function``).
READERS: dict[str, str] = {
    "linkedin": "nextround.importers.linkedin:read",
    "google": "nextround.importers.google:read",
    "vcard": "nextround.importers.vcards:read",
}
#: Called as rows are written: (rows done, rows in all).
Progress = Callable[[int, int], None]
#: Most rows one import takes. Rows stream, but the report keeps a short row for each and
#: matching a key for each person made (about 1 KB a row): half a million rows is 17 times
#: LinkedIn's own cap of 30,000 connections and keeps an import under about 700 MB.
MAX_ROWS = 500_000
_PENDING = (TaskStatus.OPEN, TaskStatus.SNOOZED)
_LABELS = {"linkedin": "LinkedIn", "google": "Google Contacts", "vcard": "vCard", "csv": "CSV"}


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    kind: str
    file: str
    dry_run: bool
    rows: tuple[PlannedRow, ...]
    #: The change to undo it (``nextround undo``); None for a dry run or when nothing changed.
    change_id: int | None = None

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.rows)

    @property
    def changed(self) -> bool:
        return any(r.outcome in (Outcome.CREATED, Outcome.UPDATED) for r in self.rows)

    def summary(self) -> str:
        """``3 created, 1 matched, 2 updated, 0 skipped``."""
        return ", ".join(f"{n} {what}" for what, n in self.counts.items())

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "file": self.file,
            "dry_run": self.dry_run,
            "counts": self.counts,
            "change_id": self.change_id,
            "rows": [r.to_json() for r in self.rows],
        }


def reader(kind: str) -> Reader:
    """The importer of a kind of file; an unknown kind is an InvalidInput naming the known ones."""
    if kind not in READERS:
        known = ", ".join(k for k in KINDS if k in READERS)
        raise InvalidInput(f"can't import {kind!r} files; choose one of {known}", field="kind")
    module, function = READERS[kind].split(":")
    found: Reader = getattr(importlib.import_module(module), function)
    return found


def import_file(
    ctx: Context,
    kind: str,
    data: BinaryIO,
    *,
    name: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    max_rows: int = MAX_ROWS,
) -> ImportReport:
    """Read ``data`` (a file called ``name``) as ``kind``; plan, and write unless ``dry_run``.

    A file of more than ``max_rows`` rows is refused when its row after that is read,
    before the transaction commits: nothing is written."""
    with _no_cycle_collection():
        return _import(
            ctx, kind, data, name=name, dry_run=dry_run, progress=progress, max_rows=max_rows
        )


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: an import makes hundreds of thousands of small
    objects and no cycles, and the collector's passes over them cost a quarter of the time."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _import(
    ctx: Context,
    kind: str,
    data: BinaryIO,
    *,
    name: str,
    dry_run: bool,
    progress: Progress | None,
    max_rows: int,
) -> ImportReport:
    # Streamed: each record is planned (and, for real, written) as it is read; only the
    # report's short rows and the matching keys stay. See docs/imports.md, "Memory".
    offices: list[ImportedPerson] = []
    records = _noting_offices(reader(kind)(data, name), offices, max_rows)
    if dry_run:
        with ctx.db.read() as c:
            rows = tuple(_short(r) for r in _plan(c, ctx, records, offices, kind))
        return ImportReport(kind, name, True, rows)
    with ctx.change(f"Imported {name}") as c:
        rows = tuple(apply(c, ctx, _plan(c, ctx, records, offices, kind), progress))
        relabel(c, f"Imported {_LABELS.get(kind, kind)} file {name}")
    report = ImportReport(kind, name, False, rows)
    return report if not report.changed else _with_change(report, ctx)


def _with_change(report: ImportReport, ctx: Context) -> ImportReport:
    return ImportReport(report.kind, report.file, False, report.rows, last_change(ctx))


def _noting_offices(
    records: Iterable[Imported], into: list[ImportedPerson], max_rows: int
) -> Iterator[Imported]:
    """The records as they come, the few with a work address (for the offices) kept aside;
    one past ``max_rows`` an ImportFailed that says how to split the file."""
    for count, record in enumerate(records, 1):
        if count > max_rows:
            raise ImportFailed(
                f"the file has more than {max_rows:,} rows, the most one import takes; "
                f"split it into files of up to {max_rows:,} rows (each with the header line) "
                "and import them one after another",
                line=record.line,
            )
        if isinstance(record, ImportedPerson) and record.work_address:
            into.append(record)
        yield record


def _plan(
    c: Connection,
    ctx: Context,
    records: Iterable[Imported],
    offices: list[ImportedPerson],
    kind: str,
) -> Iterator[PlannedRow]:
    yield from iter_people(records, people.known(c, ctx.owner), name_key, source=kind)
    yield from plan_offices(c, ctx, offices)  # offices last: after their people


_NOTHING: Mapping[str, object] = MappingProxyType({})


def _short(row: PlannedRow) -> PlannedRow:
    """A planned row as the report keeps it: what was written left out (one empty mapping)."""
    return replace(row, values=_NOTHING, relationship=_NOTHING)


def apply(
    c: Connection, ctx: Context, planned: Iterable[PlannedRow], progress: Progress | None = None
) -> list[PlannedRow]:
    """Write a plan inside the caller's transaction, row by row as it comes: people made,
    gaps filled, steps done. The rows, as the report keeps them (:func:`_short`)."""
    moved: set[int] = set()
    done: list[PlannedRow] = []
    for row in planned:
        if row.kind == OFFICE:
            apply_offices(c, ctx, (row,))
        elif row.outcome is Outcome.CREATED:
            people.add(c, ctx.owner, row.values, row.relationship)
        elif row.outcome is Outcome.UPDATED and row.person_id is not None:
            _update(c, ctx, row, row.person_id)
            if row.step_done is not None:
                moved.add(row.person_id)
        done.append(_short(row))
        if progress is not None and len(done) % 500 == 0:
            progress(len(done), len(done))  # the reading's bar says how far the file is
    for person_id in sorted(moved):
        reconcile_for_person(c, ctx, person_id)
    if progress is not None:
        progress(len(done), len(done))
    return done


def _update(c: Connection, ctx: Context, row: PlannedRow, person_id: int) -> None:
    if row.values:
        people.update(c, ctx.owner, person_id, row.values)
    if row.relationship:
        people.update_relationship(c, ctx.owner, person_id, row.relationship)
    if row.step_done is not None:
        day = _not_after(row.step_day, ctx.today)
        tasks.change(
            c,
            ctx.owner,
            row.step_done,
            {"status": TaskStatus.DONE.value, "done_on": day},
            from_statuses=_PENDING,
        )


def _not_after(day: date | None, today: date) -> date:
    return today if day is None or day > today else day
