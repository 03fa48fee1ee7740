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
from typing import BinaryIO

from fastapi import Query, Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from nextround.errors import InvalidInput
from nextround.services import imports
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


@router.post("/imports/{kind}")
async def import_file(
    kind: str,
    request: Request,
    ctx: Ctx,
    dry_run: bool = Query(False, description="plan only: nothing is written"),
    name: str = Query("upload", max_length=200, description="the file's name, for messages"),
) -> ImportOut:
    """Import a LinkedIn export (the .zip, Connections.csv or Invitations.csv) sent as the body."""
    imports.reader(kind)  # an unknown kind is refused before the body is read
    data = await _spooled(request)
    try:
        report = await run_in_threadpool(
            imports.import_file, ctx, kind, data, name=name, dry_run=dry_run
        )
    finally:
        data.close()
    return ImportOut.model_validate(report.to_json())


async def _spooled(request: Request) -> BinaryIO:
    """The body in a temporary file (memory up to a few MB), refused past :data:`MAX_BYTES`."""
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115 - closed by the caller
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            spool.close()
            raise InvalidInput(
                f"the file is larger than {MAX_BYTES // 1024**2} MB; import its CSV files one "
                "by one",
                field="file",
            )
        spool.write(chunk)
    spool.seek(0)
    return spool  # type: ignore[return-value]
