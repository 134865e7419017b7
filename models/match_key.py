"""Normalized identities of a contact (email, phone, name at company), indexed for duplicate lookup."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class ContactMatchKey(Base):
    """One normalized identity; two contacts of one user sharing a (kind, value) may be the same person.

    Kept beside the contact rather than searched in its JSON columns so that the duplicate check is one
    indexed lookup instead of a scan over every contact the user has.
    """

    __tablename__ = "contact_match_keys"
    __table_args__ = (Index("ix_contact_match_keys_lookup", "user_id", "kind", "value"),)

    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(700), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
