"""delta sync change log and per-user counters; scopes on API keys (existing keys get every scope)

Revision ID: 0007_sync_and_scopes
Revises: 0004_request_digest
Create Date: 2026-12-06 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_sync_and_scopes"
down_revision = "0004_request_digest"
branch_labels = None
depends_on = None

# The scopes as they were when this migration was written (app/scopes.py may grow later).
SCOPES_AT_MIGRATION = [
    "contacts:read",
    "contacts:write",
    "scans:read",
    "scans:write",
    "events:read",
    "events:write",
    "settings:read",
    "settings:write",
    "sync:read",
    "webhooks",
    "api-keys",
]


def upgrade() -> None:
    op.create_table(
        "sync_counters",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("pruned_through", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_counters_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_sync_counters")),
    )
    op.create_table(
        "sync_changes",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("merged_into", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_changes_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "seq", name=op.f("pk_sync_changes")),
    )
    op.create_index("ix_sync_changes_created_at", "sync_changes", ["created_at"], unique=False)
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scopes", sa.JSON(), nullable=True))
    api_keys = sa.table("api_keys", sa.column("scopes", sa.JSON()))
    op.execute(api_keys.update().values(scopes=SCOPES_AT_MIGRATION))
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.alter_column("scopes", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_column("scopes")
    op.drop_index("ix_sync_changes_created_at", table_name="sync_changes")
    op.drop_table("sync_changes")
    op.drop_table("sync_counters")
