"""``/api/v1/export`` and ``/api/v1/restore``: the JSON backup, downloaded or restored.

The backup's format is documented in ``docs/export.md``. A restore takes the
file as the request body and fills an empty database (409 when it holds
records; 422 when the file is not a backup this nextround reads).
"""

from __future__ import annotations

from fastapi import Query, Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from nextround.services import backup, exports, settings_backup
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape
from nextround.web.state import Ctx, web_state

router = api_router("exports")


class RestoredOut(Shape):
    counts: dict[str, int] = Field(description="Rows restored per table")
    version: int = Field(description="The backup format's version")
    schema_revision: str = Field(description="The schema the backup was taken at")
    settings_changed: list[str] = Field(
        default=[], description="Settings written into config.toml, as section.key"
    )
    settings_skipped: list[str] = Field(
        default=[], description="Settings in the backup this nextround doesn't know"
    )
    settings_kept: list[str] = Field(
        default=[], description="The server's own settings left where the backup has the default"
    )
    settings_problem: str | None = Field(
        default=None, description="Why the settings could not be written, if they could not"
    )


@router.get("/export", response_class=Response)
def export(ctx: Ctx) -> Response:
    """The whole database of the user as the versioned JSON backup."""
    return Response(exports.export_json(ctx).data, media_type="application/json")


@router.post("/restore")
async def restore(
    request: Request,
    ctx: Ctx,
    keep_settings: bool = Query(False, description="leave config.toml as it is"),
) -> RestoredOut:
    """Rebuild an empty database from a backup sent as the body (all or nothing), and
    write its settings into config.toml (the server's secrets stay) unless keep_settings."""
    data = await request.body()
    done = await run_in_threadpool(
        backup.restore, ctx, data, "the backup", keep_settings=keep_settings
    )
    applied = done.settings
    if applied is not None and applied.changed:
        web_state(request).use_settings(settings_backup.reloaded(ctx.settings))
    return RestoredOut(
        counts=done.counts,
        version=done.version,
        schema_revision=done.schema_revision,
        settings_changed=list(applied.changed) if applied else [],
        settings_skipped=list(applied.skipped) if applied else [],
        settings_kept=list(applied.kept) if applied else [],
        settings_problem=applied.problem if applied else None,
    )
