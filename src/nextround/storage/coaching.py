"""A job seeker's consent that a coach sees their pipeline (``coach_grants``, migration
0021), and the few narrow reads of the seeker's rows the coach's summary is made of.

``coach_grants`` has no ``owner_id``: it is two users' row, read by both. The
reads of the seeker's own rows (:func:`applications_in_brief`,
:func:`status_changes`) select only the columns a coach may see, never the
notes, descriptions, drafts or anyone's contact details, and run in a
transaction bound to the seeker (:mod:`nextround.services.coaching` checks the
grant first, in that same transaction).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from nextround.storage.sql import Connection, Row, as_datetime, in_list
from nextround.storage.values import as_date, must_date


@dataclass(frozen=True)
class Party:
    """The other user of a grant (a seeker's coach, or a coach's seeker), and since when."""

    id: int
    email: str
    name: str
    since: datetime
    live: bool


@dataclass(frozen=True)
class BriefApplication:
    """What a coach sees of one application."""

    id: int
    company: str
    role: str
    status: str
    applied_on: date | None


def _party(r: Row) -> Party:
    since = as_datetime(r[3])
    assert since is not None
    return Party(int(r[0]), str(r[1] or ""), str(r[2]), since, r[4] is None)


def add(c: Connection, seeker_id: int, coach_id: int) -> bool:
    """Record the seeker's consent; False when it was given already."""
    if is_granted(c, seeker_id, coach_id, live=False):
        return False
    c.execute(
        "INSERT INTO coach_grants (seeker_id, coach_id) VALUES (:seeker, :coach)",
        {"seeker": seeker_id, "coach": coach_id},
    )
    return True


def delete(c: Connection, seeker_id: int, coach_id: int) -> bool:
    """Withdraw the consent; False when there was none."""
    done = c.execute(
        "DELETE FROM coach_grants WHERE seeker_id = :seeker AND coach_id = :coach",
        {"seeker": seeker_id, "coach": coach_id},
    )
    return done > 0


def is_granted(c: Connection, seeker_id: int, coach_id: int, *, live: bool = True) -> bool:
    """Whether the seeker consents to this coach; with ``live``, only while both users are
    live (a disabled seeker's or coach's grant counts for nothing)."""
    alive = (
        " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id IN (g.seeker_id, g.coach_id)"
        " AND u.disabled_at IS NOT NULL)"
        if live
        else ""
    )
    found = c.row(
        f"SELECT 1 FROM coach_grants g WHERE g.seeker_id = :seeker AND g.coach_id = :coach{alive}",
        {"seeker": seeker_id, "coach": coach_id},
    )
    return found is not None


def coaches_of(c: Connection, seeker_id: int) -> list[Party]:
    """The seeker's coaches (disabled ones too, so they can still be removed), by email."""
    rows = c.rows(
        "SELECT u.id, u.email, u.name, g.created_at, u.disabled_at FROM coach_grants g "
        "JOIN users u ON u.id = g.coach_id WHERE g.seeker_id = :seeker ORDER BY u.email, u.id",
        {"seeker": seeker_id},
    )
    return [_party(r) for r in rows]


def seekers_of(c: Connection, coach_id: int) -> list[Party]:
    """The live users who consent to this coach, by name."""
    rows = c.rows(
        "SELECT u.id, u.email, u.name, g.created_at, u.disabled_at FROM coach_grants g "
        "JOIN users u ON u.id = g.seeker_id "
        "WHERE g.coach_id = :coach AND u.disabled_at IS NULL ORDER BY u.name, u.email, u.id",
        {"coach": coach_id},
    )
    return [_party(r) for r in rows]


def applications_in_brief(c: Connection, owner: int, limit: int) -> list[BriefApplication]:
    """The owner's applications, the most recently applied (or added) first, ``limit`` of
    them: company, role, status and the day applied, nothing else."""
    rows = c.rows(
        "SELECT a.id, c.name, a.role, a.status, a.applied_on FROM applications a "
        "JOIN companies c ON c.id = a.company_id WHERE a.owner_id = :owner "
        "ORDER BY CASE WHEN a.applied_on IS NULL THEN 0 ELSE 1 END, a.applied_on DESC, "
        "a.id DESC LIMIT :limit",
        {"owner": owner, "limit": limit},
    )
    return [
        BriefApplication(int(r[0]), str(r[1]), str(r[2]), str(r[3]), as_date(r[4])) for r in rows
    ]


def status_changes(
    c: Connection, owner: int, app_ids: Iterable[int]
) -> dict[int, list[tuple[date, str]]]:
    """Each application's moves along the pipeline, oldest first: id -> [(day, status)].
    One query."""
    wanted = list(dict.fromkeys(app_ids))
    found: dict[int, list[tuple[date, str]]] = {i: [] for i in wanted}
    if not wanted:
        return found
    listed, params = in_list("a", wanted)
    rows = c.rows(
        "SELECT application_id, on_date, to_status FROM application_events "
        f"WHERE owner_id = :owner AND application_id IN {listed} ORDER BY on_date, id",
        {**params, "owner": owner},
    )
    for app_id, on, status in rows:
        found[int(app_id)].append((must_date(on), str(status)))
    return found
