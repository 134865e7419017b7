"""HTTP shapes of a sync page."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.contacts.schemas import ContactOut, FollowUpOut
from app.scans.schemas import ScanOut
from app.users.schemas import UserSettings

Kind = Literal["contact", "scan", "event", "follow_up"]


class SyncEvent(BaseModel):
    """An event as stored (its follow-up progress is derived from the contacts you hold)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    date: dt.date | None
    place: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


class SyncFollowUp(FollowUpOut):
    contact_id: uuid.UUID = Field(description="The contact this follow-up belongs to.")


class Tombstone(BaseModel):
    kind: Kind
    id: uuid.UUID = Field(description="The record that no longer exists: delete your copy.")
    merged_into: uuid.UUID | None = Field(
        default=None, description="For a contact merged into another: the one that survived."
    )


class SyncPage(BaseModel):
    """Records in their current state (apply them as upserts, by id) and tombstones (delete by id)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "full": False,
                    "contacts": [],
                    "scans": [],
                    "events": [],
                    "follow_ups": [],
                    "settings": None,
                    "tombstones": [
                        {
                            "kind": "contact",
                            "id": "6f1c1c1e-5c1b-4a3e-9a53-0b4a3c7f7a11",
                            "merged_into": "0d6a4c7e-2f64-4e38-8d8b-39f6f1c0b2aa",
                        }
                    ],
                    "next_cursor": "WyI2ZjFjMWMxZS01YzFiLTRhM2UtOWE1My0wYjRhM2M3ZjdhMTEiLDQyLG51bGxd.sig",
                    "has_more": False,
                }
            ]
        }
    )

    full: bool = Field(
        description="True while a full sync is listing everything: once it ends, drop local records that "
        "it did not send."
    )
    contacts: list[ContactOut] = Field(default_factory=list)
    scans: list[ScanOut] = Field(
        default_factory=list, description="Short form: GET /v1/scans/{id} for the reading."
    )
    events: list[SyncEvent] = Field(default_factory=list)
    follow_ups: list[SyncFollowUp] = Field(
        default_factory=list, description="Every follow-up, done and snoozed ones included (the history)."
    )
    settings: UserSettings | None = Field(default=None, description="Your settings, when they changed.")
    tombstones: list[Tombstone] = Field(default_factory=list)
    next_cursor: str = Field(description="Send it as `cursor` next time. Opaque; survives restarts.")
    has_more: bool = Field(description="More is waiting: ask again at once with next_cursor.")
