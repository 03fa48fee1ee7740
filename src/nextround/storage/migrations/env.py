"""Alembic environment: runs on the connection nextround hands over (never from a URL in a file)."""

from __future__ import annotations

from alembic import context

from nextround.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when run by hand with the alembic command
    raise SystemExit("run migrations through nextround (they upgrade on open)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
