"""One-time form tokens: a create form spent twice creates once."""

from __future__ import annotations

import sqlalchemy as sa

from nextround.storage.schema import form_submissions


def spent(connection: sa.Connection, owner: int, token: str) -> str | None:
    """Where the form with ``token`` led, if it was already spent."""
    query = sa.select(form_submissions.c.location).where(
        form_submissions.c.owner_id == owner, form_submissions.c.token == token
    )
    location = connection.execute(query).scalar()
    return None if location is None else str(location)


def spend(connection: sa.Connection, owner: int, token: str, location: str) -> str | None:
    """Record ``token`` as spent on ``location``; if it already was, the earlier location.

    One statement that never fails on a duplicate: a submit racing this one
    waits for it (the unique key), then finds its location.
    """
    values = {"owner_id": owner, "token": token, "location": location}
    insert = (
        _insert(connection)
        .values(**values)
        .on_conflict_do_nothing()
        .returning(form_submissions.c.id)
    )
    if connection.execute(insert).first() is not None:
        return None
    return spent(connection, owner, token)


def _insert(connection: sa.Connection) -> sa.dialects.postgresql.Insert | sa.dialects.sqlite.Insert:
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(form_submissions)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(form_submissions)
