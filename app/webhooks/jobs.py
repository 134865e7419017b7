"""Queue mode: webhook deliveries are RQ jobs on their own queue, served by `meishi worker`."""

from __future__ import annotations

import logging
import math
import os
import uuid
from datetime import UTC, datetime
from functools import cache

from redis import Redis
from rq import Queue
from sqlalchemy.orm import Session, sessionmaker

from app.db import make_engine, make_session_factory
from app.settings import Settings, load_settings
from app.webhooks.delivery import WebhookContext, deliver, due, lease_seconds, make_sender
from app.webhooks.events import attach_dispatcher

log = logging.getLogger("meishi.webhooks")

JOB_FUNCTION = "app.webhooks.jobs.run_delivery_job"


def queue_name(settings: Settings) -> str:
    return f"{settings.queue_name}-webhooks"


def _queued_key(settings: Settings, delivery_id: uuid.UUID) -> str:
    return f"{queue_name(settings)}:queued:{delivery_id}"


class WebhookQueue:
    """Each delivery is enqueued at most once at a time: a marker in Redis says a job for it waits or
    runs; the job removes it when done, and it expires after an attempt's lease in case the worker died
    (the delivery is due again by then). A duplicate job would be harmless anyway: the claim lets one
    attempt through."""

    def __init__(self, settings: Settings) -> None:
        assert settings.queue_url
        self.connection = Redis.from_url(settings.queue_url)
        self.queue = Queue(queue_name(settings), connection=self.connection)
        self.settings = settings

    def enqueue(self, delivery_ids: list[uuid.UUID]) -> None:
        marker_seconds = math.ceil(lease_seconds(self.settings))
        for delivery_id in delivery_ids:
            if not self.connection.set(
                _queued_key(self.settings, delivery_id), 1, nx=True, ex=marker_seconds
            ):
                continue
            self.queue.enqueue(
                JOB_FUNCTION,
                str(delivery_id),
                job_id=f"webhook-{delivery_id}-{uuid.uuid4().hex[:8]}",
                job_timeout=marker_seconds + 30,
                result_ttl=0,
                failure_ttl=24 * 3600,
            )

    def done(self, delivery_id: uuid.UUID) -> None:
        self.connection.delete(_queued_key(self.settings, delivery_id))


def attach_queue_dispatch(sessions: sessionmaker[Session], settings: Settings) -> None:
    """Deliveries owed by a worker's transactions (a scan finishing) go to the queue once they commit."""
    queue = WebhookQueue(settings)

    def dispatch(delivery_ids: list[uuid.UUID]) -> None:
        try:
            queue.enqueue(delivery_ids)
        except Exception:  # Redis away: the sweepers enqueue them later
            log.exception("enqueueing webhooks failed; a sweeper will retry")

    attach_dispatcher(sessions, dispatch)


def enqueue_due(sessions: sessionmaker[Session], settings: Settings, limit: int = 500) -> None:
    """Enqueue deliveries that are due: retries, and those whose worker died mid-attempt."""
    WebhookQueue(settings).enqueue(due(sessions, datetime.now(UTC), limit))


@cache
def _worker_context(pid: int) -> WebhookContext:
    """Once per process (keyed by pid: RQ forks a work horse per job; a child must not reuse its parent's
    database connections)."""
    settings = load_settings()
    sessions = make_session_factory(make_engine(settings.resolved_database_url))
    return WebhookContext(sessions=sessions, settings=settings, sender=make_sender(settings))


def run_delivery_job(delivery_id: str) -> str:
    """The RQ job: one attempt at a delivery (claimed, sent, recorded)."""
    ctx = _worker_context(os.getpid())
    try:
        return deliver(ctx, uuid.UUID(delivery_id))
    finally:
        WebhookQueue(ctx.settings).done(uuid.UUID(delivery_id))
