"""Merging two contacts that are one person. No FastAPI here.

Field by field: lists keep the values of both; for single values a confirmed contact's value wins over a
draft's, otherwise the surviving contact's value wins and the other's only fills gaps. Every scan and every
follow-up (done, snoozed or open) moves to the survivor, and a ContactMerge row keeps a snapshot of the
contact that was folded in, so nothing is lost and the merge can be audited.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import change_log as sync_capture
from app.companies.names import company_key
from app.contacts import match_keys, repository
from app.contacts.notify import contact_changed, contact_deleted
from app.contacts.service import get_contact
from app.errors import ErrorCode, NotFound, Unprocessable
from models import Contact, ContactMerge, Scan, User

SINGLE_VALUES = (
    "name",
    "given_name",
    "family_name",
    "title",
    "department",
    "company",
    "address",
    "event_name",
    "event_id",
)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def snapshot(contact: Contact, scan_ids: list[uuid.UUID]) -> dict[str, Any]:
    """Everything the merged-away contact held, as JSON."""
    columns = [c.key for c in Contact.__table__.columns if c.key != "user_id"]
    return {
        "contact": {name: _json(getattr(contact, name)) for name in columns},
        "follow_up_ids": [str(f.id) for f in contact.follow_ups],
        "scan_ids": [str(s) for s in scan_ids],
    }


def _union(first: list[Any], second: list[Any], key: Any) -> list[Any]:
    seen: set[Any] = set()
    merged = []
    for item in [*first, *second]:
        k = key(item)
        if k not in seen:
            seen.add(k)
            merged.append(item)
    return merged


def _website_key(url: str) -> str:
    return (
        url.strip().lower().removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")
    )


def _merge_fields(target: Contact, other: Contact) -> dict[str, Any]:
    """Fold `other`'s fields into `target`; returns which values came from `other`."""
    other_wins = target.status == "draft" and other.status == "confirmed"
    taken: dict[str, Any] = {}
    confidence = dict(target.confidence or {})
    for name in SINGLE_VALUES:
        mine, theirs = getattr(target, name), getattr(other, name)
        if theirs in (None, "") or mine == theirs:
            continue
        if mine in (None, "") or other_wins:
            setattr(target, name, theirs)
            taken[name] = _json(theirs)
            if name in (other.confidence or {}):
                confidence[name] = other.confidence[name]
    if other.met_on and (target.met_on is None or other.met_on < target.met_on):
        target.met_on = other.met_on  # the first time you met
        taken["met_on"] = other.met_on.isoformat()
    if other.notes and other.notes != target.notes:
        target.notes = f"{target.notes}\n\n{other.notes}" if target.notes else other.notes
        taken["notes"] = other.notes
    first, second = (other, target) if other_wins else (target, other)
    target.emails = _union(first.emails or [], second.emails or [], lambda e: e.strip().lower())
    target.phones = _union(
        first.phones or [], second.phones or [], lambda p: match_keys.phone_key(p["number"]) or p["number"]
    )
    target.websites = _union(first.websites or [], second.websites or [], _website_key)
    social = dict(target.social or {})
    for network, handle in (other.social or {}).items():
        if handle and (not social.get(network) or other_wins):
            social[network] = handle
    target.social = social
    target.confidence = confidence
    if other.status == "confirmed":
        target.status = "confirmed"
    target.source_scan_id = target.source_scan_id or other.source_scan_id
    target.company_key = company_key(target.company)
    return taken


def _one_open_follow_up(target: Contact, now: datetime) -> None:
    """Two open follow-ups become one: the sooner stays due, the other is kept as superseded history."""
    target.follow_ups.sort(key=lambda f: _utc(f.created_at))
    open_ = [f for f in target.follow_ups if f.done_at is None and f.snoozed_at is None]
    if len(open_) < 2:
        return
    keep = min(open_, key=lambda f: (f.due_on, _utc(f.created_at)))
    for follow_up in open_:
        if follow_up is not keep:
            follow_up.snoozed_at = now


def merge_contacts(session: Session, user: User, contact_id: uuid.UUID, other_id: uuid.UUID) -> Contact:
    """Fold contact `other_id` into `contact_id` and delete it; both must be the user's."""
    if contact_id == other_id:
        raise Unprocessable("A contact cannot be merged with itself.", code=ErrorCode.MERGE_WITH_ITSELF)
    target = get_contact(session, user, contact_id)
    other = repository.get(session, user, other_id)
    if other is None:
        raise NotFound(
            "No such contact to merge in.",
            code=ErrorCode.CONTACT_NOT_FOUND,
            details={"other_id": str(other_id)},
        )
    now = datetime.now(UTC)
    scan_ids = list(
        session.scalars(select(Scan.id).where(Scan.user_id == user.id, Scan.contact_id == other.id))
    )
    before = snapshot(other, scan_ids)
    record = ContactMerge(
        user_id=user.id,
        contact_id=target.id,
        merged_contact_id=other.id,
        snapshot={**before, "taken": _merge_fields(target, other)},
    )

    for follow_up in list(other.follow_ups):
        follow_up.contact = target
    _one_open_follow_up(target, now)
    sync_capture.touched(session, "scan", scan_ids, user.id)
    session.execute(
        update(Scan)
        .where(Scan.user_id == user.id, Scan.contact_id == other.id)
        .values(contact_id=target.id)
        .execution_options(synchronize_session="fetch")
    )
    # Earlier merges into the other contact stay on record under the survivor.
    session.execute(
        update(ContactMerge)
        .where(ContactMerge.user_id == user.id, ContactMerge.contact_id == other.id)
        .values(contact_id=target.id)
        .execution_options(synchronize_session="fetch")
    )
    session.add(record)
    session.flush()
    session.delete(other)
    sync_capture.merged(session, "contact", other.id, target.id)
    target.version += 1
    target.updated_at = now
    session.flush()
    match_keys.refresh(session, target)
    contact_deleted(session, user, other_id, merged_into=target.id)
    contact_changed(session, user, target, "contact.updated")
    return target


def merge_history(session: Session, user: User, contact_id: uuid.UUID) -> list[ContactMerge]:
    contact = get_contact(session, user, contact_id)
    return list(
        session.scalars(
            select(ContactMerge)
            .where(ContactMerge.user_id == user.id, ContactMerge.contact_id == contact.id)
            .order_by(ContactMerge.created_at, ContactMerge.id)
        )
    )
