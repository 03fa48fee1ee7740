"""Accounts on a hosted site: what a one-time link is for, sign-in through the
organisation's identity provider, a coach's consented view, and users' secrets
encrypted with the site key (see :mod:`nextround.storage.schema_accounts`).

- ``invitations.purpose``: ``invite``, ``reset`` or ``signup``.
- ``identities``: (issuer, subject) at an OpenID Connect provider -> a user.
- ``coach_grants``: (job seeker, coach), one row per consent given.
- ``user_secrets``: (owner, name) -> ciphertext; on PostgreSQL under the same
  forced row-level security as every table with an ``owner_id``
  (migration 0020).

Revision ID: 0021_accounts
Revises: 0020_row_security
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021_accounts"
down_revision = "0020_row_security"
branch_labels = None
depends_on = None


def _user(name: str, table: str) -> sa.Column[int]:
    return sa.Column(
        name,
        sa.Integer(),
        sa.ForeignKey("users.id", name=f"fk_{table}_{name}_users", ondelete="CASCADE"),
        nullable=False,
    )


def _created() -> sa.Column[object]:
    return sa.Column(
        "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
    )


def upgrade() -> None:
    op.add_column(
        "invitations",
        sa.Column("purpose", sa.String(length=16), server_default="invite", nullable=False),
    )
    op.create_table(
        "identities",
        sa.Column("id", sa.Integer(), nullable=False),
        _user("user_id", "identities"),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        _created(),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identities")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_identities_issuer_subject")),
    )
    op.create_index("ix_identities_user_id", "identities", ["user_id"])
    op.create_table(
        "coach_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        _user("seeker_id", "coach_grants"),
        _user("coach_id", "coach_grants"),
        _created(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_grants")),
        sa.UniqueConstraint(
            "seeker_id", "coach_id", name=op.f("uq_coach_grants_seeker_id_coach_id")
        ),
    )
    op.create_index("ix_coach_grants_seeker_id", "coach_grants", ["seeker_id"])
    op.create_index("ix_coach_grants_coach_id", "coach_grants", ["coach_id"])
    op.create_table(
        "user_secrets",
        _user("owner_id", "user_secrets"),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("ciphertext", sa.Text(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.PrimaryKeyConstraint("owner_id", "name", name=op.f("pk_user_secrets")),
    )
    if op.get_bind().dialect.name == "postgresql":
        rule = "owner_id = nr_owner()"
        for statement in (
            "ALTER TABLE user_secrets ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE user_secrets FORCE ROW LEVEL SECURITY",
            f"CREATE POLICY nr_owner_rows ON user_secrets USING ({rule}) WITH CHECK ({rule})",
            "CREATE POLICY nr_everyone ON user_secrets USING (nr_everyone()) "
            "WITH CHECK (nr_everyone())",
        ):
            op.execute(sa.text(statement))


def downgrade() -> None:
    op.drop_table("user_secrets")
    op.drop_index("ix_coach_grants_coach_id", table_name="coach_grants")
    op.drop_index("ix_coach_grants_seeker_id", table_name="coach_grants")
    op.drop_table("coach_grants")
    op.drop_index("ix_identities_user_id", table_name="identities")
    op.drop_table("identities")
    op.execute(sa.text("ALTER TABLE invitations DROP COLUMN purpose"))
