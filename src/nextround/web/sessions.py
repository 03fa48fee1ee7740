"""The login gate: once a password is set, every request needs a session or an API token.

With no password set (the local, single-user default) the gate lets every
request through, as before; in hosted mode (``[site] hosted``) never. With one, a request passes with a live session
cookie (:data:`SESSION_COOKIE`, from ``/login``) or, on the API, an
``Authorization: Bearer`` token (``nextround token add``); any other API
request is a 401 and any other page a redirect to ``/login``. A few
addresses stay open: the login page itself, the static files, the installable
app's manifest and worker, the calendar feed (which a calendar app
reaches by the secret in its link), the one-time links that set a password, and
the pages that mail one (``/forgot-password``, ``/signup``). The request's :class:`Login` is left on
``request.state.login``.

One exception to "the gate checks first", for speed: on a hosted site Today's page
(:data:`CHECKED_BY_ROUTE`) checks its session cookie in the same transaction as its own
reads (:class:`SessionClaim`), and the gate holds its response back until that check
was made, making it itself when the route didn't.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nextround.errors import NextroundError, NotSignedIn
from nextround.services import api_tokens, logins
from nextround.web.errors import error_response, json_error, status_of
from nextround.web.state import WebState

SESSION_COOKIE = "nextround_session"
OPEN_PATHS = frozenset(
    {
        "/login",
        "/login/oidc",
        "/login/oidc/callback",
        "/manifest.webmanifest",
        "/sw.js",
        "/offline",
        "/healthz",
        "/metrics",
    }
    | {"/forgot-password", "/signup"}  # a hosted site's, before anyone logs in
)
OPEN_PREFIXES = ("/static/", "/calendar/", "/set-password/", "/reset-password/", "/signup/")
NEEDS_LOGIN = "Log in first: this nextround has a password."
BAD_TOKEN = "That API token isn't valid: it was revoked or mistyped (`nextround token list`)."  # noqa: S105 - a message


@dataclass(frozen=True)
class Login:
    """Who a request is from: the user, and the session's token (None for an API token)."""

    user_id: int
    session: str | None


class LoginGate:
    """ASGI middleware: let a request through only with a login, once a password is set."""

    def __init__(self, app: ASGIApp, web: WebState) -> None:
        self.app = app
        self.web = web

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_open(scope["path"]):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        claim = self._claim(request)
        if claim is not None:
            await self.app(scope, receive, self._checked_send(request, claim, send))
            return
        try:
            verdict = await run_in_threadpool(self._verdict, request)
        except NextroundError as exc:  # the database away: the same answer a route gives
            verdict = error_response(request, exc)
        if isinstance(verdict, Response):
            await verdict(scope, receive, send)
            return
        if verdict is not None:
            scope.setdefault("state", {})["login"] = verdict
        await self.app(scope, receive, send)

    def _claim(self, request: Request) -> SessionClaim | None:
        """A session left for the route to check in its own transaction (see
        :class:`SessionClaim`), or None: the gate checks the request now."""
        if not (self.web.base.settings.hosted and request.method in {"GET", "HEAD"}):
            return None
        if request.url.path not in CHECKED_BY_ROUTE:
            return None
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie or request.headers.get("authorization"):
            return None
        claim = SessionClaim(cookie)
        request.state.session_claim = claim
        return claim

    def _checked_send(self, request: Request, claim: SessionClaim, send: Send) -> Send:
        """``send``, holding the response back until the claim is settled: a route that
        did not settle it (an error page, say) has it checked here, and a session that
        doesn't hold sends the gate's refusal instead of anything the route made."""
        refused = False

        async def checked(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start" and not claim.settled:
                try:
                    verdict = await run_in_threadpool(self._verdict, request)
                except NextroundError as exc:
                    verdict = error_response(request, exc)
                claim.settled = True
                if isinstance(verdict, Response):
                    refused = True
                    await verdict(request.scope, _nothing, send)
                    return
            if not refused:
                await send(message)

        return checked

    def _verdict(self, request: Request) -> Login | Response | None:
        """The request's login, None where none is needed, or the refusal to send."""
        ctx = self.web.context()
        api = request.url.path.startswith("/api/")
        bearer = bearer_token(request.headers.get("authorization", ""))
        if api and bearer is not None:
            owner = api_tokens.token_owner(ctx, bearer)
            return _refused_api(BAD_TOKEN) if owner is None else Login(owner, None)
        cookie = request.cookies.get(SESSION_COOKIE)
        user = logins.session_user(ctx, cookie) if cookie else None
        if user is not None:
            return Login(user, cookie)
        if not ctx.settings.hosted and not logins.has_password(ctx):
            return None
        if api:
            return _refused_api(NEEDS_LOGIN)
        return RedirectResponse(login_address(request), status_code=303)


@dataclass
class SessionClaim:
    """A session cookie on a hosted site's page whose route checks it in the same
    transaction as its reads (:data:`CHECKED_BY_ROUTE`: the page read most), instead of
    the gate in a transaction and a trip through the threadpool of its own.

    The route calls :meth:`accept` or :meth:`refuse`; until one of them, the response is
    held back (:meth:`LoginGate._checked_send`), so nothing leaves unchecked. Only reads
    (GET and HEAD) are claimed: nothing a route does before its check changes anything.
    """

    token: str
    settled: bool = False

    def accept(self, request: Request, user_id: int) -> None:
        """The session is live: the request is ``user_id``'s, as if the gate had said so."""
        request.state.login = Login(user_id, self.token)
        self.settled = True

    def refuse(self, request: Request) -> Response:
        """No live session: the gate's answer (to the login page)."""
        self.settled = True
        return RedirectResponse(login_address(request), status_code=303)


#: Pages whose routes check their session themselves (:class:`SessionClaim`).
CHECKED_BY_ROUTE = frozenset({"/"})


def session_claim(request: Request) -> SessionClaim | None:
    """The session this request's route is to check, if the gate left it one."""
    found: SessionClaim | None = getattr(request.state, "session_claim", None)
    return found


async def _nothing() -> Message:
    return {"type": "http.disconnect"}


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def bearer_token(header: str) -> str | None:
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def login_address(request: Request) -> str:
    """``/login``, with the page asked for (a GET's) to come back to."""
    if request.method not in {"GET", "HEAD"} or request.url.path == "/":
        return "/login"
    query = request.url.query
    wanted = request.url.path + (f"?{query}" if query else "")
    return "/login?next=" + quote(wanted, safe="")


def _refused_api(message: str) -> Response:
    status, kind = status_of(NotSignedIn(message))
    response = json_error(status, kind, message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="nextround"'
    return response


def login_of(request: Request) -> Login | None:
    """The request's login, if it came with one."""
    found: Login | None = getattr(request.state, "login", None)
    return found
