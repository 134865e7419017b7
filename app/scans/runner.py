"""The embedded runner: cards are read in a bounded pool of processes inside the API service.

- Synchronous uploads take a slot (readers + waiting line, MEISHI_OCR_WORKERS + MEISHI_OCR_QUEUE_LIMIT) or
  get 503 + Retry-After at once; they never pile up.
- Asynchronous scans stay rows in the database (the database is the queue) until a reader is free; at most
  MEISHI_OCR_WORKERS of them run at a time so synchronous uploads always find room in the waiting line.
- The dispatcher thread also recovers scans whose holder died (start-up, then every half lease).
"""

from __future__ import annotations

import contextvars
import logging
import math
import multiprocessing
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from app.db import unit_of_work
from app.scans import repository
from app.scans.errors import READER_CRASHED, Saturated
from app.scans.processing import LeaseKeeper, ScanContext, claim, process_claimed, recover_stale
from app.scans.reading import CardReader, Reading, read_sides
from ocr import READER_MODULES, OcrTimeout, ReadOptions, share_cores

log = logging.getLogger("meishi.scans")


class _ReaderCrashed(Exception):
    code = READER_CRASHED


class EmbeddedRunner:
    claims_on_accept = True  # a synchronous upload is read right here, so it is claimed when accepted

    def __init__(self, ctx: ScanContext, reader: CardReader) -> None:
        settings = ctx.settings
        self._ctx = ctx
        self._reader = reader
        self._workers = settings.ocr_workers
        self._capacity = settings.ocr_workers + settings.ocr_queue_limit
        self._slots = threading.BoundedSemaphore(self._capacity)
        self._threads = ThreadPoolExecutor(self._capacity, thread_name_prefix="scan")
        self._pool_lock = threading.Lock()
        self._pool = self._new_pool()
        self._async_running = 0
        self._counter_lock = threading.Lock()
        self._leases = LeaseKeeper(ctx)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._dispatcher = threading.Thread(target=self._dispatch_loop, name="scan-dispatch", daemon=True)
        self._read_seconds = 2.0  # moving average, for Retry-After

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: reader processes start from a clean single-threaded server, not from this threaded
        # API process; the server preloads the reader so each worker starts warm.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(READER_MODULES))
        # Each reader gets its share of the cores for onnxruntime (ocr.share_cores).
        return ProcessPoolExecutor(
            self._workers, mp_context=context, initializer=share_cores, initargs=(self._workers,)
        )

    def start(self) -> None:
        self._leases.start()
        self._dispatcher.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._dispatcher.is_alive():
            self._dispatcher.join(timeout=5)
        self._threads.shutdown(wait=False, cancel_futures=True)
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._leases.stop()

    # -- synchronous uploads -------------------------------------------------------------------------

    def ensure_available(self) -> None:
        """The pool lives in this process: nothing outside it to be down."""

    @contextmanager
    def reserve(self, count: int) -> Iterator[None]:
        """Hold `count` reader slots for a synchronous upload, or raise Saturated (503) right away."""
        taken = 0
        try:
            for _ in range(count):
                if not self._slots.acquire(blocking=False):
                    raise Saturated(self._retry_after())
                taken += 1
            yield
        finally:
            for _ in range(taken):
                self._slots.release()

    def _retry_after(self) -> int:
        return max(1, math.ceil(self._read_seconds * self._capacity / self._workers))

    def run_sync(self, claims: list[tuple[uuid.UUID, int]]) -> None:
        """Read claimed scans (inside `reserve`), waiting at most MEISHI_SYNC_WAIT_SECONDS; scans not done
        by then finish in the background."""
        # Each in a copy of this request's context, so the reader's log lines carry its request id.
        futures = [
            self._threads.submit(contextvars.copy_context().run, self._process, scan_id, token)
            for scan_id, token in claims
        ]
        deadline = time.monotonic() + self._ctx.settings.sync_wait_seconds
        for future in futures:
            try:
                future.result(timeout=max(deadline - time.monotonic(), 0))
            except FutureTimeout:
                return

    # -- asynchronous scans --------------------------------------------------------------------------

    def dispatch(self, scan_ids: list[uuid.UUID]) -> None:
        self._wake.set()

    def _dispatch_loop(self) -> None:
        next_recovery = 0.0
        while not self._stop.is_set():
            try:
                if time.monotonic() >= next_recovery:
                    # Queued rows are always waiting here (the table is the queue): only a lapsed
                    # 'processing' lease means a reader died.
                    recover_stale(self._ctx, self.dispatch, still_waiting=lambda _scan_id: True)
                    next_recovery = time.monotonic() + self._ctx.settings.scan_lease_seconds / 2
                self._start_queued()
            except Exception:  # keep dispatching through database hiccups
                log.exception("scan dispatcher round failed")
            self._wake.wait(timeout=min(self._ctx.settings.scan_lease_seconds / 2, 2.0))
            self._wake.clear()

    def _start_queued(self) -> None:
        while not self._stop.is_set():
            with self._counter_lock:
                if self._async_running >= self._workers:
                    return
            if not self._slots.acquire(blocking=False):
                return
            started = self._claim_next()
            if started is None:
                self._slots.release()
                return
            with self._counter_lock:
                self._async_running += 1
            self._threads.submit(self._run_async, *started)

    def _claim_next(self) -> tuple[uuid.UUID, int] | None:
        with unit_of_work(self._ctx.sessions) as session:
            candidates = repository.oldest_queued(session, 5)
        for scan_id in candidates:
            token = claim(self._ctx, scan_id)
            if token is not None:
                return scan_id, token
        return None

    def _run_async(self, scan_id: uuid.UUID, token: int) -> None:
        try:
            self._process(scan_id, token)
        finally:
            with self._counter_lock:
                self._async_running -= 1
            self._slots.release()
            self._wake.set()

    # -- both ----------------------------------------------------------------------------------------

    def _process(self, scan_id: uuid.UUID, token: int) -> None:
        self._leases.hold(scan_id)
        try:
            process_claimed(self._ctx, scan_id, token, self._read_in_pool)
        finally:
            self._leases.release(scan_id)

    def _read_in_pool(self, front: bytes, back: bytes | None, options: ReadOptions) -> Reading:
        started = time.monotonic()
        with self._pool_lock:
            pool = self._pool
        try:
            future: Future[Reading] = pool.submit(read_sides, self._reader, front, back, options)
            # The reader enforces its own timeouts; this bound only catches a reader that hangs anyway.
            reading = future.result(timeout=options.timeout_s * (3 if back is None else 6) + 10)
        except FutureTimeout as exc:
            raise OcrTimeout(f"reading took longer than {options.timeout_s * 3:.0f} s") from exc
        except BrokenProcessPool as exc:
            self._replace_pool(pool)
            raise _ReaderCrashed("the reader process died while reading this card") from exc
        self._read_seconds = 0.8 * self._read_seconds + 0.2 * (time.monotonic() - started)
        return reading

    def _replace_pool(self, broken: ProcessPoolExecutor) -> None:
        with self._pool_lock:
            if self._pool is broken:
                log.error("a reader process died; starting a fresh pool")
                self._pool = self._new_pool()
        broken.shutdown(wait=False, cancel_futures=True)
