"""``POST /api/v1/imports/{kind}``: a file sent as the body, imported or only planned.

The body is the file itself (``Content-Type: text/csv``, ``application/zip``
or ``application/octet-stream``; an HTML form can send none of these, so the
write guard's reasoning holds), up to :data:`MAX_BYTES`. ``?dry_run=true``
plans without writing; ``?name=`` is the file's name as messages show it.
The answer is the report the CLI's ``--json`` prints; a file that can't be
imported is a 422 whose message names the line.
"""

from __future__ import annotations

import tempfile
from typing import Annotated, BinaryIO, Literal

from fastapi import Query, Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from nextround.errors import InvalidInput
from nextround.services import imports
from nextround.services.context import Context
from nextround.services.import_tables import TableOptions
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape
from nextround.web.state import Ctx

router = api_router("imports", uploads=True)

#: The largest file taken (a LinkedIn export is a few MB).
MAX_BYTES = 256 * 1024 * 1024
_SPOOL = 8 * 1024 * 1024


class ImportRowOut(Shape):
    file: str = Field(description="the file inside the zip; empty for the file itself")
    line: int
    kind: str = Field(description="person, invitation, application or row")
    outcome: str = Field(description="created, matched, updated or skipped")
    name: str
    reason: str
    person_id: int | None = None


class ImportOut(Shape):
    kind: str
    file: str
    dry_run: bool
    counts: dict[str, int] = Field(description="rows per outcome")
    change_id: int | None = Field(description="the change to undo; null if nothing changed")
    rows: list[ImportRowOut]


class MappingOut(Shape):
    name: str | None = Field(description="the saved mapping's name; null when guessed")
    columns: dict[str, str] = Field(description="field -> the header cell it is read from")
    date_order: str | None = Field(description="dmy or mdy, for dates like 03/04/2026")


class StatusOut(Shape):
    source: str = Field(description="the file's status word")
    status: str = Field(description="the nextround status it becomes")
    count: int
    known: bool = Field(description="false: an unknown word, the status guessed from the date")


class TableImportOut(ImportOut):
    """A tracker's CSV or XLSX: the report, the mapping it used and the status preview."""

    mapping: MappingOut
    statuses: list[StatusOut]
    saved_as: str | None = Field(description="the name the mapping was saved under, if asked")


@router.post("/imports/{kind}")
async def import_file(
    kind: str,
    request: Request,
    ctx: Ctx,
    dry_run: bool = Query(False, description="plan only: nothing is written"),
    name: str = Query("upload", max_length=200, description="the file's name, for messages"),
    mapping: str | None = Query(None, description="csv: use the column mapping saved as this"),
    column: Annotated[list[str] | None, Query(description="csv: FIELD=HEADER, repeatable")] = None,
    status: Annotated[list[str] | None, Query(description="csv: WORD=STATUS, repeatable")] = None,
    date_order: Literal["dmy", "mdy"] | None = Query(None, description="csv: dates' day order"),
    save_mapping: str | None = Query(None, description="csv: save the mapping under this name"),
) -> ImportOut | TableImportOut:
    """Import a file sent as the body: a LinkedIn export (the .zip, Connections.csv or
    Invitations.csv), a Google Contacts CSV, a vCard file, or a tracker's CSV or XLSX
    (``csv``; an XLSX goes as ``application/octet-stream``)."""
    if kind == "csv":
        options = TableOptions.from_pairs(
            mapping=mapping,
            columns=column or (),
            statuses=status or (),
            date_order=date_order,
            save_as=save_mapping,
        )
        return await _table(request, ctx, name, dry_run, options)
    imports.reader(kind)  # an unknown kind is refused before the body is read
    data = await _spooled(request)
    try:
        report = await run_in_threadpool(
            imports.import_file, ctx, kind, data, name=name, dry_run=dry_run
        )
    finally:
        data.close()
    return ImportOut.model_validate(report.to_json())


async def _table(
    request: Request, ctx: Context, name: str, dry_run: bool, options: TableOptions
) -> TableImportOut:
    from nextround.services.import_mapping import mappings_file
    from nextround.services.import_tables import import_table

    data = await _spooled(request)
    try:
        done = await run_in_threadpool(
            lambda: import_table(
                ctx,
                data,
                name=name,
                options=options,
                mappings_file=mappings_file(ctx),
                dry_run=dry_run,
            )
        )
    finally:
        data.close()
    return TableImportOut.model_validate(done.to_json())


async def _spooled(request: Request) -> BinaryIO:
    """The body in a temporary file (memory up to a few MB), refused past :data:`MAX_BYTES`."""
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115 - closed by the caller
    size = 0
    try:
        async for chunk in request.stream():  # past the body limit: BodyTooLarge, a 413
            size += len(chunk)
            if size > MAX_BYTES:
                raise InvalidInput(
                    f"the file is larger than {MAX_BYTES // 1024**2} MB; import its CSV files one "
                    "by one",
                    field="file",
                )
            spool.write(chunk)
    except BaseException:
        spool.close()  # whatever ended the reading: nothing of the file is kept
        raise
    spool.seek(0)
    return spool  # type: ignore[return-value]
