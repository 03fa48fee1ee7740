"""A hosted user's own settings (migration 0018): (section, key) -> a JSON value, per owner.

Only the service :mod:`nextround.services.user_settings` decides which settings
are a user's; here they are read and written, always for one owner.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from nextround.storage.sql import Connection, in_list


def read(c: Connection, owner: int) -> dict[str, dict[str, Any]]:
    """The owner's settings as config-file tables: {section: {key: value}}."""
    found: dict[str, dict[str, Any]] = {}
    rows = c.rows(
        "SELECT section, key, value FROM user_settings WHERE owner_id = :owner "
        "ORDER BY section, key",
        {"owner": owner},
    )
    for section, key, value in rows:
        found.setdefault(str(section), {})[str(key)] = json.loads(value)
    return found


#: One owner's settings as stored: (section, key, JSON value) rows in order, and their
#: login email; hashable, so that what is built from them can be kept by it.
Stored = tuple[tuple[tuple[str, str, str], ...], str]


def own(c: Connection, owner: int) -> Stored:
    """The owner's settings rows and login email, in one query (see :data:`Stored`)."""
    found = c.rows(
        "SELECT u.email, s.section, s.key, s.value FROM users u "
        "LEFT JOIN user_settings s ON s.owner_id = u.id WHERE u.id = :owner "
        "ORDER BY s.section, s.key",
        {"owner": owner},
    )
    rows = tuple((str(r[1]), str(r[2]), str(r[3])) for r in found if r[1] is not None)
    return rows, str(found[0][0] or "") if found else ""


def tables(rows: tuple[tuple[str, str, str], ...]) -> dict[str, dict[str, Any]]:
    """:func:`own`'s rows as config-file tables, as :func:`read` gives them."""
    found: dict[str, dict[str, Any]] = {}
    for section, key, value in rows:
        found.setdefault(section, {})[key] = json.loads(value)
    return found


def account_email(c: Connection, owner: int) -> str:
    """The address the owner logs in with; "" for the local user (who has none)."""
    value = c.scalar("SELECT email FROM users WHERE id = :id", {"id": owner})
    return str(value or "")


def write(c: Connection, owner: int, changes: Mapping[tuple[str, str], Any]) -> None:
    """Set each (section, key) to its value; None removes the setting (its default applies).

    The owner's settings stamp is raised first (a trigger raises it again for each row,
    migration 0024): that locks the user's row before any of theirs in ``user_settings``,
    so two saves for one user at once take turns instead of each holding a setting the
    other's trigger waits behind (a deadlock)."""
    if changes:
        c.execute(
            "UPDATE users SET settings_stamp = settings_stamp + 1 WHERE id = :owner",
            {"owner": owner},
        )
    for (section, key), value in changes.items():
        where = {"owner": owner, "section": section, "key": key}
        c.execute(
            "DELETE FROM user_settings "
            "WHERE owner_id = :owner AND section = :section AND key = :key",
            where,
        )
        if value is not None:
            c.execute(
                "INSERT INTO user_settings (owner_id, section, key, value, updated_at) "
                "VALUES (:owner, :section, :key, :value, CURRENT_TIMESTAMP)",
                {**where, "value": json.dumps(value, ensure_ascii=False)},
            )


def read_owners(
    c: Connection, owners: list[int]
) -> dict[int, tuple[dict[str, dict[str, Any]], str]]:
    """:func:`read` and :func:`account_email` of every owner in ``owners``, in two queries
    (run across owners: the scheduled digest of a hosted site)."""
    listed, params = in_list("o", owners)
    found: dict[int, tuple[dict[str, dict[str, Any]], str]] = {o: ({}, "") for o in owners}
    for o, email in c.rows(f"SELECT id, email FROM users WHERE id IN {listed}", params):
        found[int(o)] = ({}, str(email or ""))
    rows = c.rows(
        "SELECT owner_id, section, key, value FROM user_settings "
        f"WHERE owner_id IN {listed} ORDER BY owner_id, section, key",
        params,
    )
    for o, section, key, value in rows:
        found[int(o)][0].setdefault(str(section), {})[str(key)] = json.loads(value)
    return found


def owners_with(c: Connection, section: str, key: str) -> list[int]:
    """Every owner who set ``section.key`` (run across owners: whose mail scan is due)."""
    rows = c.rows(
        "SELECT owner_id FROM user_settings WHERE section = :section AND key = :key "
        "ORDER BY owner_id",
        {"section": section, "key": key},
    )
    return [int(owner) for (owner,) in rows]
