"""Accounts, their settings and their credentials."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, IdMixin, TimestampMixin, utcnow


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    # In every access token and web session; bumped to end them all (sign-out, password change, disable).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    follow_up_days: Mapped[int] = mapped_column(default=2)
    business_days_only: Mapped[bool] = mapped_column(default=False)
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    default_region: Mapped[str] = mapped_column(String(2), default="US")
    email_subject_template: Mapped[str | None] = mapped_column(String(500))
    email_body_template: Mapped[str | None] = mapped_column(String(4000))
    linkedin_note_template: Mapped[str | None] = mapped_column(String(1000))
    ocr_lang: Mapped[str | None] = mapped_column(String(64))  # Tesseract languages; None = the server's
    calendar_feed_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    api_keys: Mapped[list[ApiKey]] = relationship(back_populates="user", cascade="all, delete-orphan")


class ApiKey(IdMixin, Base):
    """A long-lived credential for companion apps; only its SHA-256 digest is stored."""

    __tablename__ = "api_keys"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # What the key may do (app/scopes.py); sessions and password tokens may do everything.
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="api_keys")
