"""Submitting photos and retrying scans end to end (accept, commit, read now or hand to the background), for
the API router and the web form alike. No FastAPI here; errors are AppErrors.

    services = state.require_scans()
    photo = photo_from_bytes(data, settings)              # 415/413/422 for what is not a usable photo
    result = submit(services, session, user, [photo], ScanOptions(event_name="Expo"))
    result.scans[0].contact_id                            # the draft contact, when result.finished
"""

from __future__ import annotations

import uuid
from contextlib import nullcontext
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.errors import ErrorCode, ServiceUnavailable
from app.scans import service
from app.scans.errors import http_error, is_input_error
from app.scans.intake import CardPhoto
from app.scans.schemas import ScanOptions
from app.scans.wiring import ScanRunner, ScanServices
from models import Scan, User

FINISHED = ("done", "failed")


@dataclass(frozen=True)
class Submission:
    scans: list[Scan]
    replayed: bool = False  # an earlier request with the same Idempotency-Key created these

    @property
    def finished(self) -> bool:
        return all(scan.status in FINISHED for scan in self.scans)


def _runner(services: ScanServices) -> ScanRunner:
    if services.runner is None:
        raise ServiceUnavailable("The scan runner is not running.", code=ErrorCode.SCANS_UNAVAILABLE)
    return services.runner


def _reload(session: Session, user: User, scans: list[Scan]) -> list[Scan]:
    session.expire_all()
    return [service.get_scan(session, user, scan.id) for scan in scans]


def submit(
    services: ScanServices,
    session: Session,
    user: User,
    photos: list[CardPhoto],
    options: ScanOptions,
    *,
    asynchronous: bool = False,
    idempotency_key: str | None = None,
) -> Submission:
    """Store the photos as scans and commit (nothing is acknowledged before it is persisted); then read
    them now, or leave them to the background when `asynchronous`.

    Raises Saturated (503 + Retry-After) when every reader is busy, and DependencyUnavailable (503 +
    Retry-After) when the queue is down, before anything is stored. A single
    synchronous photo the reader refuses as input (unreadable, too large) raises that 4xx and is not kept.
    """
    runner = _runner(services)
    runner.ensure_available()
    with nullcontext() if asynchronous else runner.reserve(len(photos)):
        accepted = service.accept(
            session,
            user,
            services.storage,
            photos,
            options,
            services.ctx.settings,
            idempotency_key=idempotency_key,
            claim=not asynchronous and runner.claims_on_accept,
        )
        session.commit()
        if accepted.replayed:
            return Submission(accepted.scans, replayed=True)
        if asynchronous:
            runner.dispatch([scan.id for scan in accepted.scans])
            return Submission(accepted.scans)
        runner.run_sync([(scan.id, scan.attempts) for scan in accepted.scans])
    scans = _reload(session, user, accepted.scans)
    if len(scans) == 1 and scans[0].status == "failed" and is_input_error(scans[0].error_code or ""):
        code, message = scans[0].error_code or "", scans[0].error_message or ""
        service.discard(session, scans)
        session.commit()
        raise http_error(code, message)
    return Submission(scans)


def retry(
    services: ScanServices, session: Session, user: User, scan_id: uuid.UUID, *, asynchronous: bool = False
) -> Scan:
    """Read a failed scan again: now (returns it finished, unless it outlasts MEISHI_SYNC_WAIT_SECONDS),
    or in the background."""
    runner = _runner(services)
    runner.ensure_available()
    with nullcontext() if asynchronous else runner.reserve(1):
        scan = service.mark_for_retry(
            session, user, scan_id, services.ctx.settings, claim=not asynchronous and runner.claims_on_accept
        )
        session.commit()
        if asynchronous:
            runner.dispatch([scan.id])
        else:
            runner.run_sync([(scan.id, scan.attempts)])
    return _reload(session, user, [scan])[0]
