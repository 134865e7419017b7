"""contacts: the fields the reader is unsure of ("Check this" on the review page)

Revision ID: 0010_needs_review
Revises: 0006_search_index
Create Date: 2026-12-06 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_needs_review"
down_revision = "0006_search_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("needs_review", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("needs_review")
