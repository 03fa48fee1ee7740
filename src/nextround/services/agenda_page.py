"""Today's page on the web: the agenda, the owner's own settings and (on a hosted site)
the session, read in one transaction. Apart from :mod:`.agenda`, the command line's hot
path, which must not import what these need (the settings overlay, the logins).
"""

from __future__ import annotations

from nextround.domain.tasks import Agenda
from nextround.services import logins, user_settings
from nextround.services.agenda import has_history, today
from nextround.services.context import Context


def today_as_owner(
    ctx: Context, *, personal: bool, stamp: tuple[int, str] | None = None
) -> tuple[Agenda, bool]:
    """Today's page in one read: with ``personal`` the owner's own settings first (on a
    hosted site; ``ctx`` runs with them after, as :func:`user_settings.personal` leaves
    it; ``stamp``, when the caller read it in this transaction, lets them come from
    memory), then the agenda, and whether a job search is under way (something due, or
    else anything ever recorded: an empty database gets a welcome instead)."""
    with ctx.db.read():  # the reads below join this one transaction
        if personal:
            user_settings.personal(ctx, stamp=stamp)
        due = today(ctx)
        started = not due.is_empty() or has_history(ctx)
    return due, started


def today_for_session(ctx: Context, token: str) -> tuple[Agenda, bool] | None:
    """:func:`today_as_owner` for the user whose session ``token`` opens, the session
    checked in the same transaction as the page's reads (one transaction a request for
    the page read most; :mod:`nextround.web.sessions`); None, having read nothing of
    anyone's, when no live session opens. ``ctx`` runs as that user after."""
    with ctx.database.read():  # begun with no owner: the session says whose rows follow
        stamp = logins.become_session_user(ctx, token)
        if stamp is None:
            return None
        return today_as_owner(ctx, personal=True, stamp=stamp)
