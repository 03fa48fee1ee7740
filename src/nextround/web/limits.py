"""Request body limits: 1 MB for JSON and forms, more only where a file is uploaded.

The limit is enforced as the body streams in, whether the client announced
its length (``Content-Length``) or sends it in chunks: the first read past
the limit (or the first read of a body announced as too long) raises
:class:`BodyTooLarge`, a 413 that the one error mapping (:mod:`.errors`)
turns into a page or the API's JSON error. Nothing past the limit is read.

Files go to the import, restore and mail-upload routes, whose own caps
(:data:`nextround.web.uploads.MAX_BYTES`, :data:`nextround.web.mail_scan.MAX_UPLOAD`)
answer first with advice (use the command line); :data:`UPLOAD_LIMIT` is the
backstop just above them.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MB = 1024 * 1024
#: Any JSON or form body.
BODY_LIMIT = 1 * MB
#: A file sent to an import, a backup to restore, or mail to scan (multipart overhead included).
UPLOAD_LIMIT = 257 * MB
#: The routes that take files: exact paths, and prefixes (``/api/v1/imports/{kind}``).
UPLOAD_PATHS = frozenset({"/import", "/mail/upload", "/api/v1/mail/upload", "/api/v1/restore"})
UPLOAD_PREFIXES = ("/api/v1/imports/",)


def limit_for(path: str) -> int:
    """The largest body ``path`` takes, in bytes."""
    if path in UPLOAD_PATHS or path.startswith(UPLOAD_PREFIXES):
        return UPLOAD_LIMIT
    return BODY_LIMIT


def in_words(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit} bytes"


class BodyTooLarge(HTTPException):
    """A body over its limit: 413, with one line naming the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request is larger than the {in_words(limit)} limit.")


class BodyLimit:
    """ASGI middleware: refuse a body over :func:`limit_for` its path, as it arrives."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        declared = _declared_length(Headers(scope=scope))
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            if declared is not None and declared > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge as exc:
            if started:  # pragma: no cover - a route that answered before reading its body
                raise
            await PlainTextResponse(str(exc.detail), status_code=413)(scope, receive, send)


def _declared_length(headers: Headers) -> int | None:
    value = headers.get("content-length")
    return int(value) if value is not None and value.isdigit() else None
