"""Schema objects only some databases get, which the models therefore do not declare: autogenerate and
the models-vs-migrations test leave them out of the comparison (`include_object`)."""

from __future__ import annotations

from typing import Any

# Trigram indexes for the contact search (`q=`), created by 0006_search_index on PostgreSQL only: SQLite
# has no pg_trgm, and its small embedded data sets are searched fast enough by a scan.
POSTGRESQL_ONLY_INDEXES = frozenset(
    {
        "ix_contacts_name_trgm",
        "ix_contacts_company_trgm",
        "ix_contacts_title_trgm",
        "ix_contacts_notes_trgm",
        "ix_contacts_department_trgm",
        "ix_contacts_emails_trgm",
    }
)


def include_object(_object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    return not (type_ == "index" and name in POSTGRESQL_ONLY_INDEXES)
