"""Follow-up queries: the user's open follow-ups (not done, not snoozed), with their contacts loaded."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Contact, FollowUp, User


def open_follow_ups(
    session: Session, user: User, *, until: date | None = None, since: date | None = None
) -> list[FollowUp]:
    query = (
        select(FollowUp)
        .where(FollowUp.user_id == user.id, FollowUp.done_at.is_(None), FollowUp.snoozed_at.is_(None))
        .options(selectinload(FollowUp.contact).selectinload(Contact.follow_ups))
        .order_by(FollowUp.due_on, FollowUp.created_at)
    )
    if until is not None:
        query = query.where(FollowUp.due_on <= until)
    if since is not None:
        query = query.where(FollowUp.due_on >= since)
    return list(session.scalars(query))
