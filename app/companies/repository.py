"""Company queries: the user's organisations, grouped from their contacts' company names and work email
domains."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.companies.organisations import Member, Organisation, group
from models import Contact, User


def organisations(session: Session, user: User) -> list[Organisation]:
    """The user's contacts grouped by organisation (reads only the columns the grouping needs)."""
    rows = session.execute(
        select(Contact.id, Contact.company, Contact.company_key, Contact.emails)
        .where(Contact.user_id == user.id)
        .order_by(Contact.created_at, Contact.id)
    )
    return group(Member(r.id, r.company, r.company_key, tuple(r.emails or ())) for r in rows)
