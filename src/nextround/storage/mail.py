"""The mail review queue and how far each IMAP folder has been read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from nextround.domain.suggestions import Suggestion, SuggestionKind, SuggestionStatus
from nextround.storage import records
from nextround.storage.sql import Connection, Row, as_datetime, in_list
from nextround.storage.values import as_date

_SELECT = (
    "SELECT s.*, c.name AS company, a.role AS role, p.name AS person FROM mail_suggestions s "
    "LEFT JOIN companies c ON c.id = s.company_id "
    "LEFT JOIN applications a ON a.id = s.application_id "
    "LEFT JOIN people p ON p.id = s.person_id "
    "WHERE s.owner_id = :owner"
)


def known_message_ids(c: Connection, owner: int, ids: Iterable[str]) -> set[str]:
    wanted = list(ids)
    if not wanted:
        return set()
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        listed, params = in_list("m", wanted[start : start + 500])
        found.update(
            str(r)
            for r in c.scalars(
                f"SELECT message_id FROM mail_suggestions WHERE owner_id = :owner AND message_id IN {listed}",
                {**params, "owner": owner},
            )
        )
    return found


def add_suggestion(c: Connection, owner: int, **values: object) -> int:
    evidence = values.pop("evidence", ())
    assert isinstance(evidence, tuple)
    return records.insert(c, "mail_suggestions", owner, {**values, "evidence": "\n".join(evidence)})


def suggestions(
    c: Connection, owner: int, statuses: Iterable[str] | None = None
) -> list[Suggestion]:
    where: str = "1 = 1"
    params: dict[str, object] = {}
    if statuses is not None:
        listed, params = in_list("s", list(statuses))
        where = f"s.status IN {listed}"
    rows = c.rows(
        f"{_SELECT} AND ({where}) ORDER BY s.received_at, s.id", {**params, "owner": owner}
    )
    return [_row(r) for r in rows]


def suggestion(c: Connection, owner: int, suggestion_id: int) -> Suggestion | None:
    found = c.row(f"{_SELECT} AND s.id = :id", {"owner": owner, "id": suggestion_id})
    return _row(found) if found is not None else None


def decide(
    c: Connection,
    owner: int,
    suggestion_id: int,
    status: str,
    on: date,
    values: Mapping[str, object] | None = None,
) -> None:
    """Confirm or dismiss a pending suggestion; a Conflict if someone decided it meanwhile."""
    records.update(
        c,
        "mail_suggestions",
        owner,
        suggestion_id,
        {"status": status, "decided_on": on, **(values or {})},
        expect={"status": SuggestionStatus.PENDING.value},
        stale=f"suggestion {suggestion_id} was decided meanwhile; see `nextround mail review`",
    )


def folder_states(c: Connection, owner: int) -> dict[str, tuple[int, int]]:
    """Source key -> (UIDVALIDITY, last UID read)."""
    rows = c.rows(
        "SELECT source, uidvalidity, last_uid FROM mail_folders WHERE owner_id = :owner",
        {"owner": owner},
    )
    return {str(s): (int(v), int(u)) for s, v, u in rows}


def save_folder_state(
    c: Connection, owner: int, source: str, uidvalidity: int, last_uid: int, at: datetime
) -> None:
    params = {"owner": owner, "source": source, "v": uidvalidity, "u": last_uid, "at": at}
    updated = c.execute(
        "UPDATE mail_folders SET uidvalidity = :v, last_uid = :u, scanned_at = :at "
        "WHERE owner_id = :owner AND source = :source",
        params,
    )
    if updated == 0:
        c.execute(
            "INSERT INTO mail_folders (owner_id, source, uidvalidity, last_uid, scanned_at) "
            "VALUES (:owner, :source, :v, :u, :at)",
            params,
        )


def _row(r: Row) -> Suggestion:
    return Suggestion(
        id=r["id"],
        message_id=r["message_id"],
        source=r["source"],
        kind=SuggestionKind(r["kind"]),
        received_at=as_datetime(r["received_at"]),
        sender=r["sender"],
        sender_name=r["sender_name"],
        subject=r["subject"],
        excerpt=r["excerpt"],
        label=r["label"],
        confidence=float(r["confidence"]),
        evidence=tuple(line for line in str(r["evidence"]).split("\n") if line),
        answer=r["answer"],
        company_id=r["company_id"],
        application_id=r["application_id"],
        person_id=r["person_id"],
        status=SuggestionStatus(r["status"]),
        decided_on=as_date(r["decided_on"]),
        company=r["company"],
        role=r["role"],
        person=r["person"],
    )


def people_by_sent_message(c: Connection, owner: int) -> dict[str, int]:
    """Message-ID of each congratulations email sent (no angle brackets) -> person id."""
    rows = c.rows(
        "SELECT congrats_message_id, person_id FROM relationships "
        "WHERE owner_id = :owner AND congrats_message_id IS NOT NULL",
        {"owner": owner},
    )
    return {str(m).strip().strip("<>"): int(p) for m, p in rows}


def replies_of(c: Connection, owner: int, person_id: int) -> list[Suggestion]:
    """One person's replies found in the mailbox, whatever became of them."""
    rows = c.rows(
        f"{_SELECT} AND s.person_id = :person AND s.kind = :kind ORDER BY s.id",
        {"owner": owner, "person": person_id, "kind": SuggestionKind.REPLY.value},
    )
    return [_row(r) for r in rows]
