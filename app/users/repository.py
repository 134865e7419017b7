"""Queries for users and their API keys; API-key queries always start from the owner."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import ApiKey, User


def get_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.email) == email.lower()))


def list_api_keys(session: Session, user: User) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).where(ApiKey.user_id == user.id).order_by(ApiKey.created_at)))


def get_api_key(session: Session, user: User, key_id: uuid.UUID) -> ApiKey | None:
    return session.scalar(select(ApiKey).where(ApiKey.user_id == user.id, ApiKey.id == key_id))
