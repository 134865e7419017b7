"""Queries of the change log and of the records a sync page carries; all start from the owner."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from models import Contact, Event, FollowUp, Scan, SyncChange, SyncCounter, User

LISTED_KINDS: dict[str, type] = {"event": Event, "contact": Contact, "follow_up": FollowUp, "scan": Scan}


def counter(session: Session, user: User) -> tuple[int, int]:
    """(last change number, pruned through) of the user; (0, 0) before the first change."""
    row = session.get(SyncCounter, user.id)
    return (row.last_seq, row.pruned_through) if row is not None else (0, 0)


def changes_after(session: Session, user: User, seq: int, limit: int) -> list[SyncChange]:
    return list(
        session.scalars(
            select(SyncChange)
            .where(SyncChange.user_id == user.id, SyncChange.seq > seq)
            .order_by(SyncChange.seq)
            .limit(limit)
        )
    )


def _query(kind: str, user: User):  # noqa: ANN202 - a Select of the kind's model
    model = LISTED_KINDS[kind]
    query = select(model).where(model.user_id == user.id)
    if model is Contact:
        query = query.options(selectinload(Contact.follow_ups))
    return query


def records_by_id(session: Session, user: User, kind: str, ids: Collection[uuid.UUID]) -> list:
    if not ids:
        return []
    model = LISTED_KINDS[kind]
    return list(session.scalars(_query(kind, user).where(model.id.in_(ids)).order_by(model.id)))


def records_after(session: Session, user: User, kind: str, after: uuid.UUID | None, limit: int) -> list:
    """The user's records of a kind in id order, after `after` (keyset paging for the full sync)."""
    model = LISTED_KINDS[kind]
    query = _query(kind, user).order_by(model.id).limit(limit)
    if after is not None:
        query = query.where(model.id > after)
    return list(session.scalars(query))


def prune(session: Session, before: datetime) -> int:
    """Forget changes logged before `before`; cursors older than what is kept then answer 410."""
    horizons = session.execute(
        select(SyncChange.user_id, func.max(SyncChange.seq))
        .where(SyncChange.created_at < before)
        .group_by(SyncChange.user_id)
    ).all()
    pruned = 0
    for user_id, seq in horizons:
        session.execute(update(SyncCounter).where(SyncCounter.user_id == user_id).values(pruned_through=seq))
        result = session.execute(
            delete(SyncChange).where(SyncChange.user_id == user_id, SyncChange.seq <= seq)
        )
        pruned += result.rowcount  # type: ignore[attr-defined]
    return pruned
