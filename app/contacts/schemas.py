"""HTTP shapes for contacts and their follow-ups. Fields follow the card reader's output contract."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Literal

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from app.contacts.websites import normal_website

PhoneKind = Literal["work", "mobile", "fax", "other"]
Channel = Literal["email", "linkedin", "twitter", "phone", "other"]
Status = Literal["draft", "confirmed"]


Website = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(normal_website),
]
# Keys of other social networks ("github", "mastodon"): they become vCard TYPE parameters and CSV labels,
# where quotes, separators and line breaks would break the file.
SOCIAL_NETWORK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


class Phone(BaseModel):
    # Trimmed before the length check: "  1 " is one character, not four.
    number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=40)] = Field(
        description="E.164 when it can be parsed."
    )
    kind: PhoneKind = "work"


class Social(BaseModel):
    model_config = ConfigDict(extra="allow")

    linkedin: str | None = None
    twitter: str | None = None


class SocialIn(Social):
    """Social profiles as sent: other networks by a short name (letters, digits, `_.-`), each a text."""

    linkedin: str | None = Field(default=None, max_length=300)
    twitter: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _plain_networks(self) -> SocialIn:
        for network, handle in (self.model_extra or {}).items():
            if not SOCIAL_NETWORK.match(network):
                raise ValueError(f"social network names are letters, digits, '_', '.' or '-': {network!r}")
            if handle is not None and (not isinstance(handle, str) or len(handle) > 300):
                raise ValueError(f"social.{network} must be a text of at most 300 characters")
        return self


class ContactFields(BaseModel):
    name: str | None = Field(default=None, max_length=300, examples=["Jane Doe"])
    given_name: str | None = Field(default=None, max_length=150, examples=["Jane"])
    family_name: str | None = Field(default=None, max_length=150, examples=["Doe"])
    title: str | None = Field(default=None, max_length=300, examples=["Reference Librarian"])
    department: str | None = Field(default=None, max_length=300)
    company: str | None = Field(default=None, max_length=300, examples=["New York Public Library"])
    emails: list[EmailStr] = Field(default_factory=list, max_length=20, examples=[["jane.doe@nypl.org"]])
    phones: list[Phone] = Field(
        default_factory=list, max_length=20, examples=[[{"number": "+12125550134", "kind": "work"}]]
    )
    websites: list[Website] = Field(default_factory=list, max_length=20, examples=[["https://www.nypl.org"]])
    address: str | None = Field(default=None, max_length=2000)
    social: Social = Field(default_factory=Social)
    notes: str | None = Field(default=None, max_length=20000)
    event_name: str | None = Field(default=None, max_length=200)
    event_id: uuid.UUID | None = None
    met_on: date | None = None


class ContactCreate(ContactFields):
    social: SocialIn = Field(default_factory=SocialIn)
    status: Status = "confirmed"
    follow_up_due_on: date | None = Field(
        default=None, description="Explicit follow-up date; default is met_on (or today) plus your delay."
    )


class ContactPatch(BaseModel):
    """Only the fields present are changed; `null` clears a field."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"title": "Head of Research", "notes": None}]})

    name: str | None = Field(default=None, max_length=300)
    given_name: str | None = Field(default=None, max_length=150)
    family_name: str | None = Field(default=None, max_length=150)
    title: str | None = Field(default=None, max_length=300)
    department: str | None = Field(default=None, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    emails: list[EmailStr] | None = Field(default=None, max_length=20)
    phones: list[Phone] | None = Field(default=None, max_length=20)
    websites: list[Website] | None = Field(default=None, max_length=20)
    address: str | None = Field(default=None, max_length=2000)
    social: SocialIn | None = None
    notes: str | None = Field(default=None, max_length=20000)
    event_name: str | None = Field(default=None, max_length=200)
    event_id: uuid.UUID | None = None
    met_on: date | None = None
    status: Status | None = Field(default=None, description="Cannot be cleared: `null` is refused.")
    follow_up_due_on: date | None = Field(default=None, description="Move the open follow-up to this date.")

    @field_validator("status", mode="before")
    @classmethod
    def _status_not_cleared(cls, value: object) -> object:
        if value is None:
            raise ValueError("status cannot be null: send 'draft' or 'confirmed', or leave it out")
        return value


class FollowUpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    due_on: date = Field(examples=["2026-11-03"])
    channel: Channel | None = Field(description="The channel used, once done.", examples=["email"])
    done_at: datetime | None
    snoozed_at: datetime | None = None
    created_at: datetime


class MessageDraftOut(BaseModel):
    href: str = Field(
        description="mailto: with subject and body, the LinkedIn profile or search, the X page."
    )
    subject: str | None = Field(default=None, description="Email only.")
    text: str = Field(default="", description="The drafted message (email body, LinkedIn note to paste).")


class FollowUpView(BaseModel):
    due_on: date | None
    channel: Channel | None
    done_at: datetime | None
    suggested_channel: Channel | None
    links: dict[str, str] = Field(description="Ready-made mailto:, LinkedIn and X links.")
    drafts: dict[str, MessageDraftOut] = Field(
        default_factory=dict, description="Per channel the link and the message drafted from your templates."
    )


# An address read back from the database was checked on its way in; checking it again on every read was
# most of the cost of a page of contacts (email_validator, per address).
StoredEmail = Annotated[str, WithJsonSchema({"type": "string", "format": "email"})]


class ContactOut(ContactFields):
    model_config = ConfigDict(from_attributes=True)

    emails: list[StoredEmail] = Field(default_factory=list)
    websites: list[str] = Field(default_factory=list)  # stored already normalized

    id: uuid.UUID
    status: Status
    source_scan_id: uuid.UUID | None
    confidence: dict[str, float] = Field(default_factory=dict)
    needs_review: list[str] = Field(
        default_factory=list,
        description="Fields the reader is unsure of (calibrated confidence below its review threshold), and "
        "fields it left empty that the card most likely prints (a company on a card without a firm's "
        "domain), or whose value it left out as too unsure (offered in the scan's "
        "`reading.suggestions`): the review page's 'Check this'. A field leaves the list when it is edited.",
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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"channel": "email", "note": "Sent the catalogue."},
                {"snooze_until": "2026-12-14"},
                {"due_on": "2027-03-01"},
            ]
        }
    )

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
