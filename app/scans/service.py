"""Scan logic shared by the API, the web form and the workers. No FastAPI here: every function takes a
Session (it flushes; the caller commits) and the signed-in user.

A scan's life: accepted (images stored, row queued or already claimed) -> processing (one holder, fenced
by its attempt number, renewing a lease) -> done (reading stored, draft contact created) or failed (typed
error, retryable).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.contacts.service import create_contact
from app.errors import Conflict, ErrorCode, NotFound, Unprocessable
from app.followups.schedule import due_date_for
from app.observability.context import REQUEST_ID_OPTION, request_id
from app.scans import drafts, repository
from app.scans.intake import CardPhoto
from app.scans.notify import notify_scan_finished
from app.scans.reading import ReadFailure, Reading
from app.scans.schemas import ScanOptions
from app.settings import Settings
from app.storage import (
    ImageNotFound,
    ImageStorage,
    delete_after_commit,
    delete_after_rollback,
    scan_image_key,
)
from models import Event, Scan, User
from ocr import ReadOptions

Side = Literal["front", "back", "card"]
NO_TEXT_WARNING = "no_text_found"


@dataclass(frozen=True)
class Accepted:
    scans: list[Scan]
    replayed: bool  # the same Idempotency-Key was seen before: these are the scans it created


def _now() -> datetime:
    return datetime.now(UTC)


def lease_until(settings: Settings, now: datetime) -> datetime:
    return now + timedelta(seconds=settings.scan_lease_seconds)


def _idempotency_keys(key: str, count: int) -> list[str]:
    return [f"{key}#{i}" for i in range(count)]


def request_digest(photos: list[CardPhoto], options: ScanOptions) -> str:
    """What an Idempotency-Key stands for: these photos (front and back, in order) with these options."""
    digest = hashlib.sha256()
    for photo in photos:
        for side in (photo.front, photo.back):
            digest.update(hashlib.sha256(side.data).digest() if side is not None else b"no back")
    digest.update(json.dumps(options.model_dump(mode="json", exclude_none=True), sort_keys=True).encode())
    return digest.hexdigest()


def _replay(existing: list[Scan], count: int, digest: str) -> Accepted:
    """The scans an earlier upload with this Idempotency-Key created, if this upload is the same one.

    A key reused for another upload is the client's bug; answering with the first upload's scans would
    silently drop this one's photos (draft-ietf-httpapi-idempotency-key-header: 422)."""
    same = len(existing) == count and all(scan.request_digest in (None, digest) for scan in existing)
    if not same:
        raise Unprocessable(
            "This Idempotency-Key was already used for a different upload; use a new key for new photos.",
            code=ErrorCode.IDEMPOTENCY_KEY_REUSED,
        )
    return Accepted(existing, replayed=True)


def _stored_options(session: Session, user: User, options: ScanOptions, settings: Settings) -> dict[str, Any]:
    if options.event_id is not None:
        event = session.get(Event, options.event_id)
        if event is None or event.user_id != user.id:
            raise Unprocessable("event_id does not name one of your events.", code=ErrorCode.UNKNOWN_EVENT)
    stored = options.model_dump(mode="json", exclude_none=True)
    # Resolved now, so a worker on another machine reads the card the way the upload asked.
    stored.setdefault("engine", settings.ocr_engine)
    stored.setdefault("lang", user.ocr_lang or settings.ocr_lang)
    stored["region"] = (options.region or user.default_region or settings.default_region).upper()
    if rid := request_id.get():
        # Kept with the scan, so whichever process reads it (again) logs under the upload's request id.
        stored[REQUEST_ID_OPTION] = rid
    return stored


def accept(
    session: Session,
    user: User,
    storage: ImageStorage,
    photos: list[CardPhoto],
    options: ScanOptions,
    settings: Settings,
    *,
    idempotency_key: str | None = None,
    claim: bool = False,
) -> Accepted:
    """Store the photos and create one scan per photo: queued, or already claimed (processing, attempt 1)
    when the caller reads them right away. A repeated Idempotency-Key returns the scans it created, or
    Unprocessable when it comes with another upload."""
    keys = _idempotency_keys(idempotency_key, len(photos)) if idempotency_key else None
    digest = request_digest(photos, options) if keys else None
    if keys and digest:
        existing = repository.by_idempotency_keys(session, user, keys)
        if existing:
            return _replay(existing, len(photos), digest)
    stored_options = _stored_options(session, user, options, settings)
    now = _now()
    scans: list[Scan] = []
    written: list[str] = []
    try:
        for i, photo in enumerate(photos):
            scan_id = uuid.uuid4()
            front_key = scan_image_key(user.id, scan_id, "original")
            back_key = scan_image_key(user.id, scan_id, "back") if photo.back else None
            storage.put(front_key, photo.front.data, photo.front.content_type)
            written.append(front_key)
            if photo.back and back_key:
                storage.put(back_key, photo.back.data, photo.back.content_type)
                written.append(back_key)
            scan = Scan(
                id=scan_id,
                user_id=user.id,
                status="processing" if claim else "queued",
                attempts=1 if claim else 0,
                started_at=now if claim else None,
                lease_expires_at=lease_until(settings, now),
                idempotency_key=keys[i] if keys else None,
                request_digest=digest,
                image_key=front_key,
                image_content_type=photo.front.content_type,
                back_image_key=back_key,
                options={
                    **stored_options,
                    **({"back_content_type": photo.back.content_type} if photo.back else {}),
                },
                warnings=[],
            )
            session.add(scan)
            scans.append(scan)
        session.flush()
    except IntegrityError:
        # The same key raced in from a retry a moment ago: answer with what that request created.
        session.rollback()
        for key in written:
            storage.delete(key)
        existing = repository.by_idempotency_keys(session, user, keys) if keys else []
        if existing and digest:
            return _replay(existing, len(photos), digest)
        raise
    except BaseException:
        for key in written:
            storage.delete(key)
        raise
    delete_after_rollback(session, written)
    return Accepted(scans, replayed=False)


