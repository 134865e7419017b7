"""contact match keys: indexed identities for duplicate detection

Revision ID: 0003_match_keys
Revises: 0002_scans
Create Date: 2026-11-25 19:50:00.000000
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003_match_keys"
down_revision = "0002_scans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_match_keys",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=700), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_match_keys_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_contact_match_keys_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("contact_id", "kind", "value", name=op.f("pk_contact_match_keys")),
    )
    with op.batch_alter_table("contact_match_keys", schema=None) as batch_op:
        batch_op.create_index("ix_contact_match_keys_lookup", ["user_id", "kind", "value"], unique=False)
    _backfill()


def downgrade() -> None:
    with op.batch_alter_table("contact_match_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_match_keys_lookup")
    op.drop_table("contact_match_keys")


# A frozen copy of app/contacts/match_keys.py as of this revision: migrations never import the app.
def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower().replace("&", " and ")
    return [w for w in re.split(r"[^a-z0-9]+", folded) if w]


def _keys(emails: list[str], phones: list[dict], name: str | None, company_key: str | None) -> set:
    keys = {("email", e.strip().lower()) for e in emails or [] if "@" in e}
    for phone in phones or []:
        number = str(phone.get("number", ""))
        digits = re.sub(r"\D", "", number)
        if len(digits) >= 6:
            keys.add(("phone", ("+" if number.strip().startswith("+") else "") + digits))
    if name and company_key:
        words = _words(name)
        full = [w for w in words if len(w) > 1]
        words = full if len(full) >= 2 else words
        if words:
            keys.add(("person", " ".join(sorted(words)) + "|" + company_key))
    return {(k, v) for k, v in keys if len(v) <= 700}


def _backfill() -> None:
    contacts = sa.table(
        "contacts",
        sa.column("id", sa.Uuid()),
        sa.column("user_id", sa.Uuid()),
        sa.column("emails", sa.JSON()),
        sa.column("phones", sa.JSON()),
        sa.column("name", sa.String()),
        sa.column("company_key", sa.String()),
    )
    match_keys = sa.table(
        "contact_match_keys",
        sa.column("contact_id", sa.Uuid()),
        sa.column("kind", sa.String()),
        sa.column("value", sa.String()),
        sa.column("user_id", sa.Uuid()),
    )
    connection = op.get_bind()
    rows = [
        {"contact_id": r.id, "user_id": r.user_id, "kind": kind, "value": value}
        for r in connection.execute(sa.select(contacts))
        for kind, value in _keys(r.emails, r.phones, r.name, r.company_key)
    ]
    if rows:
        connection.execute(match_keys.insert(), rows)
