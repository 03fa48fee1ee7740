"""Safety on localhost too: DNS rebinding, cross-site requests, CSRF tokens.

- **Host**: a request whose ``Host`` header is not the address the app is bound
  to (or a loopback name for it) is refused, so a hostile page whose domain
  was rebound to 127.0.0.1 can't read or write through the user's browser.
- **Cross-site writes**: an unsafe request (POST, PUT, PATCH, DELETE) that a
  browser marks as coming from another site (``Sec-Fetch-Site``) or from
  another origin (``Origin``) is refused before any handler runs.
- **CSRF token**: pages set a random token in a ``SameSite=Strict``,
  ``HttpOnly`` cookie and repeat it in every form (and in a ``<meta>`` for
  scripts). Form posts must carry it; API writes from a browser (a request
  with a cookie or an ``Origin``) must send it as ``X-CSRF-Token``. Scripts
  that send neither cookies nor ``Origin`` (curl, a CLI client) are not
  browsers and need no token.
- **Headers**: every response (pages, API, static files, errors, refusals)
  carries :data:`SECURITY_HEADERS`: a Content-Security-Policy that allows no
  inline script or style and no framing, ``nosniff``, a same-origin referrer,
  ``X-Frame-Options`` and a same-origin opener policy.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nextround.mailconfig import is_loopback

CSRF_COOKIE = "nextround_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

#: Sent with every response. Scripts and styles come only from ``/static``: no
#: inline ``<script>``, ``style=`` or ``on*=`` handlers (they would be blocked).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = tuple(
    (name.encode("latin-1"), value.encode("latin-1"))
    for name, value in (
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("x-frame-options", "DENY"),
        ("cross-origin-opener-policy", "same-origin"),
    )
)


def allowed_hosts(host: str, port: int | None, extra: Iterable[str] = ()) -> frozenset[str]:
    """Every ``Host`` header value that names this server; ``name:*`` for any port
    when the port is not known (``port`` None: a process manager chose it)."""
    names = {_bracketed(host), *(_bracketed(h) for h in extra)}
    if is_loopback(host):
        names.update(_LOOPBACK_NAMES)
    return frozenset({*names, *(f"{name}:{'*' if port is None else port}" for name in names)})


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host.lower()


class Guard:
    """ASGI middleware: the Host check and the cross-site refusal, for every request."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = Headers(scope=scope)
            problem = self._problem(scope["method"], headers)
            if problem is not None:
                await PlainTextResponse(problem, status_code=400 if "Host" in problem else 403)(
                    scope, receive, send
                )
                return
        await self.app(scope, receive, send)

    def _problem(self, method: str, headers: Headers) -> str | None:
        if not self._known(headers.get("host", "").lower()):
            return "Host header not recognised: open nextround at the address it printed."
        if method not in UNSAFE:
            return None
        if headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
            return "Refused a change requested by another site."
        origin = (headers.get("origin") or "").lower()
        scheme, sep, named = origin.partition("://")
        if origin and not (sep and scheme in {"http", "https"} and self._known(named)):
            return "Refused a change requested by another site."
        return None

    def _known(self, host: str) -> bool:
        """``host`` (a Host header, or an origin without its scheme) names this server."""
        if host in self.hosts:
            return True
        name, sep, port = host.rpartition(":")
        return bool(sep) and port.isdigit() and f"{name}:*" in self.hosts


class SecurityHeaders:
    """ASGI middleware: :data:`SECURITY_HEADERS` on every response, unless a route set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """The request's CSRF token: the cookie's, or a new one the page will set."""
    token = request.cookies.get(CSRF_COOKIE)
    if token and len(token) >= 32:
        return token
    fresh: str | None = getattr(request.state, "new_csrf", None)
    if fresh is None:
        fresh = secrets.token_urlsafe(32)
        request.state.new_csrf = fresh
    return fresh


def token_matches(request: Request, sent: str | None) -> bool:
    """Whether ``sent`` is the cookie's token, compared in constant time.

    Compared as bytes: ``compare_digest`` refuses ``str`` with non-ASCII
    characters (a TypeError, so a 500), and a forged header may hold anything.
    """
    cookie = request.cookies.get(CSRF_COOKIE)
    if not (cookie and sent):
        return False
    return hmac.compare_digest(_bytes(cookie), _bytes(sent))


def _bytes(token: str) -> bytes:
    # surrogatepass: a lone surrogate (from a JSON-ish source) still encodes, distinctly.
    return token.encode("utf-8", "surrogatepass")


def is_browser(request: Request) -> bool:
    """A request that a browser could have sent on the user's behalf."""
    return "cookie" in request.headers or "origin" in request.headers
