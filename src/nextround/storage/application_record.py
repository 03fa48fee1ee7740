"""The applications sent in a period, with what an application record lists of each."""

from __future__ import annotations

from datetime import date

from nextround.domain.exports import RecordFacts
from nextround.storage.records import values_in
from nextround.storage.sql import Connection


def applications_sent(c: Connection, owner: int, start: date, end: date) -> list[RecordFacts]:
    """Applications with ``applied_on`` from ``start`` to ``end`` (both included), by day."""
    rows = c.rows(
        "SELECT a.id, a.applied_on, a.role, a.status, a.rejected_on, a.source, a.source_url, "
        "c.name AS company, c.address AS address, r.name AS referrer "
        "FROM applications a JOIN companies c ON c.id = a.company_id "
        "LEFT JOIN people r ON r.id = a.referrer_id AND r.owner_id = a.owner_id "
        "WHERE a.owner_id = :owner AND a.applied_on >= :start AND a.applied_on <= :end "
        "ORDER BY a.applied_on, a.id",
        {"owner": owner, "start": start, "end": end},
    )
    met = _interviewers(c, owner, [int(r["id"]) for r in rows])
    return [
        RecordFacts(
            applied_on=_day(r["applied_on"]),
            company=str(r["company"]),
            company_address=str(r["address"] or ""),
            role=str(r["role"]),
            status=str(r["status"]),
            rejected_on=_day(r["rejected_on"]) if r["rejected_on"] else None,
            source=r["source"],
            source_url=r["source_url"],
            referrer=r["referrer"],
            interviewers=tuple(met.get(int(r["id"]), ())),
        )
        for r in rows
    ]


def _interviewers(c: Connection, owner: int, ids: list[int]) -> dict[int, list[str]]:
    """The people met in each application's interviews, in the order first met."""
    if not ids:
        return {}
    listed, params = values_in("i.application_id", ids)
    rows = c.rows(
        "SELECT i.application_id, p.name FROM interviews i "
        "JOIN interview_people ip ON ip.interview_id = i.id "
        "JOIN people p ON p.id = ip.person_id "
        f"WHERE i.owner_id = :owner AND {listed} ORDER BY i.on_date, i.id, p.name",
        {**params, "owner": owner},
    )
    found: dict[int, list[str]] = {}
    for application_id, name in rows:
        names = found.setdefault(int(application_id), [])
        if name not in names:
            names.append(str(name))
    return found


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
