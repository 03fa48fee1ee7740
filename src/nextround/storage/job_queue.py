"""What the job runner asks of the database: whose work is due, where a digest goes,
and how many jobs wait in procrastinate's queue. The SQL, nothing decided here."""

from __future__ import annotations

from datetime import datetime

from nextround.storage.sql import Connection, as_datetime

#: procrastinate's table of jobs (its schema is applied by ``nextround worker``).
JOBS_TABLE = "procrastinate_jobs"


#: The first key of the advisory lock :func:`hold` takes ("nrdg"); the owner is the second.
DIGEST_LOCK = 0x6E726467


def hold(c: Connection, owner: int) -> None:
    """Wait for, then hold until ``c``'s transaction ends, the lock on sending ``owner``'s
    digest (PostgreSQL's advisory lock; SQLite runs one writing transaction at a time)."""
    if not c.is_sqlite:
        c.execute(
            "SELECT pg_advisory_xact_lock(CAST(:key AS integer), CAST(:owner AS integer))",
            {"key": DIGEST_LOCK, "owner": owner},
        )


_ACTIVE = "FROM users WHERE disabled_at IS NULL AND NOT is_admin"


def owners(c: Connection) -> list[int]:
    """Every active user's id, lowest first: not disabled, not an admin (who has no data)."""
    return [int(v) for v in c.scalars(f"SELECT id {_ACTIVE} ORDER BY id")]


def owners_watching(c: Connection) -> list[int]:
    """The active users with at least one watched company."""
    watching = {int(v) for v in c.scalars("SELECT DISTINCT owner_id FROM watches")}
    return [o for o in owners(c) if o in watching]


def addresses(c: Connection) -> dict[int, str]:
    """Every active user's own email address (see :func:`address_of`), by id, in one query."""
    rows = c.rows(f"SELECT id, email, name {_ACTIVE} ORDER BY id")
    return {int(r[0]): _address(r[1], r[2]) for r in rows}


def address_of(c: Connection, owner: int) -> str:
    """The user's own email address as the users table holds it; "" when it holds none.

    ``users.email``, else the user's name when it is an address; the local
    user's address lives in the config.
    """
    row = c.row("SELECT email, name FROM users WHERE id = :id", {"id": owner})
    return "" if row is None else _address(row[0], row[1])


def _address(email: object, name: object) -> str:
    for value in (str(email or "").strip(), str(name or "").strip()):
        if "@" in value and " " not in value:
            return value
    return ""


def queue_exists(c: Connection) -> bool:
    """Whether procrastinate's schema is in this (PostgreSQL) database."""
    return c.scalar(f"SELECT to_regclass('{JOBS_TABLE}') IS NOT NULL") is True


def queue_depth(c: Connection) -> dict[str, int]:
    """Jobs waiting to run (``todo``, due now or later) by queue name."""
    rows = c.rows(
        f"SELECT queue_name, count(*) FROM {JOBS_TABLE} WHERE status = 'todo' GROUP BY queue_name"
    )
    return {str(r[0]): int(r[1]) for r in rows}


def last_emailed_digest(c: Connection, owner: int, period: str) -> datetime | None:
    """When the user's last emailed digest of ``period`` was made (UTC), if ever."""
    found = c.scalar(
        "SELECT MAX(made_at) FROM digests WHERE owner_id = :owner AND period = :period "
        "AND emailed = :yes",
        {"owner": owner, "period": period, "yes": True},
    )
    return as_datetime(found)
