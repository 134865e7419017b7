"""users: the LinkedIn note template and the card languages, set on the web client's settings page

Revision ID: 0008_web_client
Revises: 0009_webhooks
Create Date: 2026-12-06 05:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_web_client"
down_revision = "0009_webhooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("linkedin_note_template", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("ocr_lang", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("ocr_lang")
        batch_op.drop_column("linkedin_note_template")
