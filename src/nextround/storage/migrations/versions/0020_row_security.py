"""Row-level security on PostgreSQL: a transaction touches only its owner's rows.

- ``nr_owner()``: the owner id in the transaction-local setting
  ``nextround.owner`` (NULL when unset, empty or ``'*'``).
- ``nr_everyone()``: whether that setting is ``'*'``, the named way for system
  work across owners (:mod:`nextround.storage.owners` lists its uses).
- Every table with an ``owner_id`` column when this runs (found in the catalog,
  so whatever tables exist then are covered): row-level security enabled and
  forced (the tables' owner obeys it too), with the policies ``nr_owner_rows``
  (``owner_id = nr_owner()``, for reading and for what is written) and
  ``nr_everyone``.
- ``change_rows`` (no ``owner_id``): the rows of a change the transaction may
  see (``changes`` is itself filtered by owner).

Left alone: ``users`` (the accounts themselves, read before anyone is logged
in), ``sessions`` and ``invitations`` (found by a secret token's hash before the
user is known; keyed by ``user_id``), ``id_sequence`` (one shared counter, no
user data), ``alembic_version`` and procrastinate's tables (the job queue; its
jobs name an owner in their arguments only). On SQLite nothing changes.

Revision ID: 0020_row_security
Revises: 0018_user_settings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_row_security"
down_revision = "0018_user_settings"
branch_labels = None
depends_on = None

FUNCTIONS = (
    "CREATE OR REPLACE FUNCTION nr_owner() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS "
    "$$ SELECT CASE WHEN current_setting('nextround.owner', true) ~ '^[0-9]{1,9}$' "
    "THEN current_setting('nextround.owner', true)::integer END $$",
    "CREATE OR REPLACE FUNCTION nr_everyone() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE "
    "AS $$ SELECT coalesce(current_setting('nextround.owner', true) = '*', false) $$",
)
CHANGE_ROWS = "EXISTS (SELECT 1 FROM changes WHERE changes.id = change_rows.change_id)"


def owned_tables(bind: sa.Connection) -> list[str]:
    """Every table of the current schema with an ``owner_id`` column."""
    rows = bind.execute(
        sa.text(
            "SELECT c.table_name FROM information_schema.columns c "
            "JOIN information_schema.tables t "
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = current_schema() AND c.column_name = 'owner_id' "
            "AND t.table_type = 'BASE TABLE' ORDER BY c.table_name"
        )
    )
    return [str(r[0]) for r in rows]


def _protect(table: str, rule: str) -> None:
    op.execute(sa.text(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY'))
    op.execute(sa.text(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY'))
    op.execute(
        sa.text(f'CREATE POLICY nr_owner_rows ON "{table}" USING ({rule}) WITH CHECK ({rule})')
    )
    op.execute(
        sa.text(
            f'CREATE POLICY nr_everyone ON "{table}" USING (nr_everyone()) '
            "WITH CHECK (nr_everyone())"
        )
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for statement in FUNCTIONS:
        op.execute(sa.text(statement))
    for table in owned_tables(bind):
        _protect(table, "owner_id = nr_owner()")
    _protect("change_rows", CHANGE_ROWS)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in [*owned_tables(bind), "change_rows"]:
        op.execute(sa.text(f'DROP POLICY IF EXISTS nr_owner_rows ON "{table}"'))
        op.execute(sa.text(f'DROP POLICY IF EXISTS nr_everyone ON "{table}"'))
        op.execute(sa.text(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY'))
        op.execute(sa.text(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY'))
    op.execute(sa.text("DROP FUNCTION IF EXISTS nr_everyone()"))
    op.execute(sa.text("DROP FUNCTION IF EXISTS nr_owner()"))
