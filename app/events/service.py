"""Event logic shared by the API, the web UI and the CLI. No FastAPI here."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import change_log as sync_capture
from app.errors import ErrorCode, NotFound
from app.events import repository
from app.events.schemas import EventCreate, EventPatch, FollowUpProgress
from app.followups.schedule import window_of
from app.followups.state import current_follow_up
from models import Contact, Event, User


def create_event(session: Session, user: User, data: EventCreate) -> Event:
    event = Event(user_id=user.id, name=data.name, date=data.date, place=data.place)
    session.add(event)
    session.flush()
    return event


def get_event(session: Session, user: User, event_id: uuid.UUID) -> Event:
    event = repository.get(session, user, event_id)
    if event is None:
        raise NotFound("No such event.", code=ErrorCode.EVENT_NOT_FOUND)
    return event


def update_event(session: Session, user: User, event_id: uuid.UUID, patch: EventPatch) -> Event:
    """Change the event; its contacts follow a renamed event and a corrected date they took from it."""
    event = get_event(session, user, event_id)
    changes = patch.model_dump(exclude_unset=True)
    linked = (Contact.user_id == user.id, Contact.event_id == event.id)
    if "name" in changes and changes["name"] != event.name:
        renamed = select(Contact.id).where(*linked, Contact.event_name == event.name)
        sync_capture.touched(session, "contact", session.scalars(renamed), user.id)
        session.execute(
            update(Contact)
            .where(*linked, Contact.event_name == event.name)
            .values(event_name=changes["name"])
            .execution_options(synchronize_session="fetch")
        )
    if "date" in changes and changes["date"] != event.date:
        # Only contacts whose date came from the event move (or had none); a date typed for a contact stays.
        took_event_date = Contact.met_on.is_(None) if event.date is None else Contact.met_on == event.date
        redated = select(Contact.id).where(*linked, took_event_date)
        sync_capture.touched(session, "contact", session.scalars(redated), user.id)
        session.execute(
            update(Contact)
            .where(*linked, took_event_date)
            .values(met_on=changes["date"])
            .execution_options(synchronize_session="fetch")
        )
    for name, value in changes.items():
        setattr(event, name, value)
    event.updated_at = datetime.now(UTC)
    session.flush()
    return event


def delete_event(session: Session, user: User, event_id: uuid.UUID) -> None:
    """Delete the event; the people met there stay, with the event's name and their met_on date."""
    event = get_event(session, user, event_id)
    repository.detach_contacts(session, user, event.id)
    session.delete(event)
    session.flush()


def progress(contacts: Iterable[Contact], today: date) -> FollowUpProgress:
    counts = {"contacts": 0, "done": 0, "due": 0, "overdue": 0, "upcoming": 0}
    for contact in contacts:
        counts["contacts"] += 1
        follow_up = current_follow_up(contact)
        if follow_up is None:
            continue
        if follow_up.done_at is not None:
            counts["done"] += 1
        else:
            window = window_of(follow_up.due_on, today)
            counts["due" if window == "today" else window] += 1
    return FollowUpProgress(**counts)
