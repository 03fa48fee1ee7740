"""``/api/v1/export`` and ``/api/v1/restore``: the JSON backup, downloaded or restored.

The backup's format is documented in ``docs/export.md``. A restore takes the
file as the request body and fills an empty database (409 when it holds
records; 422 when the file is not a backup this nextround reads).
"""

from __future__ import annotations

from fastapi import Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from nextround.services import backup, exports
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape
from nextround.web.state import Ctx

router = api_router("exports")


class RestoredOut(Shape):
    counts: dict[str, int] = Field(description="Rows restored per table")
    version: int = Field(description="The backup format's version")
    schema_revision: str = Field(description="The schema the backup was taken at")


@router.get("/export", response_class=Response)
def export(ctx: Ctx) -> Response:
    """The whole database of the user as the versioned JSON backup."""
    return Response(exports.export_json(ctx).data, media_type="application/json")


@router.post("/restore")
async def restore(request: Request, ctx: Ctx) -> RestoredOut:
    """Rebuild an empty database from a backup sent as the body (all or nothing)."""
    data = await request.body()
    done = await run_in_threadpool(backup.restore, ctx, data, "the backup")
    return RestoredOut(
        counts=done.counts, version=done.version, schema_revision=done.schema_revision
    )
