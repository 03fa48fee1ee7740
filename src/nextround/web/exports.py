"""The Export page: the JSON backup, the people as vCards, the application record for a period.

Downloads are plain ``GET`` links (a browser saves them); the files are the
ones ``nextround export`` writes.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.dates import parse_date
from nextround.services import exports
from nextround.services.vcards import export_people
from nextround.web.pages import render
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

_TYPES = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def download(data: bytes, name: str, media_type: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(data, media_type=media_type, headers=headers)


@router.get("/export")
def export_page(request: Request, ctx: Ctx) -> Response:
    month_end = ctx.today.replace(day=1) - timedelta(days=1)
    context = {
        "title": "Export",
        "start": month_end.replace(day=1).isoformat(),
        "end": month_end.isoformat(),
    }
    return render(request, "exports.html", context)


@router.get("/export/nextround-export.json")
def backup_file(ctx: Ctx) -> Response:
    done = exports.export_json(ctx)
    name = f"nextround-export-{ctx.today.isoformat()}.json"
    return download(done.data, name, "application/json")


@router.get("/export/people.vcf")
def people_file(ctx: Ctx) -> Response:
    return download(export_people(ctx).data, "people.vcf", "text/vcard; charset=utf-8")


@router.get("/export/record.{kind}")
def record_file(kind: str, ctx: Ctx, start: str = "", end: str = "") -> Response:
    """``?start=YYYY-MM-DD&end=YYYY-MM-DD``: the applications sent in that period."""
    first = parse_date(start, what="the first day")
    last = parse_date(end, what="the last day")
    _record, data = exports.record_file(ctx, first, last, kind)
    name = f"application-record-{first.isoformat()}-to-{last.isoformat()}.{kind}"
    return download(data, name, _TYPES.get(kind, "application/octet-stream"))
