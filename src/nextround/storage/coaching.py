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
from typing import Literal

from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.sql import Connection, Row, as_datetime, in_list
from nextround.storage.values import as_date, must_date


@dataclass(frozen=True)
class Party:
    """The other user of a grant (a seeker's coach, or a coach's seeker), and since when."""

    grant_id: int
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


#: The lists of coaches and of seekers: in the order consent was given.
ORDER = Order(Column("g.id", "grant_id", int))
_PARTY = (
    "SELECT g.id, u.id, u.email, u.name, g.created_at, u.disabled_at FROM coach_grants g "
    "JOIN users u ON u.id = g.{side}_id WHERE 1 = 1"
)
_LIVE = (
    "NOT EXISTS (SELECT 1 FROM users d WHERE d.id IN (g.seeker_id, g.coach_id)"
    " AND d.disabled_at IS NOT NULL)"
)


def _party(r: Row) -> Party:
    since = as_datetime(r[4])
    assert since is not None
    return Party(int(r[0]), int(r[1]), str(r[2] or ""), str(r[3]), since, r[5] is None)


def add(c: Connection, seeker_id: int, coach_id: int) -> None:
    """Record the seeker's consent; given already (two submits at once too), nothing changes."""
    c.execute(
        "INSERT INTO coach_grants (seeker_id, coach_id) VALUES (:seeker, :coach) "
        "ON CONFLICT (seeker_id, coach_id) DO NOTHING",
        {"seeker": seeker_id, "coach": coach_id},
    )


def delete(c: Connection, seeker_id: int, coach_id: int) -> bool:
    """Withdraw the consent; False when there was none."""
    done = c.execute(
        "DELETE FROM coach_grants WHERE seeker_id = :seeker AND coach_id = :coach",
        {"seeker": seeker_id, "coach": coach_id},
    )
    return done > 0


def grant(
    c: Connection, seeker_id: int, coach_id: int, *, side: Literal["coach", "seeker"], live: bool
) -> Party | None:
    """The seeker's consent to this coach, as the ``side`` user of it; None without one.

    With ``live``, only while both users are live (a disabled seeker's or coach's
    grant counts for nothing)."""
    found = c.row(
        _PARTY.format(side=side)
        + " AND g.seeker_id = :seeker AND g.coach_id = :coach"
        + (f" AND {_LIVE}" if live else ""),
        {"seeker": seeker_id, "coach": coach_id},
    )
    return None if found is None else _party(found)


def coaches_of(c: Connection, seeker_id: int, window: Window = EVERYTHING) -> list[Party]:
    """The seeker's coaches (disabled ones too, so they can still be removed); a limited
    ``window`` reads one row more (see :mod:`nextround.storage.paging`)."""
    rows = ORDER.rows(
        c, _PARTY.format(side="coach"), "g.seeker_id = :seeker", {"seeker": seeker_id}, window
    )
    return [_party(r) for r in rows]


def seekers_of(c: Connection, coach_id: int, window: Window = EVERYTHING) -> list[Party]:
    """The users who consent to this coach while both are live; a limited ``window`` reads
    one row more."""
    rows = ORDER.rows(
        c,
        _PARTY.format(side="seeker"),
        f"g.coach_id = :coach AND {_LIVE}",
        {"coach": coach_id},
        window,
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
