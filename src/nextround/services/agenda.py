"""The daily agenda: overdue, due today, and the week ahead.

The hot path of the command line, so it reads through the light storage path
(no ORM import) and nothing else.
"""

from __future__ import annotations

from nextround.domain.tasks import Agenda, agenda_end, build_agenda
from nextround.services.context import Context
from nextround.storage import agenda


def today(ctx: Context) -> Agenda:
    with ctx.db.reader() as reader:
        pending = agenda.pending_due_by(reader, ctx.owner, agenda_end(ctx.today))
    return build_agenda(ctx.today, pending)


def has_history(ctx: Context) -> bool:
    """Whether anything was ever recorded (an empty database gets a welcome instead)."""
    with ctx.db.reader() as reader:
        return agenda.has_applications(reader, ctx.owner)


def today_as_owner(ctx: Context, *, personal: bool) -> tuple[Agenda, bool]:
    """Today's page in one read: with ``personal`` the owner's own settings first (on a
    hosted site; ``ctx`` runs with them after, as :func:`user_settings.personal` leaves
    it), then the agenda, and whether a job search is under way (something due, or
    else anything ever recorded: an empty database gets a welcome instead)."""
    with ctx.db.read():  # the reads below join this one transaction
        if personal:
            from nextround.services import user_settings  # the web's: not the CLI's hot path

            user_settings.personal(ctx)
        due = today(ctx)
        started = not due.is_empty() or has_history(ctx)
    return due, started


def today_for_session(ctx: Context, token: str) -> tuple[Agenda, bool] | None:
    """:func:`today_as_owner` for the user whose session ``token`` opens, the session
    checked in the same transaction as the page's reads (one transaction a request for
    the page read most; :mod:`nextround.web.sessions`); None, having read nothing of
    anyone's, when no live session opens. ``ctx`` runs as that user after."""
    from nextround.services import logins  # the web's: not the CLI's hot path

    with ctx.database.read():  # begun with no owner: the session says whose rows follow
        if not logins.become_session_user(ctx, token):
            return None
        return today_as_owner(ctx, personal=True)
