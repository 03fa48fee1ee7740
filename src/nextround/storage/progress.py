"""The counts behind the progress page, each one aggregate query."""

from __future__ import annotations

from datetime import date

from nextround.storage.sql import Connection
from nextround.storage.values import as_date


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


def activity_by_day(
    c: Connection, owner: int, since: date, today: date
) -> list[tuple[str, date, int]]:
    """(what, day, how many) from ``since`` to ``today``: applications sent, interviews held,
    follow-ups done, cards mailed and people connected. One query."""
    rows = c.rows(
        "SELECT what, day, COUNT(*) FROM ("
        "  SELECT 'applied' AS what, applied_on AS day FROM applications"
        "    WHERE owner_id = :owner AND applied_on IS NOT NULL"
        "  UNION ALL SELECT 'interviews', on_date FROM interviews"
        "    WHERE owner_id = :owner AND status = 'planned'"
        "  UNION ALL SELECT 'done', done_on FROM tasks"
        "    WHERE owner_id = :owner AND status = 'done' AND done_on IS NOT NULL"
        "  UNION ALL SELECT 'cards', card_mailed_on FROM relationships"
        "    WHERE owner_id = :owner AND card_mailed_on IS NOT NULL"
        "  UNION ALL SELECT 'connected', connected_on FROM relationships"
        "    WHERE owner_id = :owner AND connected_on IS NOT NULL"
        ") AS dated WHERE day >= :since AND day <= :today GROUP BY what, day",
        {"owner": owner, "since": since, "today": today},
    )
    return [(str(w), day, int(n)) for w, d, n in rows if (day := as_date(d)) is not None]


def relationships_before(c: Connection, owner: int, since: date) -> dict[str, int]:
    """Cards mailed and people connected before ``since``: where the running totals start."""
    row = c.row(
        "SELECT COUNT(CASE WHEN card_mailed_on < :since THEN 1 END) AS cards, "
        "COUNT(CASE WHEN connected_on < :since THEN 1 END) AS connected "
        "FROM relationships WHERE owner_id = :owner",
        {"owner": owner, "since": since},
    )
    assert row is not None
    return {"cards": int(row["cards"] or 0), "connected": int(row["connected"] or 0)}


def source_groups(c: Connection, owner: int, today: date) -> list[tuple[str, str, bool, int]]:
    """(source or "", status, had an interview by ``today``, how many) of applications sent."""
    rows = c.rows(
        "SELECT source, status, held, COUNT(*) FROM ("
        "  SELECT COALESCE(a.source, '') AS source, a.status AS status,"
        "    CASE WHEN EXISTS (SELECT 1 FROM interviews i WHERE i.application_id = a.id"
        "      AND i.on_date <= :today AND i.status = 'planned') THEN 1 ELSE 0 END AS held"
        "  FROM applications a WHERE a.owner_id = :owner"
        "    AND (a.status <> 'saved' OR a.applied_on IS NOT NULL)"
        ") AS each_app GROUP BY source, status, held",
        {"owner": owner, "today": today},
    )
    return [(str(s), str(st), bool(h), int(n)) for s, st, h, n in rows]
