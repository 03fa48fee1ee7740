"""The JSON API under ``/api/v1``: the same services as the pages, one module per area.

Every module's ``router`` comes from :func:`api_router`, which carries the
guard for writes (:func:`guard_writes`) and documents the one error shape
(see :mod:`nextround.web.errors`) in the OpenAPI schema at ``/openapi.json``.
"""

from __future__ import annotations

from email.message import Message
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.exceptions import HTTPException

from nextround.web.api.schemas import ErrorOut
from nextround.web.errors import Forbidden
from nextround.web.security import CSRF_HEADER, UNSAFE, is_browser, token_matches

PREFIX = "/api/v1"

#: The error responses every route may give, all in the one JSON shape.
ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorOut, "description": "A browser's write without the CSRF token"},
    404: {"model": ErrorOut, "description": "No such row"},
    409: {"model": ErrorOut, "description": "Changed meanwhile, or clashes with stored data"},
    415: {"model": ErrorOut, "description": "A body that is not JSON"},
    422: {"model": ErrorOut, "description": "Invalid input; `fields` names the culprits"},
}


def guard_writes(request: Request) -> None:
    """Writes from a browser carry the CSRF token; every body is JSON.

    A request with a cookie or an ``Origin`` header may come from a page the
    user's browser is showing, so it must prove it read our page: the
    ``X-CSRF-Token`` header equals the CSRF cookie. Scripts without cookies
    and ``Origin`` (curl, a CLI client) can't be driven by another site and
    need no token. Requiring JSON bodies shuts out plain HTML forms, which
    can only send form-encoded or text bodies.
    """
    if request.method not in UNSAFE:
        return
    if is_browser(request) and not token_matches(request, request.headers.get(CSRF_HEADER)):
        raise Forbidden(
            "This change came without the page's CSRF token (X-CSRF-Token); reload and try again."
        )
    if _has_body(request) and not _is_json(request.headers.get("content-type", "")):
        raise HTTPException(415, "Send the request body as JSON (Content-Type: application/json).")


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length", "0")
    return "transfer-encoding" in request.headers or (length.isdigit() and int(length) > 0)


def _is_json(content_type: str) -> bool:
    message = Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


#: Files an import takes as its body besides JSON: types an HTML form can't send.
UPLOAD_TYPES = frozenset(
    {"text/csv", "application/zip", "application/x-zip-compressed", "application/octet-stream"}
)


def guard_uploads(request: Request) -> None:
    """:func:`guard_writes` for routes that take a file: the CSRF rule, and a file's type."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() not in UPLOAD_TYPES:
        guard_writes(request)
        return
    if is_browser(request) and not token_matches(request, request.headers.get(CSRF_HEADER)):
        raise Forbidden(
            "This change came without the page's CSRF token (X-CSRF-Token); reload and try again."
        )


def api_router(tag: str, *, uploads: bool = False) -> APIRouter:
    """The router of one area of the API, with the write guard and the error responses.

    ``uploads=True``: bodies may be files (:data:`UPLOAD_TYPES`) as well as JSON.
    """
    guard = guard_uploads if uploads else guard_writes
    return APIRouter(prefix=PREFIX, tags=[tag], dependencies=[Depends(guard)], responses=ERRORS)
