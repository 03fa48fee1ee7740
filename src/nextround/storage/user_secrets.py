"""The secrets a user gives a hosted site (migration 0021 ``user_secrets``): only their
ciphertext, one row per (owner, name).

Only :mod:`nextround.services.user_secrets` encrypts and decrypts; here the rows are
read and written, always for one owner, except :func:`every` and :func:`rewrite`,
which the site key's rotation runs across every owner.
"""

from __future__ import annotations

from collections.abc import Mapping

from nextround.storage.sql import Connection


def names(c: Connection, owner: int) -> set[str]:
    """The names of the owner's saved secrets (never their values)."""
    rows = c.rows("SELECT name FROM user_secrets WHERE owner_id = :owner", {"owner": owner})
    return {str(name) for (name,) in rows}


def ciphertext(c: Connection, owner: int, name: str) -> str | None:
    found = c.scalar(
        "SELECT ciphertext FROM user_secrets WHERE owner_id = :owner AND name = :name",
        {"owner": owner, "name": name},
    )
    return None if found is None else str(found)


def write(c: Connection, owner: int, changes: Mapping[str, str | None]) -> None:
    """Set each named secret to its ciphertext; None deletes it."""
    for name, sealed in changes.items():
        where = {"owner": owner, "name": name}
        c.execute("DELETE FROM user_secrets WHERE owner_id = :owner AND name = :name", where)
        if sealed is not None:
            c.execute(
                "INSERT INTO user_secrets (owner_id, name, ciphertext, updated_at) "
                "VALUES (:owner, :name, :sealed, CURRENT_TIMESTAMP)",
                {**where, "sealed": sealed},
            )


def every(c: Connection) -> list[tuple[int, str, str]]:
    """Every owner's secrets as (owner, name, ciphertext): for the key's rotation only."""
    rows = c.rows("SELECT owner_id, name, ciphertext FROM user_secrets ORDER BY owner_id, name")
    return [(int(owner), str(name), str(sealed)) for owner, name, sealed in rows]


def rewrite(c: Connection, owner: int, name: str, sealed: str) -> None:
    """Replace one secret's ciphertext (the same secret under another key)."""
    c.execute(
        "UPDATE user_secrets SET ciphertext = :sealed, updated_at = CURRENT_TIMESTAMP "
        "WHERE owner_id = :owner AND name = :name",
        {"owner": owner, "name": name, "sealed": sealed},
    )
