"""What the app holds between requests, and the per-request services context."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Annotated

from fastapi import Depends, Request

from nextround.config import Settings
from nextround.services import account_links, user_settings
from nextround.services.context import Context
from nextround.services.logins import Throttle


@dataclass
class WebState:
    base: Context
    #: Wrong passwords counted by this server process (per account and per address).
    throttle: Throttle = field(default_factory=Throttle)
    #: Requests for an emailed one-time link (per address and per email).
    links: Throttle = field(default_factory=account_links.link_throttle)
    #: The base settings and the same with today's date (:meth:`_on`).
    _dated: tuple[Settings, Settings] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        """On a hosted site (several web processes, as deployed) the tries are counted in
        the database, so that each process counts every process's."""
        if self.base.settings.hosted:
            self.throttle = Throttle(shared=self.base.database)
            self.links = account_links.link_throttle(shared=self.base.database)

    def context(self) -> Context:
        """A fresh context for one request: its own list of changes made, today's date.

        Today is asked of the clock unless pinned. The list of changes is the
        request's own, so the Undo a page offers is for this request's change
        and never another's.
        """
        settings = self.base.settings
        if not settings.today_pinned:
            today = date.today()  # noqa: DTZ011 - the user's own calendar day
            if today != settings.today:
                settings = self._on(today)
        return self.base.fresh(settings=settings)

    def _on(self, today: date) -> Settings:
        """The settings with ``today``, the same object all day (what is built from them
        is kept by them: :func:`nextround.services.user_settings.for_owner`)."""
        kept = self._dated
        if kept is None or kept[0] is not self.base.settings or kept[1].today != today:
            kept = (self.base.settings, replace(self.base.settings, today=today))
            self._dated = kept
        return kept[1]

    def use_settings(self, settings: Settings) -> None:
        """Run later requests with ``settings`` (saved on the settings page), same database.

        Not on a hosted site: there a save is one user's, read again by each of their
        requests (see :func:`context`), and the site's settings stay as they are."""
        if not self.base.settings.hosted:
            self.base = replace(self.base, settings=settings)

    def close(self) -> None:
        self.base.close()


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def context(request: Request) -> Context:
    """FastAPI dependency: the services context for this request, whose owner is the
    logged-in user (the session's or the API token's; see :mod:`.sessions`); on a hosted
    site it runs with that user's own settings (:mod:`nextround.services.user_settings`)."""
    ctx = _owned(request)
    if is_logged_in(request):
        user_settings.personal(ctx)
    return settled(request, ctx)


async def unsettled_context(request: Request) -> Context:
    """:func:`context` before the owner's own settings are read, for a route that reads them
    in the same transaction as its page and then calls :func:`settled` (Today): no
    transaction and no trip through the threadpool of its own."""
    return _owned(request)


def settled(request: Request, ctx: Context) -> Context:
    """``ctx`` once its settings are the ones this request runs with (see :func:`settings_of`)."""
    request.state.settings = ctx.settings
    return ctx


def is_logged_in(request: Request) -> bool:
    return getattr(request.state, "login", None) is not None


def _owned(request: Request) -> Context:
    ctx = web_state(request).context()
    login = getattr(request.state, "login", None)
    if login is not None:
        ctx.owner = login.user_id
    return ctx


def settings_of(request: Request) -> Settings:
    """The settings this request runs with (on a hosted site, the logged-in user's)."""
    found = getattr(request.state, "settings", None)
    return found if isinstance(found, Settings) else context(request).settings


#: A route parameter that receives the request's services context.
Ctx = Annotated[Context, Depends(context)]
#: The context before its owner's own settings are read (:func:`unsettled_context`).
UnsettledCtx = Annotated[Context, Depends(unsettled_context)]
