"""The counts behind the progress page, each one aggregate query."""

from __future__ import annotations

from datetime import date

from nextround.storage.sql import Connection


def application_groups(c: Connection, owner: int, today: date) -> list[tuple[str, bool, bool, int]]:
    """(status, has an applied date, had an interview by ``today``, how many)."""
    rows = c.rows(
        "SELECT status, dated, held, COUNT(*) FROM ("
        "  SELECT a.status AS status,"
        "    CASE WHEN a.applied_on IS NULL THEN 0 ELSE 1 END AS dated,"
        "    CASE WHEN EXISTS (SELECT 1 FROM interviews i WHERE i.application_id = a.id"
        "      AND i.on_date <= :today AND i.status = 'planned') THEN 1 ELSE 0 END AS held"
        "  FROM applications a WHERE a.owner_id = :owner"
        ") AS each_app GROUP BY status, dated, held",
        {"owner": owner, "today": today},
    )
    return [(str(s), bool(d), bool(h), int(n)) for s, d, h, n in rows]


def relationship_counts(c: Connection, owner: int) -> dict[str, int]:
    """How many people got a card, an email, an invitation; said yes; are connected."""
    row = c.row(
        "SELECT COUNT(card_mailed_on) AS cards, COUNT(congratulated_on) AS congratulated, "
        "COUNT(invited_on) AS invited, COUNT(connected_on) AS connected, "
        "COUNT(CASE WHEN answer = 'yes' THEN 1 END) AS said_yes "
        "FROM relationships WHERE owner_id = :owner",
        {"owner": owner},
    )
    assert row is not None
    return {
        k: int(row[k] or 0) for k in ("cards", "congratulated", "invited", "connected", "said_yes")
    }


def done_by_kind(c: Connection, owner: int) -> dict[str, int]:
    rows = c.rows(
        "SELECT kind, COUNT(*) FROM tasks WHERE owner_id = :owner AND status = 'done' GROUP BY kind",
        {"owner": owner},
    )
    return {str(k): int(n) for k, n in rows}


def accounts_followed(c: Connection, owner: int) -> int:
    return int(
        c.scalar(
            "SELECT COUNT(*) FROM company_socials WHERE owner_id = :owner AND followed_on IS NOT NULL",
            {"owner": owner},
        )
    )
