"""Whether this server can do its work: the database answers."""

from __future__ import annotations

from nextround.services.context import Context


def database_ok(ctx: Context) -> bool:
    """True when the database answers a query now; never raises."""
    try:
        with ctx.db.read() as c:
            return bool(c.scalar("SELECT 1") == 1)
    except Exception:
        return False
