"""The one place where the web maps errors: an HTML page, or one JSON shape under /api.

The JSON shape, for every API error::

    {"error": {"type": "not_found", "message": "No company named 'Acme'.", "fields": {}}}

``type`` is one of ``not_found``, ``ambiguous``, ``conflict``,
``invalid_input``, ``forbidden``, ``config``, ``storage``, ``http``;
``fields`` names the request fields at fault, when known.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from nextround.errors import (
    Ambiguous,
    ConfigError,
    Conflict,
    InvalidInput,
    NextroundError,
    NotFound,
    StorageError,
)

#: Error class -> (HTTP status, JSON type), most specific first.
STATUS: tuple[tuple[type[NextroundError], int, str], ...] = (
    (Ambiguous, 409, "ambiguous"),
    (NotFound, 404, "not_found"),
    (Conflict, 409, "conflict"),
    (InvalidInput, 422, "invalid_input"),
    (ConfigError, 500, "config"),
    (StorageError, 503, "storage"),
)

_TITLES = {
    404: "Not found",
    405: "Not allowed",
    409: "Changed meanwhile",
    403: "Refused",
    422: "Please check that",
}


class Forbidden(NextroundError):
    """A request refused by the CSRF check."""


def status_of(exc: NextroundError) -> tuple[int, str]:
    if isinstance(exc, Forbidden):
        return 403, "forbidden"
    for kind, status, name in STATUS:
        if isinstance(exc, kind):
            return status, name
    return 400, "error"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def json_error(
    status: int, kind: str, message: str, fields: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"type": kind, "message": message, "fields": fields or {}}}
    return JSONResponse(body, status_code=status)


def install(app: FastAPI) -> None:
    app.add_exception_handler(NextroundError, _nextround_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]


async def _nextround_error(request: Request, exc: NextroundError) -> Response:
    status, kind = status_of(exc)
    if is_api(request):
        return json_error(status, kind, exc.message)
    return error_page(request, status, exc.message)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = {
        404: "There's nothing at this address. It may have been deleted, or the link is mistyped.",
        405: "That address doesn't take this kind of request.",
    }.get(exc.status_code, str(exc.detail))
    if is_api(request):
        return json_error(exc.status_code, "http", message)
    return error_page(request, exc.status_code, message)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    fields: dict[str, str] = {}
    for problem in exc.errors():
        where = ".".join(
            str(p) for p in problem.get("loc", ()) if p not in {"body", "query", "path"}
        )
        fields[where or "request"] = str(problem.get("msg", "is not valid"))
    summary = "; ".join(f"{k}: {v}" for k, v in fields.items())
    if is_api(request):
        return json_error(422, "invalid_input", f"The request is not valid: {summary}", fields)
    return error_page(request, 422, f"Some of what was sent isn't valid: {summary}")


def error_page(request: Request, status: int, message: str) -> Response:
    from nextround.web.pages import render

    title = _TITLES.get(status, "Something went wrong")
    return render(request, "error.html", {"title": title, "message": message}, status=status)
