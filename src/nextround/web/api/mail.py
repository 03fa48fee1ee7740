"""``/api/v1/mail/scan`` and ``/api/v1/mail/upload``: mailbox scans in the background.

``POST /mail/scan`` starts reading the IMAP account set in Settings;
``POST /mail/upload`` takes an mbox or .eml file as the body
(``Content-Type: application/octet-stream``, ``?name=`` its name) and scans it,
deleting it after. Both answer 202 at once; ``GET /mail/scan`` says how far
the owner's latest scan got, and its summary once done. One scan runs per
owner at a time: a second start is a 409.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from typing import BinaryIO, cast

from fastapi import Query, Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from nextround.errors import InvalidInput, NotFound
from nextround.web import mail_scan
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape
from nextround.web.state import Ctx

router = api_router("mail", uploads=True)
_SPOOL = 8 * 1024 * 1024


class ScanOut(Shape):
    what: str = Field(description="the account (user on host) or the files read")
    state: str = Field(description="running, done or failed")
    read: int = Field(description="messages read so far")
    started: datetime
    finished: datetime | None
    summary: dict[str, int] = Field(
        description="once done: read, filed, to_review (filed less auto_confirmed), "
        "auto_confirmed, already_seen, not_job_mail, problems, skipped_old (mail in files "
        "sent before since)"
    )
    problems: list[str] = Field(description="once done: the first 50 problems, one line each")
    error: str = Field(description="why a failed scan stopped; '' otherwise")
    since: str | None = Field(
        description="mail sent before this day was not read (a month before the first "
        "application, as `mail scan`); null: everything"
    )


@router.get("/mail/scan")
def scan_status(request: Request, ctx: Ctx) -> ScanOut:
    """The latest scan this server ran for you: running, done or failed."""
    job = mail_scan.scans(request).latest(ctx.owner)
    if job is None:
        raise NotFound("No mail scan has run since the server started; start one first.")
    return ScanOut.model_validate(job.to_json())


@router.post("/mail/scan", status_code=202)
def start_scan(request: Request, ctx: Ctx) -> ScanOut:
    """Start reading the IMAP account set on the Settings page."""
    return ScanOut.model_validate(mail_scan.start_imap(request, ctx).to_json())


@router.post("/mail/upload", status_code=202)
async def upload(
    request: Request,
    ctx: Ctx,
    name: str = Query("upload.mbox", max_length=200, description="the file's name"),
) -> ScanOut:
    """Scan an mbox or .eml file sent as the body; it is deleted when the scan ends."""
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115 - closed below
    try:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > mail_scan.MAX_UPLOAD:
                raise InvalidInput(
                    f"The file is larger than {mail_scan.cap()}; scan it "
                    "with `nextround mail scan --mbox FILE` instead.",
                    field="file",
                )
            spool.write(chunk)
        spool.seek(0)
        job = await run_in_threadpool(
            mail_scan.start_upload, request, ctx, [(name, cast(BinaryIO, spool))]
        )
    finally:
        spool.close()
    return ScanOut.model_validate(job.to_json())
