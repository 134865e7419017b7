"""Scan queries. User-facing ones start from the owner; the runner's ones (claim, lease, recovery) are
compare-and-set updates, so two readers can never both own a scan."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from app import change_log as sync_capture
from models import Scan, User

ACTIVE = ("queued", "processing")


def owned(user: User) -> Select[tuple[Scan]]:
    return select(Scan).where(Scan.user_id == user.id)


def get(session: Session, user: User, scan_id: uuid.UUID) -> Scan | None:
    return session.scalar(owned(user).where(Scan.id == scan_id))


def by_idempotency_keys(session: Session, user: User, keys: list[str]) -> list[Scan]:
    rows = session.scalars(owned(user).where(Scan.idempotency_key.in_(keys)))
    order = {key: i for i, key in enumerate(keys)}
    return sorted(rows, key=lambda scan: order[scan.idempotency_key or ""])


def page(session: Session, user: User, status: str | None, limit: int, offset: int) -> tuple[list[Scan], int]:
    query = owned(user)
    if status:
        query = query.where(Scan.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Scan.created_at.desc(), Scan.id).limit(limit).offset(offset))
    return list(rows), total


def claim(session: Session, scan_id: uuid.UUID, now: datetime, lease_until: datetime) -> int | None:
    """queued -> processing for this caller; returns its fencing token (the attempt number) or None
    when someone else got there first or the scan is not queued."""
    result = session.execute(
        update(Scan)
        .where(Scan.id == scan_id, Scan.status == "queued")
        .values(
            status="processing",
            attempts=Scan.attempts + 1,
            started_at=now,
            lease_expires_at=lease_until,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    sync_capture.touched(session, "scan", [scan_id])
    return session.scalar(select(Scan.attempts).where(Scan.id == scan_id))


def renew_leases(session: Session, scan_ids: list[uuid.UUID], lease_until: datetime) -> None:
    session.execute(
        update(Scan)
        .where(Scan.id.in_(scan_ids), Scan.status.in_(ACTIVE))
        .values(lease_expires_at=lease_until)
        .execution_options(synchronize_session=False)
    )


def oldest_queued(session: Session, limit: int) -> list[uuid.UUID]:
    return list(
        session.scalars(
            select(Scan.id).where(Scan.status == "queued").order_by(Scan.created_at, Scan.id).limit(limit)
        )
    )


def stale(session: Session, now: datetime) -> list[Scan]:
    """Queued or processing scans whose holder stopped renewing the lease (it crashed or was killed)."""
    return list(
        session.scalars(
            select(Scan).where(
                Scan.status.in_(ACTIVE), Scan.lease_expires_at.is_not(None), Scan.lease_expires_at < now
            )
        )
    )


def requeue_if_stale(session: Session, scan: Scan, now: datetime, lease_until: datetime) -> bool:
    """Hands a stale scan out again, unless another recoverer already did (compare-and-set on the lease)."""
    result = session.execute(
        update(Scan)
        .where(Scan.id == scan.id, Scan.status == scan.status, Scan.lease_expires_at == scan.lease_expires_at)
        .values(status="queued", lease_expires_at=lease_until, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    sync_capture.touched(session, "scan", [scan.id], scan.user_id)
    return True


def finish_if_held(session: Session, scan_id: uuid.UUID, token: int, status: str, now: datetime) -> bool:
    """processing -> done/failed, only for the holder of this attempt (a late, superseded reader loses)."""
    result = session.execute(
        update(Scan)
        .where(Scan.id == scan_id, Scan.status == "processing", Scan.attempts == token)
        .values(status=status, finished_at=now, lease_expires_at=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    sync_capture.touched(session, "scan", [scan_id])
    return True
