"""``GET /healthz``: for a load balancer or a process supervisor, open without a login.

200 ``{"status": "ok"}`` when the database answers, else 503
``{"status": "unavailable"}``; nothing about the data, the users or the error.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from nextround.services import health
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)
_NOT_CACHED = {"Cache-Control": "no-store"}


@router.get("/healthz")
def healthz(ctx: Ctx) -> JSONResponse:
    if health.database_ok(ctx):
        return JSONResponse({"status": "ok"}, headers=_NOT_CACHED)
    return JSONResponse({"status": "unavailable"}, status_code=503, headers=_NOT_CACHED)