def get_scan(session: Session, user: User, scan_id: uuid.UUID) -> Scan:
    scan = repository.get(session, user, scan_id)
    if scan is None:
        raise NotFound("No such scan.", code=ErrorCode.SCAN_NOT_FOUND)
    return scan


def list_scans(
    session: Session, user: User, *, status: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[Scan], int]:
    return repository.page(session, user, status, limit, offset)


def image_of(
    session: Session, user: User, storage: ImageStorage, scan_id: uuid.UUID, side: Side = "front"
) -> tuple[bytes, str]:
    """The stored image bytes and content type; only for the scan's owner (others get 404)."""
    scan = get_scan(session, user, scan_id)
    key, content_type = {
        "front": (scan.image_key, scan.image_content_type),
        "back": (scan.back_image_key, scan.options.get("back_content_type", "application/octet-stream")),
        "card": (scan.card_image_key, "image/jpeg"),
    }[side]
    if key is None:
        raise NotFound(f"This scan has no {side} image.", code=ErrorCode.IMAGE_NOT_FOUND)
    try:
        return storage.get(key), content_type
    except ImageNotFound as exc:
        raise NotFound(f"The {side} image is gone.", code=ErrorCode.IMAGE_NOT_FOUND) from exc


def mark_for_retry(
    session: Session, user: User, scan_id: uuid.UUID, settings: Settings, *, claim: bool
) -> Scan:
    """A failed scan goes back to queued (or straight to processing for a synchronous retry)."""
    scan = get_scan(session, user, scan_id)
    if scan.status != "failed":
        raise Conflict(
            f"Only failed scans can be retried; this one is {scan.status}.", code=ErrorCode.SCAN_NOT_FAILED
        )
    now = _now()
    scan.status = "processing" if claim else "queued"
    scan.attempts += 1 if claim else 0
    scan.started_at = now if claim else None
    scan.finished_at = None
    scan.error_code = scan.error_message = None
    scan.lease_expires_at = lease_until(settings, now)
    scan.updated_at = now
    session.flush()
    return scan


def discard(session: Session, scans: list[Scan]) -> None:
    """Remove scans and (after commit) their images: a synchronous upload refused as unreadable keeps
    nothing."""
    keys = [key for scan in scans for key in scan.image_keys]
    for scan in scans:
        session.delete(scan)
    session.flush()
    delete_after_commit(session, keys)


def read_options(options: dict[str, Any], settings: Settings) -> ReadOptions:
    return ReadOptions(
        lang=options.get("lang", settings.ocr_lang),
        region=options.get("region", settings.default_region),
        engine=options.get("engine", settings.ocr_engine),
        max_pixels=settings.max_image_pixels,
    )


def complete(
    session: Session,
    storage: ImageStorage,
    scan_id: uuid.UUID,
    token: int,
    outcome: Reading | ReadFailure,
) -> Scan | None:
    """Record the outcome of attempt `token`; None when that attempt no longer holds the scan."""
    now = _now()
    status = "failed" if isinstance(outcome, ReadFailure) else "done"
    if not repository.finish_if_held(session, scan_id, token, status, now):
        return None
    scan = session.get(Scan, scan_id, populate_existing=True)
    assert scan is not None
    user = session.get(User, scan.user_id)
    assert user is not None
    if isinstance(outcome, ReadFailure):
        scan.error_code, scan.error_message = outcome.code, outcome.message
    else:
        _record_reading(session, storage, scan, user, outcome)
    session.flush()
    notify_scan_finished(session, user, scan)
    return scan


def _record_reading(
    session: Session, storage: ImageStorage, scan: Scan, user: User, reading: Reading
) -> None:
    fields = drafts.contact_fields(reading.front)
    warnings = list(reading.front.warnings)
    scan.reading = reading.front.to_dict()
    if reading.back is not None:
        fields = drafts.merge_sides(fields, drafts.contact_fields(reading.back))
        warnings += [f"back:{w}" for w in reading.back.warnings]
        scan.reading = {**scan.reading, "back": reading.back.to_dict()}
    if drafts.is_empty(fields) and NO_TEXT_WARNING not in warnings:
        warnings.append(NO_TEXT_WARNING)
    if reading.front.card_image:
        key = scan_image_key(user.id, scan.id, "card.jpg")
        storage.put(key, reading.front.card_image, "image/jpeg")
        delete_after_rollback(session, [key])
        scan.card_image_key = key
    options = dict(scan.options)
    if options.get("event_id"):
        event = session.get(Event, uuid.UUID(options["event_id"]))
        if event is None or event.user_id != user.id:  # deleted since the upload
            options.pop("event_id")
            warnings.append("event_not_found")
    follow_up_due_on = None
    if options.get("follow_up_days") is not None:
        met_on = options.get("met_on")
        follow_up_due_on = due_date_for(
            user,
            datetime.fromisoformat(met_on).date() if met_on else None,
            delay_days=options["follow_up_days"],
        )
    draft = drafts.draft_contact(fields, options, follow_up_due_on)
    contact = create_contact(
        session,
        user,
        draft,
        source_scan_id=scan.id,
        confidence=reading.front.confidence,
        needs_review=list(reading.front.needs_review),
    )
    scan.contact_id = contact.id
    scan.warnings = warnings
