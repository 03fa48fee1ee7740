"""A count on each user that every change to their stored settings raises
(``users.settings_stamp``), kept by a trigger on ``user_settings`` in the same
transaction as the change, whoever makes it (the settings page, a restore, an admin):
the session's read on Today's page returns it, so that a web process may keep a user's
built settings while it is unchanged and skip reading them
(:func:`nextround.services.user_settings.personal`).

``users`` has no row-level security (migration 0020), so the trigger can raise the count
as whichever user changes their settings. On SQLite the same in three triggers.

Revision ID: 0024_settings_stamp
Revises: 0023_attempts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024_settings_stamp"
down_revision = "0023_attempts"
branch_labels = None
depends_on = None

POSTGRES = (
    "CREATE OR REPLACE FUNCTION nr_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF TG_OP <> 'INSERT' THEN "
    "UPDATE users SET settings_stamp = settings_stamp + 1 WHERE id = OLD.owner_id; END IF; "
    "IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.owner_id IS DISTINCT FROM OLD.owner_id) "
    "THEN UPDATE users SET settings_stamp = settings_stamp + 1 WHERE id = NEW.owner_id; END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER nr_settings_changed AFTER INSERT OR UPDATE OR DELETE ON user_settings "
    "FOR EACH ROW EXECUTE FUNCTION nr_settings_changed()",
)
SQLITE = tuple(
    f"CREATE TRIGGER nr_settings_{event.lower()} AFTER {event} ON user_settings BEGIN "
    + " ".join(
        f"UPDATE users SET settings_stamp = settings_stamp + 1 WHERE id = {row}.owner_id;"
        for row in rows
    )
    + " END"
    for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",)))
)


def upgrade() -> None:
    op.add_column(
        "users", sa.Column("settings_stamp", sa.Integer(), nullable=False, server_default="0")
    )
    bind = op.get_bind()
    for statement in POSTGRES if bind.dialect.name == "postgresql" else SQLITE:
        op.execute(sa.text(statement))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(sa.text("DROP TRIGGER IF EXISTS nr_settings_changed ON user_settings"))
        op.execute(sa.text("DROP FUNCTION IF EXISTS nr_settings_changed()"))
    else:
        for event in ("insert", "update", "delete"):
            op.execute(sa.text(f"DROP TRIGGER IF EXISTS nr_settings_{event}"))
    # Both dialects drop a column in place (SQLite since 3.35): rebuilding ``users`` on
    # SQLite, as a batch would, trips the foreign keys that point at it.
    op.execute(sa.text("ALTER TABLE users DROP COLUMN settings_stamp"))
