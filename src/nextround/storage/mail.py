"""The mail review queue and how far each IMAP folder has been read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import sqlalchemy as sa

from nextround.domain.suggestions import Suggestion, SuggestionKind, SuggestionStatus
from nextround.storage.rows import insert_id
from nextround.storage.schema import (
    applications,
    companies,
    mail_folders,
    mail_suggestions,
    people,
    relationships,
)
from nextround.storage.values import as_date


def known_message_ids(connection: sa.Connection, owner: int, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    if not ids:
        return set()
    query = sa.select(mail_suggestions.c.message_id).where(
        mail_suggestions.c.owner_id == owner, mail_suggestions.c.message_id.in_(ids)
    )
    return {str(r) for r in connection.scalars(query)}


def add_suggestion(connection: sa.Connection, owner: int, **values: object) -> int:
    evidence = values.pop("evidence", ())
    assert isinstance(evidence, tuple)
    return insert_id(
        connection,
        mail_suggestions.insert().values(owner_id=owner, evidence="\n".join(evidence), **values),
    )


def _select() -> sa.Select[tuple[object, ...]]:
    return (
        sa.select(
            mail_suggestions,
            companies.c.name.label("company"),
            applications.c.role.label("role"),
            people.c.name.label("person"),
        )
        .outerjoin(companies, companies.c.id == mail_suggestions.c.company_id)
        .outerjoin(applications, applications.c.id == mail_suggestions.c.application_id)
        .outerjoin(people, people.c.id == mail_suggestions.c.person_id)
    )


def suggestions(
    connection: sa.Connection, owner: int, statuses: Iterable[str] | None = None
) -> list[Suggestion]:
    query = _select().where(mail_suggestions.c.owner_id == owner)
    if statuses is not None:
        query = query.where(mail_suggestions.c.status.in_(list(statuses)))
    query = query.order_by(mail_suggestions.c.received_at, mail_suggestions.c.id)
    return [_row(r) for r in connection.execute(query).mappings()]


def suggestion(connection: sa.Connection, owner: int, suggestion_id: int) -> Suggestion | None:
    query = _select().where(
        mail_suggestions.c.owner_id == owner, mail_suggestions.c.id == suggestion_id
    )
    found = connection.execute(query).mappings().first()
    return _row(found) if found is not None else None


def decide(
    connection: sa.Connection,
    owner: int,
    suggestion_id: int,
    status: str,
    on: date,
    **values: object,
) -> None:
    connection.execute(
        mail_suggestions.update()
        .where(mail_suggestions.c.owner_id == owner, mail_suggestions.c.id == suggestion_id)
        .values(status=status, decided_on=on, **values)
    )


def folder_states(connection: sa.Connection, owner: int) -> dict[str, tuple[int, int]]:
    """Source key -> (UIDVALIDITY, last UID read)."""
    query = sa.select(
        mail_folders.c.source, mail_folders.c.uidvalidity, mail_folders.c.last_uid
    ).where(mail_folders.c.owner_id == owner)
    return {str(s): (int(v), int(u)) for s, v, u in connection.execute(query)}


def save_folder_state(
    connection: sa.Connection,
    owner: int,
    source: str,
    uidvalidity: int,
    last_uid: int,
    at: datetime,
) -> None:
    updated = connection.execute(
        mail_folders.update()
        .where(mail_folders.c.owner_id == owner, mail_folders.c.source == source)
        .values(uidvalidity=uidvalidity, last_uid=last_uid, scanned_at=at)
    )
    if updated.rowcount == 0:
        connection.execute(
            mail_folders.insert().values(
                owner_id=owner,
                source=source,
                uidvalidity=uidvalidity,
                last_uid=last_uid,
                scanned_at=at,
            )
        )


def _row(r: sa.RowMapping) -> Suggestion:
    return Suggestion(
        id=r["id"],
        message_id=r["message_id"],
        source=r["source"],
        kind=SuggestionKind(r["kind"]),
        received_at=r["received_at"],
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


def people_by_sent_message(connection: sa.Connection, owner: int) -> dict[str, int]:
    """Message-ID of each congratulations email sent (no angle brackets) -> person id."""
    query = sa.select(relationships.c.congrats_message_id, relationships.c.person_id).where(
        relationships.c.owner_id == owner, relationships.c.congrats_message_id.is_not(None)
    )
    return {str(m).strip().strip("<>"): int(p) for m, p in connection.execute(query)}


def replies_of(connection: sa.Connection, owner: int, person_id: int) -> list[Suggestion]:
    """One person's replies found in the mailbox, whatever became of them."""
    query = _select().where(
        mail_suggestions.c.owner_id == owner,
        mail_suggestions.c.person_id == person_id,
        mail_suggestions.c.kind == SuggestionKind.REPLY.value,
    )
    return [_row(r) for r in connection.execute(query.order_by(mail_suggestions.c.id)).mappings()]
