"""One-time form tokens: a create form spent twice creates once.

A spent token remembers what its form created, as ``kind:id``
(``application:5``); the web turns that into a page address.
"""

from __future__ import annotations

from nextround.storage.sql import Connection


def spent(c: Connection, owner: int, token: str) -> str | None:
    """What the form with ``token`` created, if it was already spent."""
    found = c.scalar(
        "SELECT location FROM form_submissions WHERE owner_id = :owner AND token = :token",
        {"owner": owner, "token": token},
    )
    return None if found is None else str(found)


def spend(c: Connection, owner: int, token: str, created: str) -> str | None:
    """Record ``token`` as spent on ``created``; if it already was, what it created then.

    One statement that never fails on a duplicate: a submit racing this one
    waits for it (the unique key), then finds what it created.
    """
    inserted = c.row(
        "INSERT INTO form_submissions (owner_id, token, location) VALUES (:owner, :token, :created) "
        "ON CONFLICT (owner_id, token) DO NOTHING RETURNING id",
        {"owner": owner, "token": token, "created": created},
    )
    if inserted is not None:
        return None
    return spent(c, owner, token)
