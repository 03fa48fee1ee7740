"""The one place where the web maps errors: an HTML page, or one JSON shape under /api.

The JSON shape, for every API error::

    {"error": {"type": "not_found", "message": "no company with id 7", "fields": {}}}

``type`` is one of ``not_found``, ``ambiguous``, ``conflict``,
``invalid_input``, ``forbidden``, ``not_signed_in`` (401: log in, or a
token that is wrong), ``too_many_attempts`` (429), ``config``,
``setup_needed`` (a setting only the user can give, like their name, is
missing; ``setting`` names it), ``storage`` (503; when the database server isn't
answering, a fixed message and ``Retry-After``: never the server's address or
the driver's words), ``http`` (413 for a body over its limit, among others);
``fields`` maps each request field at fault to its message (the domain
rules' ``InvalidInput.fields``, or what the request parser refused). A
record that duplicates a stored one is a ``conflict`` that also names the
stored one: ``"existing_id": 3``.

Every text that goes out is made encodable first: a message may quote what
the user sent, and a lone surrogate in it must not turn an answer into a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from nextround.errors import (
    Ambiguous,
    ConfigError,
    Conflict,
    DatabaseUnavailable,
    Duplicate,
    InvalidInput,
    NextroundError,
    NotFound,
    NotSignedIn,
    SetupNeeded,
    StorageError,
    TooManyAttempts,
)

log = logging.getLogger("nextround")

#: Error class -> (HTTP status, JSON type), most specific first.
STATUS: tuple[tuple[type[NextroundError], int, str], ...] = (
    (TooManyAttempts, 429, "too_many_attempts"),
    (NotSignedIn, 401, "not_signed_in"),
    (Ambiguous, 409, "ambiguous"),
    (NotFound, 404, "not_found"),
    (Conflict, 409, "conflict"),
    (InvalidInput, 422, "invalid_input"),
    (ConfigError, 500, "config"),
    (SetupNeeded, 409, "setup_needed"),
    (StorageError, 503, "storage"),
)

_TITLES = {
    404: "Not found",
    405: "Not allowed",
    409: "Changed meanwhile",
    401: "Please log in",
    403: "Refused",
    429: "Please wait",
    413: "Too large",
    422: "Please check that",
    503: "Not available just now",
}

#: What a page or the API says while the database server is away (restarting, down).
DATABASE_AWAY = "The database isn't answering; try again in a moment."
#: Seconds a client may wait before asking again then.
RETRY_AFTER = "5"

#: What FastAPI says when a JSON body can't even be decoded (bytes that aren't UTF-8,
#: nesting too deep): its 400 becomes the same 422 as any other malformed JSON.
_UNPARSED_BODY = "There was an error parsing the body"
_NOT_JSON = "is not valid JSON"


class Forbidden(NextroundError):
    """A request refused by the CSRF check."""


def status_of(exc: NextroundError) -> tuple[int, str]:
    if isinstance(exc, Forbidden):
        return 403, "forbidden"
    for kind, status, name in STATUS:
        if isinstance(exc, kind):
            return status, name
    return 400, "error"


def message_of(exc: NextroundError) -> str:
    """The error's message, and for a missing setting where the web sets it."""
    if isinstance(exc, SetupNeeded):  # the CLI names its own flag instead
        return f"{exc.message}; set it under “You, as drafts sign off” in Settings"
    if isinstance(exc, DatabaseUnavailable):  # where it is, and why, are for the log
        return DATABASE_AWAY
    return exc.message


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def printable(text: str) -> str:
    """``text`` as it can be sent: lone surrogates (unencodable) become ``?``."""
    return text.encode("utf-8", "replace").decode("utf-8")


def fields_of(exc: NextroundError) -> dict[str, str]:
    """The fields an error blames, by name (a rule that names no field is left to the message)."""
    found = exc.fields if isinstance(exc, InvalidInput) else {}
    return {name: message for name, message in found.items() if name}


def json_error(
    status: int,
    kind: str,
    message: str,
    fields: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    detail: dict[str, Any] = {
        "type": kind,
        "message": printable(message),
        "fields": {printable(k): printable(v) for k, v in (fields or {}).items()},
        **extra,
    }
    return JSONResponse({"error": detail}, status_code=status)


def install(app: FastAPI) -> None:
    app.add_exception_handler(NextroundError, _nextround_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]


async def _nextround_error(request: Request, exc: NextroundError) -> Response:
    return error_response(request, exc)


def error_response(request: Request, exc: NextroundError) -> Response:
    """The answer to ``exc``: for a route's error, and for a middleware's (the login check)."""
    status, kind = status_of(exc)
    message = message_of(exc)
    # The route's pattern, not the path: a feed's path carries its secret token.
    route = getattr(request.scope.get("route"), "path", "?")
    if isinstance(exc, DatabaseUnavailable):
        log.warning("refused %s %s: %s", request.method, route, exc.message)
    else:
        log.warning("refused %s %s: %s %s", request.method, route, kind, sorted(fields_of(exc)))
    if is_api(request):
        extra: dict[str, Any] = {}
        if isinstance(exc, Duplicate):
            extra["existing_id"] = exc.existing_id
        if isinstance(exc, SetupNeeded):
            extra["setting"] = exc.setting
        response: Response = json_error(status, kind, message, fields_of(exc), **extra)
    else:
        response = error_page(request, status, message)
    if isinstance(exc, DatabaseUnavailable):
        response.headers["Retry-After"] = RETRY_AFTER
    return response


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 400 and exc.detail == _UNPARSED_BODY:
        return _invalid(request, {"body": f"{_NOT_JSON} (it can't be decoded as UTF-8 JSON)"})
    message = {
        404: "There's nothing at this address. It may have been deleted, or the link is mistyped.",
        405: "That address doesn't take this kind of request.",
    }.get(exc.status_code, str(exc.detail))
    if is_api(request):
        return json_error(exc.status_code, "http", message)
    return error_page(request, exc.status_code, message)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    return _invalid(request, dict(_problems(exc)))


def _problems(exc: RequestValidationError) -> list[tuple[str, str]]:
    """(field, message) for each problem the request parser found."""
    found = []
    for problem in exc.errors():
        if problem.get("type") == "json_invalid":
            reason = problem.get("ctx", {}).get("error", "")
            found.append(("body", f"{_NOT_JSON} ({reason})" if reason else _NOT_JSON))
            continue
        where = ".".join(
            str(p)
            for p in problem.get("loc", ())
            if p not in {"body", "query", "path", "header", "cookie"}
        )
        message = str(problem.get("msg", "is not valid")).removeprefix("Value error, ")
        found.append((where or "request", message))
    return found


def _invalid(request: Request, fields: dict[str, str]) -> Response:
    summary = "; ".join(f"{k}: {v}" for k, v in fields.items())
    if is_api(request):
        return json_error(422, "invalid_input", f"The request is not valid: {summary}", fields)
    return error_page(request, 422, f"Some of what was sent isn't valid: {summary}")


def error_page(request: Request, status: int, message: str) -> Response:
    from nextround.web.pages import render

    title = _TITLES.get(status, "Something went wrong")
    context = {"title": title, "message": printable(message)}
    return render(request, "error.html", context, status=status)
