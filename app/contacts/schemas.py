"""HTTP shapes for contacts and their follow-ups. Fields follow the card reader's output contract."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

import phonenumbers
from pydantic import BaseModel, ConfigDict, EmailStr, Field

PhoneKind = Literal["work", "mobile", "fax", "other"]
Channel = Literal["email", "linkedin", "twitter", "phone", "other"]
Status = Literal["draft", "confirmed"]


class Phone(BaseModel):
    number: str = Field(min_length=3, max_length=40, description="E.164 when it can be parsed.")
    kind: PhoneKind = "work"


class Social(BaseModel):
    model_config = ConfigDict(extra="allow")

    linkedin: str | None = None
    twitter: str | None = None


class ContactFields(BaseModel):
    name: str | None = Field(default=None, max_length=300)
    given_name: str | None = Field(default=None, max_length=150)
    family_name: str | None = Field(default=None, max_length=150)
    title: str | None = Field(default=None, max_length=300)
    department: str | None = Field(default=None, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    emails: list[EmailStr] = Field(default_factory=list, max_length=20)
    phones: list[Phone] = Field(default_factory=list, max_length=20)
    websites: list[str] = Field(default_factory=list, max_length=20)
    address: str | None = Field(default=None, max_length=2000)
    social: Social = Field(default_factory=Social)
    notes: str | None = Field(default=None, max_length=20000)
    event_name: str | None = Field(default=None, max_length=200)
    event_id: uuid.UUID | None = None
    met_on: date | None = None


class ContactCreate(ContactFields):
    status: Status = "confirmed"
    follow_up_due_on: date | None = Field(
        default=None, description="Explicit follow-up date; default is met_on (or today) plus your delay."
    )


class ContactPatch(BaseModel):
    """Only the fields present are changed; `null` clears a field."""

    name: str | None = Field(default=None, max_length=300)
    given_name: str | None = Field(default=None, max_length=150)
    family_name: str | None = Field(default=None, max_length=150)
    title: str | None = Field(default=None, max_length=300)
    department: str | None = Field(default=None, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    emails: list[EmailStr] | None = Field(default=None, max_length=20)
    phones: list[Phone] | None = Field(default=None, max_length=20)
    websites: list[str] | None = Field(default=None, max_length=20)
    address: str | None = Field(default=None, max_length=2000)
    social: Social | None = None
    notes: str | None = Field(default=None, max_length=20000)
    event_name: str | None = Field(default=None, max_length=200)
    event_id: uuid.UUID | None = None
    met_on: date | None = None
    status: Status | None = None
    follow_up_due_on: date | None = Field(default=None, description="Move the open follow-up to this date.")


class FollowUpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    due_on: date
    channel: Channel | None = Field(description="The channel used, once done.")
    done_at: datetime | None
    snoozed_at: datetime | None = None
    created_at: datetime


class FollowUpView(BaseModel):
    due_on: date | None
    channel: Channel | None
    done_at: datetime | None
    suggested_channel: Channel | None
    links: dict[str, str] = Field(description="Ready-made mailto:, LinkedIn and X links.")


class ContactOut(ContactFields):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: Status
    source_scan_id: uuid.UUID | None
    confidence: dict[str, float] = Field(default_factory=dict)
    needs_review: list[str] = Field(
        default_factory=list,
        description="Fields the reader is unsure of (calibrated confidence below its review threshold): "
        "the review page's 'Check this'. A field leaves the list when it is edited.",
    )
    version: int
    created_at: datetime
    updated_at: datetime
    follow_up: FollowUpView
    possible_duplicate_of: list[uuid.UUID] = Field(default_factory=list)


class ContactList(BaseModel):
    items: list[ContactOut]
    total: int
    limit: int
    offset: int


class FollowUpAction(BaseModel):
    """Exactly one of: `channel` (mark done), `snooze_until` (move it), `due_on` (plan the next one)."""

    channel: Channel | None = None
    snooze_until: date | None = None
    due_on: date | None = None
    note: str | None = Field(default=None, max_length=2000)


class FollowUpHistory(BaseModel):
    items: list[FollowUpOut]


class DueItem(BaseModel):
    contact: ContactOut
    window: Literal["overdue", "today", "upcoming"]


class DueList(BaseModel):
    items: list[DueItem]
    today: date


def normalize_phone(number: str, region: str) -> str:
    """E.164 when the number parses as possible, else the digits as written."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return number.strip()
    if phonenumbers.is_possible_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return number.strip()
