"""One-time form tokens: the first submission spends a token, a second finds it spent."""

from __future__ import annotations

import sqlalchemy as sa

from nextround.storage.schema import form_submissions


def spend(connection: sa.Connection, owner: int, token: str, location: str) -> str | None:
    """Spend ``token`` for ``location``; the earlier location when it was spent already."""
    earlier = connection.execute(
        sa.select(form_submissions.c.location).where(
            form_submissions.c.owner_id == owner, form_submissions.c.token == token
        )
    ).scalar()
    if earlier is not None:
        return str(earlier)
    connection.execute(
        form_submissions.insert().values(owner_id=owner, token=token, location=location)
    )
    return None
