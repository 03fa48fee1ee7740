"""Whether the database answers: the query the health check sends."""

from __future__ import annotations

from nextround.storage.sql import Connection


def answers(c: Connection) -> bool:
    """True when the database ran a query on ``c`` (raises what the driver raises otherwise)."""
    return bool(c.scalar("SELECT 1") == 1)
