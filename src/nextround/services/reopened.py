"""A reopened role becomes a step of its own on Today, once.

Called inside a watch run's transaction for one board. The step's key names
the application and the posting, and the tasks table keeps keys unique per
owner: a step already made under any posting of the role means none is made
again, on a later run or by a run at the same moment (the second insert
clashes, and only that insert is rolled back).
"""

from __future__ import annotations

from collections.abc import Sequence

from nextround import log
from nextround.domain import reopened
from nextround.domain.watch import Reopening, Watch
from nextround.errors import Conflict
from nextround.services.context import Context
from nextround.storage import tasks
from nextround.storage.sql import Connection


def add_steps(c: Connection, ctx: Context, watch: Watch, found: Sequence[Reopening]) -> list[int]:
    """Make the step of each reopening that has none yet; the new tasks' ids."""
    made = []
    for reopening in found:
        if tasks.by_keys(c, ctx.owner, reopened.keys(reopening)):
            continue
        planned = reopened.step(reopening, watch.company_id, watch.company, ctx.today)
        try:
            with c.savepoint():
                task_id = tasks.create(
                    c, ctx.owner, planned, application_id=reopening.application_id, today=ctx.today
                )
        except Conflict:
            continue  # another run made it at the same moment
        log.info("reopened role: step %d for application %d", task_id, reopening.application_id)
        made.append(task_id)
    return made
