"""Processing one claimed scan, keeping its lease alive, and recovering scans whose holder died. Shared
by the embedded runner (API process) and the RQ workers."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.db import unit_of_work
from app.observability import metrics
from app.observability.context import REQUEST_ID_OPTION, working_for
from app.scans import repository, service
from app.scans.errors import INTERNAL_ERROR, WORKER_LOST
from app.scans.reading import ReadFailure, Reading
from app.settings import Settings
from app.storage import ImageNotFound, ImageStorage
from models import Scan
from ocr import ReadError, ReadOptions

log = logging.getLogger("meishi.scans")

MAX_ATTEMPTS = 3  # a scan that took down its reader this often is failed, not retried forever
ReadFn = Callable[[bytes, bytes | None, ReadOptions], Reading]


@dataclass(frozen=True)
class ScanContext:
    """What any process that reads scans needs: the database, the image storage and the settings."""

    sessions: sessionmaker[Session]
    storage: ImageStorage
    settings: Settings


def process_claimed(ctx: ScanContext, scan_id: uuid.UUID, token: int, read: ReadFn) -> None:
    """Read a scan this caller holds (attempt `token`) and record the outcome, whatever happens."""
    with ctx.sessions() as session:
        scan = session.get(Scan, scan_id)
        if scan is None:
            return
        front_key, back_key, options = scan.image_key, scan.back_image_key, dict(scan.options)
    with working_for(options.get(REQUEST_ID_OPTION)):
        log.info("reading scan %s (attempt %d)", scan_id, token)
        _read_and_record(ctx, scan_id, token, read, front_key, back_key, options)


def _read_and_record(
    ctx: ScanContext,
    scan_id: uuid.UUID,
    token: int,
    read: ReadFn,
    front_key: str,
    back_key: str | None,
    options: dict[str, Any],
) -> None:
    outcome: Reading | ReadFailure
    try:
        front = ctx.storage.get(front_key)
        back = ctx.storage.get(back_key) if back_key else None
        outcome = read(front, back, service.read_options(options, ctx.settings))
    except ReadError as exc:
        outcome = ReadFailure(exc.code, str(exc) or exc.code)
    except ImageNotFound:
        outcome = ReadFailure("image_not_found", "The stored photo is missing.")
    except Exception as exc:  # the scan must end failed, never stuck in processing
        log.exception("reading scan %s failed", scan_id)
        code = getattr(exc, "code", None)  # runner errors (a crashed reader process) carry their own code
        outcome = ReadFailure(
            code or INTERNAL_ERROR, str(exc) if code else f"Reading failed: {type(exc).__name__}"
        )
    try:
        with unit_of_work(ctx.sessions) as session:
            recorded = service.complete(session, ctx.storage, scan_id, token, outcome) is not None
    except Exception:
        log.exception("recording the outcome of scan %s failed", scan_id)
        outcome = ReadFailure(INTERNAL_ERROR, "Saving failed.")
        with unit_of_work(ctx.sessions) as session:
            recorded = service.complete(session, ctx.storage, scan_id, token, outcome) is not None
    if recorded:  # an attempt that lost its scan to another reader counts nothing
        _count(scan_id, outcome)


def _count(scan_id: uuid.UUID, outcome: Reading | ReadFailure) -> None:
    if isinstance(outcome, ReadFailure):
        log.info("scan %s failed: %s", scan_id, outcome.code)
        metrics.record_scan_outcome(outcome.code)
        return
    stages = dict(outcome.front.timings)
    if outcome.back is not None:
        for stage, seconds in outcome.back.timings.items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    log.info("scan %s done in %.2f s", scan_id, stages.get("total", 0.0))
    metrics.record_scan_outcome("done", stages)


def claim(ctx: ScanContext, scan_id: uuid.UUID) -> int | None:
    now = datetime.now(UTC)
    with unit_of_work(ctx.sessions) as session:
        return repository.claim(session, scan_id, now, service.lease_until(ctx.settings, now))


def recover_stale(
    ctx: ScanContext,
    requeue: Callable[[list[uuid.UUID]], None],
    still_waiting: Callable[[uuid.UUID], bool] = lambda _scan_id: False,
) -> list[uuid.UUID]:
    """Scans whose lease ran out are handed out again (or failed after MAX_ATTEMPTS). `still_waiting`
    says a queued scan is known to be waiting in a durable queue, so only its lease is renewed."""
    now = datetime.now(UTC)
    until = service.lease_until(ctx.settings, now)
    requeued: list[uuid.UUID] = []
    with unit_of_work(ctx.sessions) as session:
        for scan in repository.stale(session, now):
            if scan.status == "queued" and still_waiting(scan.id):
                repository.renew_leases(session, [scan.id], until)
            elif scan.status == "processing" and scan.attempts >= MAX_ATTEMPTS:
                if repository.finish_if_held(session, scan.id, scan.attempts, "failed", now):
                    scan.error_code = WORKER_LOST
                    scan.error_message = f"The reader stopped {scan.attempts} times while reading this card."
            elif repository.requeue_if_stale(session, scan, now, until):
                requeued.append(scan.id)
    if requeued:
        log.warning("recovered %d scans whose reader stopped: %s", len(requeued), requeued)
        requeue(requeued)
    return requeued


class LeaseKeeper:
    """Renews the leases of the scans this process holds, so a crash is noticed within one lease."""

    def __init__(self, ctx: ScanContext) -> None:
        self._ctx = ctx
        self._held: set[uuid.UUID] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scan-leases", daemon=True)

    def start(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def hold(self, scan_id: uuid.UUID) -> None:
        with self._lock:
            self._held.add(scan_id)

    def release(self, scan_id: uuid.UUID) -> None:
        with self._lock:
            self._held.discard(scan_id)

    def _run(self) -> None:
        interval = max(self._ctx.settings.scan_lease_seconds / 3, 0.2)
        while not self._stop.wait(interval):
            with self._lock:
                held = list(self._held)
            if not held:
                continue
            try:
                with unit_of_work(self._ctx.sessions) as session:
                    now = datetime.now(UTC)
                    repository.renew_leases(session, held, service.lease_until(self._ctx.settings, now))
            except Exception:  # a database hiccup must not kill the keeper; the next round retries
                log.exception("renewing scan leases failed")
