"""HTTP shapes for events and the follow-up progress of the people met there."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.contacts.schemas import ContactOut


class EventCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["Library Expo 2026"])
    date: dt.date | None = Field(default=None, description="When it took place; contacts met there get it.")
    place: str | None = Field(default=None, max_length=200, examples=["Javits Center, New York"])

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name must not be blank")
        return value.strip()


class EventPatch(BaseModel):
    """Only the fields present are changed; `null` clears date or place."""

    name: str | None = Field(default=None, min_length=1, max_length=200, examples=["Library Expo 2027"])
    date: dt.date | None = Field(default=None, examples=["2027-05-12"])
    place: str | None = Field(default=None, max_length=200)

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str | None) -> str:
        if value is None or not value.strip():
            raise ValueError("an event needs a name")
        return value.strip()


class FollowUpProgress(BaseModel):
    """Where the follow-ups of an event's contacts stand, counted per contact."""

    contacts: int = Field(description="Contacts met at this event.")
    done: int = Field(description="Their latest follow-up is done.")
    due: int = Field(description="Open and due today (in your time zone).")
    overdue: int = Field(description="Open and due before today.")
    upcoming: int = Field(description="Open and due after today.")


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str = Field(examples=["Library Expo 2026"])
    date: dt.date | None
    place: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    progress: FollowUpProgress


class EventDetail(EventOut):
    contacts: list[ContactOut] = Field(description="Everyone met at this event, by name.")


class EventList(BaseModel):
    items: list[EventOut]
    total: int
    limit: int
    offset: int
