"""users: a session version, embedded in every access token and web session and checked on each request;
bumping it (sign-out, password change, disabling the account) ends them all at once

Revision ID: 0005_session_version
Revises: 0008_web_client
Create Date: 2026-12-06 05:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_session_version"
down_revision = "0008_web_client"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_version")
