"""Contacts, their follow-ups (kept as history) and merge records."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, IdMixin, TimestampMixin, utcnow


class Contact(IdMixin, TimestampMixin, Base):
    __tablename__ = "contacts"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(300))
    given_name: Mapped[str | None] = mapped_column(String(150))
    family_name: Mapped[str | None] = mapped_column(String(150))
    title: Mapped[str | None] = mapped_column(String(300))
    department: Mapped[str | None] = mapped_column(String(300))
    company: Mapped[str | None] = mapped_column(String(300))
    company_key: Mapped[str | None] = mapped_column(String(300), index=True)
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    phones: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    websites: Mapped[list[str]] = mapped_column(JSON, default=list)
    address: Mapped[str | None] = mapped_column(Text)
    social: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    confidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Contract fields the reader is unsure of (calibrated confidence below its review threshold); a field
    # leaves the list once the user edits it.
    needs_review: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    event_name: Mapped[str | None] = mapped_column(String(200))
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    met_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    source_scan_id: Mapped[uuid.UUID | None]
    version: Mapped[int] = mapped_column(default=1)

    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="FollowUp.created_at"
    )

    # Pages are newest first within one owner. (PostgreSQL's trigram search indexes: migration 0006.)
    __table_args__ = (Index("ix_contacts_user_id_created_at", "user_id", "created_at"),)


class FollowUp(IdMixin, Base):
    """One planned follow-up; done or snoozed ones stay as history."""

    __tablename__ = "follow_ups"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str | None] = mapped_column(String(16))
    done_at: Mapped[datetime | None]
    snoozed_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="follow_ups")


class ContactMerge(IdMixin, Base):
    """What a merge folded into a contact, so it can be audited."""

    __tablename__ = "contact_merges"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    merged_contact_id: Mapped[uuid.UUID]
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
