"""HTTP shapes of the follow-up digest."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, Field

from app.contacts.schemas import ContactOut


class DigestItem(BaseModel):
    contact: ContactOut
    due_on: dt.date
    window: Literal["overdue", "today", "upcoming"]
    days_overdue: int = Field(description="Days past the due date; 0 when due today or later.")


class DigestGroupOut(BaseModel):
    event_id: uuid.UUID | None = Field(description="The event, when the contacts are linked to one.")
    event_name: str | None = Field(description="null groups the people not met at any named event.")
    event_date: dt.date | None
    place: str | None
    items: list[DigestItem]


class DigestOut(BaseModel):
    today: dt.date = Field(description="Today in your time zone.")
    due: Literal["today", "overdue", "upcoming"]
    overdue: int
    due_today: int
    upcoming: int
    groups: list[DigestGroupOut]
