"""Event queries, always starting from the owner."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session, selectinload

from app import change_log as sync_capture
from models import Contact, Event, User


def owned(user: User) -> Select[tuple[Event]]:
    return select(Event).where(Event.user_id == user.id)


def get(session: Session, user: User, event_id: uuid.UUID) -> Event | None:
    return session.scalar(owned(user).where(Event.id == event_id))


def page(session: Session, user: User, limit: int, offset: int) -> tuple[list[Event], int]:
    """Newest events first; undated ones after the dated ones."""
    total = session.scalar(select(func.count()).select_from(owned(user).subquery())) or 0
    rows = session.scalars(
        owned(user)
        .order_by(Event.date.is_(None), Event.date.desc(), Event.created_at.desc(), Event.id)
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total


def contacts_of(session: Session, user: User, event_ids: Collection[uuid.UUID]) -> list[Contact]:
    if not event_ids:
        return []
    return list(
        session.scalars(
            select(Contact)
            .where(Contact.user_id == user.id, Contact.event_id.in_(event_ids))
            .options(selectinload(Contact.follow_ups))
            .order_by(func.lower(Contact.name), Contact.created_at, Contact.id)
        )
    )


def detach_contacts(session: Session, user: User, event_id: uuid.UUID) -> None:
    """Contacts outlive their event: they keep its name and date, only the link goes."""
    linked = select(Contact.id).where(Contact.user_id == user.id, Contact.event_id == event_id)
    sync_capture.touched(session, "contact", session.scalars(linked), user.id)
    session.execute(
        update(Contact)
        .where(Contact.user_id == user.id, Contact.event_id == event_id)
        .values(event_id=None)
        .execution_options(synchronize_session="fetch")
    )
