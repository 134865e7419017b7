"""/v1/events: where you met people, and how your follow-ups with them stand."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from app.contacts.presenter import contact_out
from app.deps import EventsRead, EventsWrite, SessionDep
from app.errors import error_responses
from app.events import repository, service
from app.events.schemas import EventCreate, EventDetail, EventList, EventOut, EventPatch
from app.followups.schedule import today_in
from app.pagination import Limit, Offset
from models import Contact, Event, User

router = APIRouter(prefix="/v1/events", tags=["events"])


def _event_out(event: Event, contacts: list[Contact], user: User) -> EventOut:
    return EventOut.model_validate(
        {
            "id": event.id,
            "name": event.name,
            "date": event.date,
            "place": event.place,
            "created_at": event.created_at,
            "updated_at": event.updated_at,
            "progress": service.progress(contacts, today_in(user.time_zone)),
        }
    )


def _event_detail(event: Event, contacts: list[Contact], user: User) -> EventDetail:
    return EventDetail(
        **_event_out(event, contacts, user).model_dump(),
        contacts=[contact_out(c, user) for c in contacts],
    )


@router.post(
    "",
    response_model=EventDetail,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 422),
)
def create_event(
    body: EventCreate, user: EventsWrite, session: SessionDep, response: Response
) -> EventDetail:
    """Create an event. Contacts created or scanned with its `event_id` are met on its date."""
    event = service.create_event(session, user, body)
    response.headers["Location"] = f"/v1/events/{event.id}"
    return _event_detail(event, [], user)


@router.get("", response_model=EventList, responses=error_responses(401, 422))
def list_events(
    user: EventsRead,
    session: SessionDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EventList:
    """Your events, newest first, each with the follow-up progress of the people met there."""
    events, total = repository.page(session, user, limit, offset)
    contacts = repository.contacts_of(session, user, [e.id for e in events])
    items = [_event_out(e, [c for c in contacts if c.event_id == e.id], user) for e in events]
    return EventList(items=items, total=total, limit=limit, offset=offset)


@router.get("/{event_id}", response_model=EventDetail, responses=error_responses(401, 404, 422))
def get_event(event_id: uuid.UUID, user: EventsRead, session: SessionDep) -> EventDetail:
    """The event with everyone met there and where each follow-up stands (done / due / overdue)."""
    event = service.get_event(session, user, event_id)
    return _event_detail(event, repository.contacts_of(session, user, [event.id]), user)


@router.patch("/{event_id}", response_model=EventDetail, responses=error_responses(401, 404, 422))
def update_event(
    event_id: uuid.UUID, body: EventPatch, user: EventsWrite, session: SessionDep
) -> EventDetail:
    """Rename, re-date or re-place an event; its contacts follow a rename and a corrected date."""
    event = service.update_event(session, user, event_id, body)
    return _event_detail(event, repository.contacts_of(session, user, [event.id]), user)


@router.delete(
    "/{event_id}", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 404, 422)
)
def delete_event(event_id: uuid.UUID, user: EventsWrite, session: SessionDep) -> None:
    """Delete an event. The people met there are kept (with its name and their met_on date)."""
    service.delete_event(session, user, event_id)
