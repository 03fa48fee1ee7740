"""Whether this server can do its work: the database answers."""

from __future__ import annotations

from nextround.services.context import Context
from nextround.storage import health


def database_ok(ctx: Context) -> bool:
    """True when the database answers a query now; never raises."""
    try:
        with ctx.db.read() as c:
            return health.answers(c)
    except Exception:  # whatever went wrong, the answer is "not healthy"
        return False
