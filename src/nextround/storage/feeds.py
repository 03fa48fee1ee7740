"""Secret feed links: only the SHA-256 of each token is stored, one per owner and purpose."""

from __future__ import annotations

import sqlalchemy as sa

from nextround.storage.schema import feed_tokens


def replace(connection: sa.Connection, owner: int, purpose: str, token_hash: str) -> None:
    """Store a new token hash for ``purpose``; any earlier one stops working."""
    revoke(connection, owner, purpose)
    connection.execute(
        feed_tokens.insert().values(owner_id=owner, purpose=purpose, token_hash=token_hash)
    )


def revoke(connection: sa.Connection, owner: int, purpose: str) -> None:
    connection.execute(
        feed_tokens.delete().where(
            feed_tokens.c.owner_id == owner, feed_tokens.c.purpose == purpose
        )
    )


def owner_of(connection: sa.Connection, purpose: str, token_hash: str) -> int | None:
    query = sa.select(feed_tokens.c.owner_id).where(
        feed_tokens.c.token_hash == token_hash, feed_tokens.c.purpose == purpose
    )
    found = connection.execute(query).scalar()
    return int(found) if found is not None else None


def exists(connection: sa.Connection, owner: int, purpose: str) -> bool:
    query = sa.select(feed_tokens.c.id).where(
        feed_tokens.c.owner_id == owner, feed_tokens.c.purpose == purpose
    )
    return connection.execute(query).first() is not None
