"""Queue mode (MEISHI_QUEUE_URL=redis://...): scans are RQ jobs read by `meishi worker` processes, which
may run on other machines and need only DATABASE_URL, the image storage settings and Redis.

A job carries only the scan id; the database row stays the truth. A worker claims the row (compare-and-set,
fenced by the attempt number) and renews its lease while reading, so a killed worker's scan is re-enqueued
by the next worker start or maintenance round (or by the API's recovery thread).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from typing import Literal

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus, get_current_job

from app.db import make_engine, make_session_factory
from app.errors import DependencyUnavailable
from app.observability.context import request_id
from app.scans.errors import Saturated
from app.scans.processing import LeaseKeeper, ScanContext, claim, process_claimed, recover_stale
from app.scans.reading import default_reader, read_sides
from app.settings import Settings, load_settings
from app.storage import attach_storage, make_storage
from app.webhooks.jobs import WebhookQueue, attach_queue_dispatch, enqueue_due
from models import Scan
from ocr import preload

log = logging.getLogger("meishi.scans")

JOB_FUNCTION = "app.scans.queue.run_scan_job"
WAITING = {JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED}
POLL_SECONDS = 0.1
CONNECT_TIMEOUT_S = 2
QUEUE = "queue (Redis)"
WorkerQueues = Literal["all", "scans", "webhooks"]


def job_id(scan_id: uuid.UUID) -> str:
    return f"scan-{scan_id}"


class RedisQueue:
    """The API and the workers' handle on the RQ queue."""

    def __init__(self, settings: Settings) -> None:
        assert settings.queue_url
        # A Redis that is down must answer the API's request quickly (503), not after the OS's TCP timeout.
        self.connection = Redis.from_url(settings.queue_url, socket_connect_timeout=CONNECT_TIMEOUT_S)
        self.queue = Queue(settings.queue_name, connection=self.connection)
        self.settings = settings

    def enqueue(self, scan_ids: list[uuid.UUID]) -> None:
        for scan_id in scan_ids:
            carried = None
            # A job left by a dead worker under the same id would shadow the new one. A re-enqueued scan
            # keeps the request id of its upload.
            with suppress(NoSuchJobError):
                old = Job.fetch(job_id(scan_id), connection=self.connection)
                carried = old.meta.get("request_id")
                old.delete()
            self.queue.enqueue(
                JOB_FUNCTION,
                str(scan_id),
                job_id=job_id(scan_id),
                job_timeout=max(600, self.settings.scan_lease_seconds * 10),
                result_ttl=0,
                failure_ttl=7 * 24 * 3600,
                # The uploading request's id, so the worker's log lines can be found from the API's.
                meta={"request_id": request_id.get() or carried},
            )

    def is_up(self) -> bool:
        try:
            return bool(self.connection.ping())
        except RedisError:
            return False

    def is_waiting(self, scan_id: uuid.UUID) -> bool:
        try:
            return Job.fetch(job_id(scan_id), connection=self.connection).get_status() in WAITING
        except NoSuchJobError:
            return False

    def recover(self, ctx: ScanContext) -> list[uuid.UUID]:
        return recover_stale(ctx, self.enqueue, still_waiting=self.is_waiting)


