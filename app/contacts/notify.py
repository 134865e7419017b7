"""Contact changes as webhook events (`contact.created`, `contact.updated`, `contact.deleted`)."""

from __future__ import annotations

import uuid
from typing import Literal

from sqlalchemy.orm import Session

from app.contacts.presenter import contact_out
from app.webhooks.events import emit
from models import Contact, User


def contact_changed(
    session: Session, user: User, contact: Contact, event_type: Literal["contact.created", "contact.updated"]
) -> None:
    def payload() -> dict:
        return {"contact": contact_out(contact, user).model_dump(mode="json")}

    emit(session, user.id, event_type, payload)


def contact_deleted(
    session: Session, user: User, contact_id: uuid.UUID, *, merged_into: uuid.UUID | None = None
) -> None:
    data: dict = {"contact": {"id": str(contact_id)}}
    if merged_into is not None:
        data["merged_into"] = str(merged_into)
    emit(session, user.id, "contact.deleted", data)
