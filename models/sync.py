"""The change log the delta sync reads: one row per changed record, numbered per user in commit order."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class SyncCounter(Base):
    """A user's last change number. Writers lock this row while they number their changes, so numbers are
    handed out in commit order and a reader never sees number N+1 before number N has committed."""

    __tablename__ = "sync_counters"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # Changes up to this number were pruned: a cursor older than it cannot be answered (410).
    pruned_through: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncChange(Base):
    """`kind` is contact, scan, event, follow_up or settings; `op` upsert or delete. A delete that was a
    merge names the surviving record in `merged_into`."""

    __tablename__ = "sync_changes"
    __table_args__ = (Index("ix_sync_changes_created_at", "created_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[uuid.UUID]
    op: Mapped[str] = mapped_column(String(8))
    merged_into: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
