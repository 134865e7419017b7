"""/v1/contacts: create, read, update, delete, list/search, and act on a contact's follow-up."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from app.contacts import repository, service
from app.contacts.presenter import contact_out
from app.contacts.schemas import (
    ContactCreate,
    ContactList,
    ContactOut,
    ContactPatch,
    FollowUpAction,
    FollowUpHistory,
    FollowUpOut,
    Status,
)
from app.deps import ContactsRead, ContactsWrite, SessionDep
from app.errors import ErrorCode, Unprocessable, error_responses
from app.pagination import Limit, Offset

router = APIRouter(prefix="/v1/contacts", tags=["contacts"])


def _etag(version: int) -> str:
    return f'"{version}"'


def _parse_if_match(value: str | None) -> int | None:
    if value is None or value.strip() == "*":
        return None
    try:
        return int(value.strip().removeprefix("W/").strip('"'))
    except ValueError as exc:
        raise Unprocessable(
            "If-Match must be an ETag from this API.", code=ErrorCode.INVALID_IF_MATCH
        ) from exc


@router.post(
    "",
    response_model=ContactOut,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 422),
)
def create_contact(
    body: ContactCreate, user: ContactsWrite, session: SessionDep, response: Response
) -> ContactOut:
    """Create a contact; its follow-up is due `met_on` (or today) plus your follow-up delay unless given."""
    contact = service.create_contact(session, user, body)
    response.headers["ETag"] = _etag(contact.version)
    response.headers["Location"] = f"/v1/contacts/{contact.id}"
    return contact_out(contact, user, repository.duplicates_of(session, user, contact))


@router.get("", response_model=ContactList, responses=error_responses(401, 422))
def list_contacts(
    user: ContactsRead,
    session: SessionDep,
    q: Annotated[
        str | None, Query(max_length=200, description="Search name, company, title, email, notes.")
    ] = None,
    company: Annotated[
        str | None,
        Query(description="Company name, acronym or email domain; matches the whole organisation."),
    ] = None,
    event_id: uuid.UUID | None = None,
    event: Annotated[str | None, Query(description="Event name, exact (case-insensitive).")] = None,
    status_: Annotated[Status | None, Query(alias="status")] = None,
    due_before: date | None = None,
    due_after: date | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ContactList:
    """Your contacts, filtered and paged; `total` counts every match."""
    flt = repository.ContactFilter(
        q=q,
        company=company,
        event_id=event_id,
        event_name=event,
        status=status_,
        due_before=due_before,
        due_after=due_after,
    )
    flt = repository.with_company_members(session, user, flt)
    contacts, total = repository.page(session, repository.filtered(user, flt), limit, offset)
    return ContactList(
        items=[contact_out(c, user) for c in contacts], total=total, limit=limit, offset=offset
    )


@router.get("/{contact_id}", response_model=ContactOut, responses=error_responses(401, 404, 422))
def get_contact(
    contact_id: uuid.UUID, user: ContactsRead, session: SessionDep, response: Response
) -> ContactOut:
    """One contact, with its ETag (send it as If-Match when you change it)."""
    contact = service.get_contact(session, user, contact_id)
    response.headers["ETag"] = _etag(contact.version)
    return contact_out(contact, user, repository.duplicates_of(session, user, contact))


@router.patch("/{contact_id}", response_model=ContactOut, responses=error_responses(401, 404, 409, 422))
def update_contact(
    contact_id: uuid.UUID,
    body: ContactPatch,
    user: ContactsWrite,
    session: SessionDep,
    response: Response,
    if_match: Annotated[str | None, Header(description="ETag from a previous read; 409 if stale.")] = None,
) -> ContactOut:
    """Change the given fields. With `If-Match`, refuses (409) when another device changed it first."""
    contact = service.update_contact(
        session, user, contact_id, body, expected_version=_parse_if_match(if_match)
    )
    response.headers["ETag"] = _etag(contact.version)
    return contact_out(contact, user)


@router.delete(
    "/{contact_id}", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 404, 422)
)
def delete_contact(contact_id: uuid.UUID, user: ContactsWrite, session: SessionDep) -> None:
    """Delete the contact, its follow-ups and its scans (with their images)."""
    service.delete_contact(session, user, contact_id)


@router.post(
    "/{contact_id}/follow-up", response_model=ContactOut, responses=error_responses(401, 404, 409, 422)
)
def act_on_follow_up(
    contact_id: uuid.UUID, body: FollowUpAction, user: ContactsWrite, session: SessionDep
) -> ContactOut:
    """Mark the follow-up done (`channel`), snooze it (`snooze_until`) or plan the next one (`due_on`)."""
    contact = service.act_on_follow_up(session, user, contact_id, body)
    return contact_out(contact, user)


@router.get(
    "/{contact_id}/follow-ups", response_model=FollowUpHistory, responses=error_responses(401, 404, 422)
)
def follow_up_history(contact_id: uuid.UUID, user: ContactsRead, session: SessionDep) -> FollowUpHistory:
    """Every follow-up of this contact, done and snoozed ones included, oldest first."""
    contact = service.get_contact(session, user, contact_id)
    return FollowUpHistory(items=[FollowUpOut.model_validate(f) for f in contact.follow_ups])
