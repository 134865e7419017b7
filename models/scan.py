"""Uploaded card photos and the state of their reading."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, TimestampMixin


class Scan(IdMixin, TimestampMixin, Base):
    __tablename__ = "scans"
    __table_args__ = (UniqueConstraint("user_id", "idempotency_key", name="uq_scans_user_idempotency"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(255))
    # SHA-256 of the upload the key was first used for (photos and options): the same key with another
    # upload is refused, not answered with the first upload's scans.
    request_digest: Mapped[str | None] = mapped_column(String(64))
    image_key: Mapped[str] = mapped_column(String(255))
    image_content_type: Mapped[str] = mapped_column(String(100))
    back_image_key: Mapped[str | None] = mapped_column(String(255))
    card_image_key: Mapped[str | None] = mapped_column(String(255))  # the flattened card, for review
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reading: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime | None]
    # Whoever reads the scan renews this lease; an expired lease on a queued/processing scan means its
    # reader died, so the scan is handed out again.
    lease_expires_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )

    @property
    def image_keys(self) -> list[str]:
        """Where this scan's images are stored: the photo, the back, the flattened card."""
        return [k for k in (self.image_key, self.back_image_key, self.card_image_key) if k]
