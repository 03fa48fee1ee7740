"""Secret feed links: only the SHA-256 of each token is stored, one per owner and purpose."""

from __future__ import annotations

from nextround.storage.sql import Connection


def replace(c: Connection, owner: int, purpose: str, token_hash: str) -> None:
    """Store a new token hash for ``purpose``; any earlier one stops working."""
    revoke(c, owner, purpose)
    c.execute(
        "INSERT INTO feed_tokens (owner_id, purpose, token_hash) VALUES (:owner, :purpose, :hash)",
        {"owner": owner, "purpose": purpose, "hash": token_hash},
    )


def revoke(c: Connection, owner: int, purpose: str) -> None:
    c.execute(
        "DELETE FROM feed_tokens WHERE owner_id = :owner AND purpose = :purpose",
        {"owner": owner, "purpose": purpose},
    )


def owner_of(c: Connection, purpose: str, token_hash: str) -> int | None:
    found = c.scalar(
        "SELECT owner_id FROM feed_tokens WHERE token_hash = :hash AND purpose = :purpose",
        {"hash": token_hash, "purpose": purpose},
    )
    return int(found) if found is not None else None


def exists(c: Connection, owner: int, purpose: str) -> bool:
    return (
        c.row(
            "SELECT 1 FROM feed_tokens WHERE owner_id = :owner AND purpose = :purpose",
            {"owner": owner, "purpose": purpose},
        )
        is not None
    )
