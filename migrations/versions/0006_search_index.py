"""Contact list and search at scale: a (user_id, created_at) index for the newest-first pages, and on
PostgreSQL trigram indexes (pg_trgm) for the `q=` substring search.

Revision ID: 0006_search_index
Revises: 0005_session_version (re-chained after the merge; 0006 was reserved for it)
"""

from __future__ import annotations

from alembic import op

revision = "0006_search_index"
down_revision = "0005_session_version"
branch_labels = None
depends_on = None

# The expressions the search filters on (app/contacts/repository.py): the index is used only when the
# query's expression is the same, lower(column) LIKE '%...%'.
TRIGRAM_INDEXES = {
    "ix_contacts_name_trgm": "lower(name)",
    "ix_contacts_company_trgm": "lower(company)",
    "ix_contacts_title_trgm": "lower(title)",
    "ix_contacts_notes_trgm": "lower(notes)",
    "ix_contacts_department_trgm": "lower(department)",
    "ix_contacts_emails_trgm": "lower(CAST(emails AS VARCHAR))",
}


def upgrade() -> None:
    op.create_index("ix_contacts_user_id_created_at", "contacts", ["user_id", "created_at"])
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite: no pg_trgm; the embedded default's data is small
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in TRIGRAM_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON contacts USING gin (({expression}) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_contacts_user_id_created_at", table_name="contacts")
