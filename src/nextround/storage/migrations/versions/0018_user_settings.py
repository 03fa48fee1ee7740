"""Settings per user on a hosted site: who the drafts are from, the playbook's offsets,
what they look for, and other personal settings, one row per setting.

- ``user_settings``: (owner, section, key) -> the value as JSON text, the way
  ``config.toml`` would hold it (``[user] name``, ``[playbook] card_days``...).
  Only the personal settings are kept here (see
  :data:`nextround.services.user_settings.PERSONAL`); the site's own (its
  database, SMTP server, mailbox) stay in the site's ``config.toml``. No
  password is ever stored here.

Revision ID: 0018_user_settings
Revises: 0017_users
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_user_settings"
down_revision = "0017_users"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_settings",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_user_settings_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("owner_id", "section", "key", name=op.f("pk_user_settings")),
    )


def downgrade() -> None:
    op.drop_table("user_settings")
