"""Who sends deliveries, apart from OCR work so a slow receiver never holds up a scan.

- Embedded (default): a bounded pool of threads in the API process; the sweeper thread claims due
  deliveries (new, retried, or left by a dead attempt) and hands them to the pool.
- Queue mode (MEISHI_QUEUE_URL): deliveries are RQ jobs on their own queue (`<queue name>-webhooks`),
  served by `meishi worker`; the API's sweeper thread only enqueues due ones.
Both sweepers also run the periodic emitters they are given (follow-ups falling due today).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from app.webhooks.delivery import WebhookContext, due, purge_finished

log = logging.getLogger("meishi.webhooks")

# Emits events that are due by the clock (follow-ups due today); run every follow-up check interval.
PeriodicEmitter = Callable[[sessionmaker[Session], datetime], object]


class DeliveryRunner(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...

    def dispatch(self, delivery_ids: list[uuid.UUID]) -> None: ...


class Sweeper:
    """A thread that, every sweep interval or when woken, hands out due deliveries; every follow-up check
    interval it also emits today's follow-up events and forgets deliveries past the log's retention."""

    def __init__(
        self, ctx: WebhookContext, hand_out: DeliveryHandOut, periodic: list[PeriodicEmitter]
    ) -> None:
        self._ctx = ctx
        self._hand_out = hand_out
        self._periodic = periodic
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="webhook-sweeper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def wake(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        settings = self._ctx.settings
        next_follow_up_check = 0.0
        while not self._stop.is_set():
            try:
                if time.monotonic() >= next_follow_up_check:
                    for emit_due in self._periodic:
                        emit_due(self._ctx.sessions, datetime.now(UTC))
                    purge_finished(self._ctx.sessions, settings, datetime.now(UTC))
                    next_follow_up_check = time.monotonic() + settings.webhooks_followup_check_seconds
                room = self._hand_out.room()
                if room > 0:
                    self._hand_out(due(self._ctx.sessions, datetime.now(UTC), room))
            except Exception:  # a database or Redis hiccup: the next round tries again
                log.exception("webhook sweep failed")
            self._wake.wait(timeout=settings.webhooks_sweep_seconds)
            self._wake.clear()


class DeliveryHandOut(Protocol):
    def room(self) -> int: ...

    def __call__(self, delivery_ids: list[uuid.UUID]) -> None: ...


class EmbeddedDeliveries:
    """Threads in this process send deliveries; at most `webhooks_workers` at once."""

    def __init__(self, ctx: WebhookContext, periodic: list[PeriodicEmitter]) -> None:
        self._ctx = ctx
        self._capacity = ctx.settings.webhooks_workers
        self._threads = ThreadPoolExecutor(self._capacity, thread_name_prefix="webhook")
        self._running: set[uuid.UUID] = set()
        self._lock = threading.Lock()
        self._sweeper = Sweeper(ctx, self, periodic)

    def start(self) -> None:
        self._sweeper.start()

    def stop(self) -> None:
        self._sweeper.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)
        self._ctx.sender.close()

    def dispatch(self, delivery_ids: list[uuid.UUID]) -> None:
        self._sweeper.wake()

    def room(self) -> int:
        with self._lock:
            return self._capacity - len(self._running)

    def __call__(self, delivery_ids: list[uuid.UUID]) -> None:
        for delivery_id in delivery_ids:
            with self._lock:
                if delivery_id in self._running:
                    continue
                self._running.add(delivery_id)
            self._threads.submit(self._deliver, delivery_id)

    def _deliver(self, delivery_id: uuid.UUID) -> None:
        from app.webhooks.delivery import deliver  # looked up per call: the tests' crash seam

        try:
            log.info("webhook %s: %s", delivery_id, deliver(self._ctx, delivery_id))
        except Exception:
            log.exception("delivering webhook %s failed; the sweeper retries it", delivery_id)
        finally:
            with self._lock:
                self._running.discard(delivery_id)
            self._sweeper.wake()


class QueueDeliveries:
    """The API side in queue mode: deliveries go to the RQ webhooks queue as soon as they commit, and the
    sweeper enqueues retries and deliveries left by dead workers."""

    def __init__(self, ctx: WebhookContext, periodic: list[PeriodicEmitter]) -> None:
        from app.webhooks.jobs import WebhookQueue  # deferred: Redis is only needed in queue mode

        self._ctx = ctx
        self._queue = WebhookQueue(ctx.settings)
        self._sweeper = Sweeper(ctx, self, periodic)

    def start(self) -> None:
        self._sweeper.start()

    def stop(self) -> None:
        self._sweeper.stop()
        self._ctx.sender.close()

    def dispatch(self, delivery_ids: list[uuid.UUID]) -> None:
        try:
            self._queue.enqueue(delivery_ids)
        except Exception:  # Redis away: the sweeper enqueues them later
            log.exception("enqueueing webhooks failed; the sweeper will retry")

    def room(self) -> int:
        return 500

    def __call__(self, delivery_ids: list[uuid.UUID]) -> None:
        self._queue.enqueue(delivery_ids)
