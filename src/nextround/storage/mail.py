"""The mail review queue and how far each IMAP folder has been read."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from nextround.domain.suggestions import MailProblem, Suggestion, SuggestionKind, SuggestionStatus
from nextround.storage import records
from nextround.storage.sql import Connection, Row, as_datetime, in_list
from nextround.storage.values import as_date

_SELECT = (
    "SELECT s.*, c.name AS company, a.role AS role, p.name AS person FROM mail_suggestions s "
    "LEFT JOIN companies c ON c.id = s.company_id "
    "LEFT JOIN applications a ON a.id = s.application_id "
    "LEFT JOIN people p ON p.id = s.person_id "
    "WHERE s.owner_id = :owner AND s.kind <> 'problem'"
)
#: Problems share the queue's table (kind 'problem', status 'problem'), keyed by
#: their source in ``message_id`` so that a source has one problem at most.
_PROBLEM = "problem"
_KEY_LIMIT = 900


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
                "SELECT message_id FROM mail_suggestions WHERE owner_id = :owner "
                f"AND kind <> 'problem' AND message_id IN {listed}",
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


def unfold(c: Connection, owner: int, suggestion_id: int) -> None:
    """A folded suggestion back in the review queue; a Conflict if it changed meanwhile."""
    records.update(
        c,
        "mail_suggestions",
        owner,
        suggestion_id,
        {"status": SuggestionStatus.PENDING.value},
        expect={"status": SuggestionStatus.FOLDED.value},
        stale=f"suggestion {suggestion_id} changed meanwhile; see `nextround mail review --folded`",
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


# Problems ------------------------------------------------------------------


def problem_key(source: str) -> str:
    """The key a source's problem is stored under (never a real Message-ID)."""
    if len(source) <= _KEY_LIMIT:
        return f"problem:{source}"
    return f"problem:sha256:{hashlib.sha256(source.encode('utf-8', 'replace')).hexdigest()}"


def save_problem(
    c: Connection,
    owner: int,
    *,
    source: str,
    step: str,
    reason: str,
    at: datetime,
    subject: str = "",
    sender: str = "",
) -> None:
    """Record what went wrong with one source; a source seen again replaces its problem."""
    values = {
        "source": source[:2000],
        "label": step[:30],
        "excerpt": reason,
        "received_at": at,
        "subject": subject[:1000],
        "sender": sender[:320],
    }
    params = {**values, "owner": owner, "key": problem_key(source)}
    updated = c.execute(
        "UPDATE mail_suggestions SET source = :source, label = :label, excerpt = :excerpt, "
        "received_at = :received_at, subject = :subject, sender = :sender "
        "WHERE owner_id = :owner AND message_id = :key AND kind = 'problem'",
        params,
    )
    if updated == 0:
        records.insert(
            c,
            "mail_suggestions",
            owner,
            {
                **values,
                "message_id": problem_key(source),
                "kind": _PROBLEM,
                "status": _PROBLEM,
                "confidence": 0.0,
                "evidence": "",
            },
        )


def problem_sources(c: Connection, owner: int) -> set[str]:
    """The sources with a stored problem."""
    return {
        str(s)
        for s in c.scalars(
            "SELECT source FROM mail_suggestions WHERE owner_id = :owner AND kind = 'problem'",
            {"owner": owner},
        )
    }


def clear_problems(c: Connection, owner: int, sources: Iterable[str] | None = None) -> int:
    """Forget the problems of ``sources`` (all of them when None); how many went."""
    if sources is None:
        return c.execute(
            "DELETE FROM mail_suggestions WHERE owner_id = :owner AND kind = 'problem'",
            {"owner": owner},
        )
    keys = [problem_key(s) for s in sources]
    gone = 0
    for start in range(0, len(keys), 500):
        listed, params = in_list("k", keys[start : start + 500])
        gone += c.execute(
            "DELETE FROM mail_suggestions WHERE owner_id = :owner AND kind = 'problem' "
            f"AND message_id IN {listed}",
            {**params, "owner": owner},
        )
    return gone


def problems(c: Connection, owner: int) -> list[MailProblem]:
    """Every stored problem, the latest first."""
    rows = c.rows(
        "SELECT id, source, label, excerpt, received_at, subject, sender FROM mail_suggestions "
        "WHERE owner_id = :owner AND kind = 'problem' ORDER BY received_at DESC, id DESC",
        {"owner": owner},
    )
    return [
        MailProblem(
            id=r["id"],
            source=r["source"],
            step=r["label"],
            reason=r["excerpt"],
            seen_at=as_datetime(r["received_at"]),
            subject=r["subject"],
            sender=r["sender"],
        )
        for r in rows
    ]
