"""POST /v1/contacts/{id}/merge and the record of past merges."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from app.contacts import merge
from app.contacts.presenter import contact_out
from app.contacts.schemas import ContactOut
from app.deps import ContactsRead, ContactsWrite, SessionDep
from app.errors import error_responses

router = APIRouter(prefix="/v1/contacts", tags=["contacts"])


class MergeRequest(BaseModel):
    other_id: uuid.UUID = Field(
        description="The contact folded into this one, then deleted.",
        examples=["0d6a4c7e-2f64-4e38-8d8b-39f6f1c0b2aa"],
    )


class MergeRecord(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    merged_contact_id: uuid.UUID = Field(examples=["6f1c1c1e-5c1b-4a3e-9a53-0b4a3c7f7a11"])
    created_at: dt.datetime
    snapshot: dict[str, Any] = Field(
        description="The merged contact as it was (`contact`, `follow_up_ids`, `scan_ids`) and `taken`: "
        "the values that came from it."
    )


class MergeList(BaseModel):
    items: list[MergeRecord]


@router.post("/{contact_id}/merge", response_model=ContactOut, responses=error_responses(401, 404, 422))
def merge_contacts(
    contact_id: uuid.UUID, body: MergeRequest, user: ContactsWrite, session: SessionDep
) -> ContactOut:
    """Merge `other_id` into this contact: lists keep both values, confirmed values win over draft ones,
    every scan and follow-up (with its history) moves here; the other contact is deleted and a merge
    record with its snapshot is kept (GET .../merges)."""
    contact = merge.merge_contacts(session, user, contact_id, body.other_id)
    return contact_out(contact, user)


@router.get("/{contact_id}/merges", response_model=MergeList, responses=error_responses(401, 404, 422))
def merge_records(contact_id: uuid.UUID, user: ContactsRead, session: SessionDep) -> MergeList:
    """What was merged into this contact, oldest first."""
    return MergeList(
        items=[MergeRecord.model_validate(r) for r in merge.merge_history(session, user, contact_id)]
    )
