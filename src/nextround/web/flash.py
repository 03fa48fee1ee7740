"""The notice after a change: what was done, with a button that undoes it.

A page that changes something redirects (303) to the page showing the
result. A short-lived cookie carries the id of the change across that
redirect (the request's own ``ctx.made``, so never another request's), and
the next page shows it once: "Added Fernway. [Undo]". Undo posts the id
back, so what it takes back is that change or nothing: if anything came
after it, the service refuses and says so.

After an undo, the same cookie carries the id of the change taken back, for
"Undone: Added Fernway." The cookie holds ids only; the words come from the
stored change, never from the cookie.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

from starlette.requests import Request
from starlette.responses import Response

from nextround.domain.history import Change
from nextround.services import history
from nextround.services.context import Context

COOKIE = "nextround_flash"
#: Long enough for the redirect, short enough not to surprise on a later page.
MAX_AGE = 120
#: How far back the latest changes are read to find the one named.
_LOOKBACK = 20


@dataclass(frozen=True)
class Notice:
    """A change to offer to undo, or one just undone; ``back`` is where Undo returns."""

    change: Change
    undone: bool
    back: str = ""

    @property
    def text(self) -> str:
        if self.undone:
            note = f" {self.change.note}" if self.change.note else ""
            return f"Undone: {self.change.label}.{note}"
        return f"{self.change.label}."


def after_change(response: Response, ctx: Context, *, back: str = "") -> Response:
    """``response`` carrying the last change ``ctx`` made, to offer Undo on the next page.

    ``back`` is where to go once it is undone, when the next page is the
    record the change created (undone, that page would be a 404).
    """
    if ctx.made:
        _set(response, f"undo:{ctx.made[-1].id}:{quote(back, safe='')}")
    return response


def after_undo(response: Response, change_id: int) -> Response:
    _set(response, f"undone:{change_id}:")
    return response


def _set(response: Response, value: str) -> None:
    response.set_cookie(COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="strict", path="/")


def pending(request: Request, ctx: Context) -> Notice | None:
    """The notice the cookie names, if the change is still there to show."""
    kind, _, rest = request.cookies.get(COOKIE, "").partition(":")
    number, _, back = rest.partition(":")
    if kind not in {"undo", "undone"} or not number.isdigit() or len(number) > 10:
        return None
    latest = history.recent(ctx, _LOOKBACK)
    if kind == "undone":
        found = next((c for c in latest if c.id == int(number) and c.undone), None)
        return None if found is None else Notice(found, undone=True)
    newest = next((c for c in latest if not c.undone), None)
    if newest is None or newest.id != int(number):
        return None  # undone meanwhile, or something came after: nothing to offer
    return Notice(newest, undone=False, back=unquote(back))


def forget(response: Response) -> None:
    """Shown once: the page that showed the notice clears it."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
