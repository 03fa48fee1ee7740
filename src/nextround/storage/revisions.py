"""Earlier versions of edited texts: interviews' notes, journal entries, drafts."""

from __future__ import annotations

from collections.abc import Mapping

from nextround.domain.history import Revision, RevisionKind
from nextround.storage import records
from nextround.storage.sql import Connection, as_datetime


def keep(
    c: Connection,
    owner: int,
    kind: RevisionKind,
    record_id: int,
    text: str,
    subject: str | None = None,
) -> None:
    """Keep ``text`` as the record's latest earlier version."""
    number = c.scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM record_revisions "
        "WHERE owner_id = :owner AND kind = :kind AND record_id = :id",
        {"owner": owner, "kind": kind.value, "id": record_id},
    )
    records.insert(
        c,
        "record_revisions",
        owner,
        {
            "kind": kind.value,
            "record_id": record_id,
            "number": int(number),
            "text": text,
            "subject": subject,
        },
    )


def of(c: Connection, owner: int, kind: RevisionKind, record_id: int) -> list[Revision]:
    """The record's earlier versions, oldest first."""
    rows = c.rows(
        "SELECT id, kind, record_id, number, saved_at, text, subject FROM record_revisions "
        "WHERE owner_id = :owner AND kind = :kind AND record_id = :id ORDER BY number",
        {"owner": owner, "kind": kind.value, "id": record_id},
    )
    found = []
    for r in rows:
        saved = as_datetime(r[4])
        assert saved is not None
        found.append(Revision(r[0], RevisionKind(r[1]), r[2], r[3], saved, r[5], r[6]))
    return found


def delete_of(
    c: Connection, owner: int, kind: str, ids_sql: str, params: Mapping[str, object]
) -> None:
    """Forget the earlier versions of the records ``ids_sql`` selects (they are being deleted)."""
    records.delete_where(
        c,
        "record_revisions",
        owner,
        f"kind = :rkind AND record_id IN ({ids_sql})",
        {**params, "rkind": kind},
    )
