"""Contact logic shared by the API, the web UI, scan processing and the CLI. No FastAPI here."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.companies.names import company_key
from app.contacts import match_keys, repository
from app.contacts.notify import contact_changed, contact_deleted
from app.contacts.schemas import ContactCreate, ContactPatch, FollowUpAction, normalize_phone
from app.errors import Conflict, ErrorCode, NotFound, Unprocessable
from app.followups.schedule import due_date_for, today_in
from app.followups.state import current_follow_up, reschedule
from app.storage import delete_after_commit
from models import Contact, Event, FollowUp, Scan, User


def _normalized_phones(phones: list[dict[str, Any]], region: str) -> list[dict[str, Any]]:
    return [{"number": normalize_phone(p["number"], region), "kind": p.get("kind", "work")} for p in phones]


def _check_event(session: Session, user: User, event_id: uuid.UUID | None) -> Event | None:
    if event_id is None:
        return None
    event = session.get(Event, event_id)
    if event is None or event.user_id != user.id:
        raise Unprocessable("event_id does not name one of your events.", code=ErrorCode.UNKNOWN_EVENT)
    return event


def create_contact(
    session: Session,
    user: User,
    data: ContactCreate,
    *,
    source_scan_id: uuid.UUID | None = None,
    confidence: dict[str, float] | None = None,
    needs_review: list[str] | None = None,
    now: datetime | None = None,
    batched: bool = False,
) -> Contact:
    """Create a contact with its follow-up and duplicate-check keys. `batched`: the caller flushes (many
    contacts at once, as an import does) instead of one round trip per contact."""
    fields = data.model_dump(exclude={"follow_up_due_on", "status"}, mode="json")
    event = _check_event(session, user, data.event_id)
    met_on = data.met_on or (event.date if event else None)
    contact = Contact(
        user_id=user.id,
        **{k: v for k, v in fields.items() if k not in {"met_on", "event_id", "event_name", "phones"}},
        phones=_normalized_phones(fields["phones"], user.default_region),
        event_id=data.event_id,
        event_name=data.event_name or (event.name if event else None),
        met_on=met_on,
        status=data.status,
        source_scan_id=source_scan_id,
        confidence=confidence or {},
        needs_review=list(needs_review or []),
        company_key=company_key(data.company),
    )
    due_on = data.follow_up_due_on or due_date_for(user, met_on, now=now)
    contact.follow_ups.append(FollowUp(user_id=user.id, due_on=due_on))
    session.add(contact)
    if batched:
        contact.id = uuid.uuid4()  # known before the flush, so its keys can be added alongside
        match_keys.add_new(session, contact)
        return contact
    session.flush()
    match_keys.refresh(session, contact)
    contact_changed(session, user, contact, "contact.created")
    return contact


def get_contact(session: Session, user: User, contact_id: uuid.UUID) -> Contact:
    contact = repository.get(session, user, contact_id)
    if contact is None:
        raise NotFound("No such contact.", code=ErrorCode.CONTACT_NOT_FOUND)
    return contact


def update_contact(
    session: Session, user: User, contact_id: uuid.UUID, patch: ContactPatch, *, expected_version: int | None
) -> Contact:
    contact = get_contact(session, user, contact_id)
    if expected_version is not None and expected_version != contact.version:
        raise Conflict(
            "The contact changed since you read it; reload and apply your edit again.",
            code=ErrorCode.EDIT_CONFLICT,
            details={"current_version": contact.version},
        )
    changes = patch.model_dump(exclude_unset=True, mode="json")
    due_on = changes.pop("follow_up_due_on", None)
    event = _check_event(session, user, patch.event_id) if "event_id" in changes else None
    if "event_id" in changes:
        changes["event_id"] = patch.event_id
        # Moving a contact into an event files it under that event's name (and date, if none known).
        if event is not None and "event_name" not in changes:
            changes["event_name"] = event.name
    if "met_on" in changes:
        changes["met_on"] = patch.met_on
    elif event is not None and contact.met_on is None:
        changes["met_on"] = event.date
    if "phones" in changes:
        changes["phones"] = _normalized_phones(changes["phones"] or [], user.default_region)
    for list_field in ("emails", "phones", "websites"):
        if list_field in changes and changes[list_field] is None:
            changes[list_field] = []
    if "social" in changes and changes["social"] is None:
        changes["social"] = {}
    for name, value in changes.items():
        setattr(contact, name, value)
    if contact.needs_review and changes.keys() & set(contact.needs_review):
        # The user looked at the field and set it: it no longer waits for a check.
        contact.needs_review = [f for f in contact.needs_review if f not in changes]
    if "company" in changes:
        contact.company_key = company_key(contact.company)
    if due_on is not None:
        reschedule(contact, user, date.fromisoformat(due_on))
    contact.version += 1
    contact.updated_at = datetime.now(UTC)
    session.flush()
    if changes.keys() & {"emails", "phones", "name", "company"}:
        match_keys.refresh(session, contact)
    contact_changed(session, user, contact, "contact.updated")
    return contact


def delete_contact(session: Session, user: User, contact_id: uuid.UUID) -> Contact:
    """Delete a contact with the scans it came from, and (once this commits) their images. Scans are rows
    of the shared models here, as merging moves them: the contacts domain never imports the scans one."""
    contact = get_contact(session, user, contact_id)
    scans = list(session.scalars(select(Scan).where(Scan.user_id == user.id, Scan.contact_id == contact.id)))
    for scan in scans:
        session.delete(scan)
    session.flush()
    session.delete(contact)
    session.flush()
    delete_after_commit(session, [key for scan in scans for key in scan.image_keys])
    contact_deleted(session, user, contact.id)
    return contact


def act_on_follow_up(session: Session, user: User, contact_id: uuid.UUID, action: FollowUpAction) -> Contact:
    """Mark the open follow-up done, snooze it to a new date, or plan the next one."""
    given = [name for name in ("channel", "snooze_until", "due_on") if getattr(action, name) is not None]
    if len(given) != 1:
        raise Unprocessable(
            "Send exactly one of channel (done), snooze_until or due_on.",
            code=ErrorCode.INVALID_FOLLOW_UP_ACTION,
        )
    contact = get_contact(session, user, contact_id)
    current = current_follow_up(contact)
    now = datetime.now(UTC)
    if action.due_on is not None:
        reschedule(contact, user, action.due_on)
    elif current is None or current.done_at is not None:
        raise Conflict("This contact has no open follow-up.", code=ErrorCode.NO_OPEN_FOLLOW_UP)
    elif action.channel is not None:
        current.done_at = now
        current.channel = action.channel
        current.note = action.note
    else:
        assert action.snooze_until is not None
        if action.snooze_until < today_in(user.time_zone):
            raise Unprocessable("snooze_until must not be in the past.", code=ErrorCode.SNOOZE_IN_PAST)
        # The snoozed entry stays as history; a new open follow-up takes its place.
        current.snoozed_at = now
        contact.follow_ups.append(FollowUp(user_id=user.id, due_on=action.snooze_until, note=action.note))
    contact.updated_at = now
    session.flush()
    contact_changed(session, user, contact, "contact.updated")
    return contact
