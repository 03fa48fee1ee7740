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