class QueueRunner:
    """The API side in queue mode: enqueue, and for synchronous uploads wait for a worker's result."""

    claims_on_accept = False  # a worker claims the scan

    def __init__(self, ctx: ScanContext) -> None:
        self._ctx = ctx
        self._queue = RedisQueue(ctx.settings)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._recover_loop, name="scan-recovery", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _recover_loop(self) -> None:
        while not self._stop.wait(self._ctx.settings.scan_lease_seconds / 2):
            try:
                self._queue.recover(self._ctx)
            except Exception:  # Redis or the database briefly away: try again next round
                log.exception("scan recovery round failed")

    def ensure_available(self) -> None:
        """DependencyUnavailable (503) while Redis is down: an upload is refused before anything is kept."""
        if not self._queue.is_up():
            raise DependencyUnavailable(QUEUE)

    @contextmanager
    def reserve(self, count: int) -> Iterator[None]:
        """Refuse synchronous uploads (503) while the queue already holds more than its limit, or is down."""
        try:
            waiting = self._queue.queue.count
        except RedisError as exc:
            raise DependencyUnavailable(QUEUE) from exc
        if waiting + count > self._ctx.settings.ocr_queue_limit:
            raise Saturated(max(1, waiting // max(self._ctx.settings.ocr_workers, 1)))
        yield

    def dispatch(self, scan_ids: list[uuid.UUID]) -> None:
        self._enqueue_or_leave_to_recovery(scan_ids)

    def _enqueue_or_leave_to_recovery(self, scan_ids: list[uuid.UUID]) -> bool:
        """The scans are committed (accepted) before this: if Redis went away since `ensure_available`,
        they stay queued in the database and the recovery loop enqueues them once their lease lapses."""
        try:
            self._queue.enqueue(scan_ids)
        except RedisError:
            log.warning("Redis unavailable: %d accepted scans left to recovery: %s", len(scan_ids), scan_ids)
            return False
        return True

    def waiting_jobs(self) -> int:
        return self._queue.queue.count

    def run_sync(self, claims: list[tuple[uuid.UUID, int]]) -> None:
        """Enqueue and wait (polling the rows) up to MEISHI_SYNC_WAIT_SECONDS for the workers' results."""
        scan_ids = [scan_id for scan_id, _token in claims]
        if not self._enqueue_or_leave_to_recovery(scan_ids):
            return  # answered as still queued (202); read once Redis is back
        deadline = time.monotonic() + self._ctx.settings.sync_wait_seconds
        while time.monotonic() < deadline:
            with self._ctx.sessions() as session:
                statuses = [session.get(Scan, scan_id, populate_existing=True) for scan_id in scan_ids]
                if all(scan is None or scan.status in ("done", "failed") for scan in statuses):
                    return
            time.sleep(POLL_SECONDS)


@cache
def _worker_context(pid: int) -> ScanContext:
    """Built once per process (keyed by pid: RQ forks a work horse per job, and a forked child must not
    reuse its parent's database connections)."""
    settings = load_settings()
    sessions = make_session_factory(make_engine(settings.resolved_database_url))
    storage = make_storage(settings)
    attach_storage(sessions, storage)
    attach_queue_dispatch(sessions, settings)
    return ScanContext(sessions=sessions, storage=storage, settings=settings)


def run_scan_job(scan_id: str) -> str:
    """The RQ job: claim the scan, read it holding a renewed lease, record the outcome."""
    job = get_current_job()
    request_id.set((job.meta.get("request_id") if job else None) or None)
    ctx = _worker_context(os.getpid())
    scan_uuid = uuid.UUID(scan_id)
    token = claim(ctx, scan_uuid)
    if token is None:
        log.info("scan %s skipped: not queued (already read, or claimed by another worker)", scan_id)
        return "skipped: not queued (already read, or claimed by another worker)"
    reader = default_reader()
    leases = LeaseKeeper(ctx).start()
    leases.hold(scan_uuid)
    try:
        process_claimed(
            ctx, scan_uuid, token, lambda front, back, opts: read_sides(reader, front, back, opts)
        )
    finally:
        leases.stop()
    log.info("scan %s read", scan_id)
    return "read"


class ScanWorker(Worker):
    """An RQ worker that also recovers scans left behind by dead workers, and enqueues webhook deliveries
    that are due (retries, or attempts whose worker died): at start-up and at every maintenance round
    (about once per lease)."""

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        try:
            ctx = _worker_context(os.getpid())
            RedisQueue(ctx.settings).recover(ctx)
        except Exception:
            self.log.exception("scan recovery failed; retrying at the next maintenance round")
        try:
            ctx = _worker_context(os.getpid())
            enqueue_due(ctx.sessions, ctx.settings)
        except Exception:
            self.log.exception("webhook sweep failed; retrying at the next maintenance round")


def run_worker(settings: Settings, *, burst: bool = False, serve: WorkerQueues = "all") -> None:
    """Serve scans and webhook deliveries from the queues until stopped (or, with burst, until they are
    empty). Scans come first; `serve` limits a worker to one kind, so that receivers answering slowly never
    hold a worker that scans wait for."""
    queue = RedisQueue(settings)
    webhooks = WebhookQueue(settings)
    served = {"all": [queue.queue, webhooks.queue], "scans": [queue.queue], "webhooks": [webhooks.queue]}
    lease = settings.scan_lease_seconds
    # BLPOP wakes at least once per lease, so maintenance (and recovery) runs that often when idle.
    worker = ScanWorker(
        served[serve],
        connection=queue.connection,
        maintenance_interval=lease,
        worker_ttl=lease + 15,
    )
    if serve != "webhooks":
        preload()  # the reader loaded once here, shared by every forked work horse

    worker.work(burst=burst, logging_level="INFO", with_scheduler=False)
