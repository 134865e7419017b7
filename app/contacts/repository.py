"""Contact queries. Every query starts from the owner, so no id leaks across users."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Select, String, cast, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.companies import repository as companies
from app.contacts import match_keys
from models import Contact, FollowUp, User


@dataclass(frozen=True)
class ContactFilter:
    q: str | None = None
    # A company name, acronym or email domain; `with_company_members` resolves it into `company_ids`.
    company: str | None = None
    company_ids: frozenset[uuid.UUID] | None = None
    event_id: uuid.UUID | None = None
    event_name: str | None = None
    status: str | None = None
    due_before: date | None = None
    due_after: date | None = None


def owned(user: User) -> Select[tuple[Contact]]:
    return select(Contact).where(Contact.user_id == user.id)


def get(session: Session, user: User, contact_id: uuid.UUID) -> Contact | None:
    return session.scalar(
        owned(user).where(Contact.id == contact_id).options(selectinload(Contact.follow_ups))
    )


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filtered(user: User, flt: ContactFilter) -> Select[tuple[Contact]]:
    query = owned(user)
    if flt.q:
        pattern = _like(flt.q)
        searchable = [Contact.name, Contact.company, Contact.title, Contact.notes, Contact.department]
        query = query.where(
            or_(
                *(func.lower(col).like(pattern, escape="\\") for col in searchable),
                func.lower(cast(Contact.emails, String)).like(pattern, escape="\\"),
            )
        )
    if flt.company and flt.company_ids is None:
        raise ValueError("resolve the company filter with with_company_members() first")
    if flt.company_ids is not None:
        query = query.where(Contact.id.in_(flt.company_ids))
    if flt.event_id:
        query = query.where(Contact.event_id == flt.event_id)
    if flt.event_name:
        query = query.where(func.lower(Contact.event_name) == flt.event_name.lower())
    if flt.status:
        query = query.where(Contact.status == flt.status)
    if flt.due_before or flt.due_after:
        open_due = select(FollowUp.id).where(
            FollowUp.contact_id == Contact.id, FollowUp.done_at.is_(None), FollowUp.snoozed_at.is_(None)
        )
        if flt.due_before:
            open_due = open_due.where(FollowUp.due_on <= flt.due_before)
        if flt.due_after:
            open_due = open_due.where(FollowUp.due_on >= flt.due_after)
        query = query.where(exists(open_due))
    return query


def page(
    session: Session, query: Select[tuple[Contact]], limit: int, offset: int
) -> tuple[list[Contact], int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.scalars(
        query.options(selectinload(Contact.follow_ups))
        .order_by(Contact.created_at.desc(), Contact.id)
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total


def duplicates_of(session: Session, user: User, contact: Contact) -> list[uuid.UUID]:
    """Ids of the user's other contacts sharing an email, a phone number, or name and company."""
    return match_keys.matching_contact_ids(
        session, user, match_keys.contact_keys(contact), exclude=contact.id
    )


def with_company_members(session: Session, user: User, flt: ContactFilter) -> ContactFilter:
    """`flt` with `company` resolved to the contacts of every organisation that name or domain denotes."""
    if not flt.company:
        return flt
    named = [org for org in companies.organisations(session, user) if org.answers_to(flt.company)]
    ids = {contact_id for org in named for contact_id in org.contact_ids}
    return replace(flt, company_ids=frozenset(ids))
