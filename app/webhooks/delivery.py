"""Delivering one webhook: claim the attempt, send it, record the outcome. Shared by the embedded pool and
the RQ workers.

At least once: a claim moves `next_attempt_at` past the attempt's longest possible run (a lease), so if
the process dies between sending and recording, the sweeper hands the delivery out again once that moment
passes, with the same `webhook-id`. Recording is fenced by the attempt number, so a presumed-dead attempt
that finishes late cannot overwrite a newer one.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.db import unit_of_work
from app.observability.metrics import record_webhook_delivery
from app.settings import Settings
from app.webhooks.sender import Sender, SendResult, signed_headers
from models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

log = logging.getLogger("meishi.webhooks")
# /metrics: meishi_webhook_deliveries_total{outcome} per attempt (a pending one will be retried).
DELIVERY_OUTCOMES = {"succeeded": "delivered", "failed": "failed", "pending": "retrying"}


@dataclass(frozen=True)
class WebhookContext:
    """What any process that delivers webhooks needs."""

    sessions: sessionmaker[Session]
    settings: Settings
    sender: Sender


@dataclass(frozen=True)
class Claimed:
    delivery_id: uuid.UUID
    attempt: int
    url: str
    signing_secrets: list[str]
    body: str


def make_sender(settings: Settings) -> Sender:
    return Sender(
        timeout_seconds=settings.webhooks_timeout_seconds, allow_private=settings.webhooks_allow_private
    )


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored moment is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def lease_seconds(settings: Settings) -> float:
    """Longest an attempt can take (connect, write, read) plus a margin: after that it is presumed dead."""
    return settings.webhooks_timeout_seconds * 4 + 1


def backoff_seconds(settings: Settings, attempt: int) -> float:
    """Exponential: base, 2x base, 4x base, ... capped at the maximum delay."""
    return min(
        settings.webhooks_retry_base_seconds * 2 ** (attempt - 1), settings.webhooks_retry_max_delay_seconds
    )


def due(sessions: sessionmaker[Session], now: datetime, limit: int) -> list[uuid.UUID]:
    """Deliveries whose attempt is due (new, retried, or held by an attempt presumed dead)."""
    with unit_of_work(sessions) as session:
        return list(
            session.scalars(
                select(WebhookDelivery.id)
                .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
                .where(
                    WebhookDelivery.status == "pending",
                    WebhookDelivery.next_attempt_at <= now,
                    WebhookEndpoint.state == "enabled",
                )
                .order_by(WebhookDelivery.next_attempt_at)
                .limit(limit)
            )
        )


def purge_finished(sessions: sessionmaker[Session], settings: Settings, now: datetime) -> int:
    """Forget finished deliveries (and their attempts) older than the log's retention."""
    before = now - timedelta(days=settings.webhooks_log_days)
    with unit_of_work(sessions) as session:
        old = select(WebhookDelivery.id).where(
            WebhookDelivery.status != "pending", WebhookDelivery.finished_at < before
        )
        if session.scalar(old.limit(1)) is None:
            return 0  # mostly so: no write (on SQLite a write locks the whole database, briefly)
        session.execute(delete(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(old)))
        purged = session.execute(delete(WebhookDelivery).where(WebhookDelivery.id.in_(old)))
        return purged.rowcount or 0


def claim(ctx: WebhookContext, delivery_id: uuid.UUID) -> Claimed | None:
    """Take the next attempt of a due delivery; None when it is not due or someone else took it."""
    now = datetime.now(UTC)
    with unit_of_work(ctx.sessions) as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None or delivery.status != "pending" or delivery.next_attempt_at is None:
            return None
        if as_utc(delivery.next_attempt_at) > now:
            return None
        endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
        if endpoint is None or endpoint.state != "enabled":
            return None
        taken = session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.status == "pending",
                WebhookDelivery.attempts == delivery.attempts,
            )
            .values(
                attempts=delivery.attempts + 1,
                last_attempt_at=now,
                next_attempt_at=now + timedelta(seconds=lease_seconds(ctx.settings)),
            )
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != 1:
            return None
        signing = [endpoint.secret]
        rotated_until = endpoint.previous_secret_expires_at
        if endpoint.previous_secret and rotated_until and as_utc(rotated_until) > now:
            signing.append(endpoint.previous_secret)
        return Claimed(
            delivery_id=delivery_id,
            attempt=delivery.attempts + 1,
            url=endpoint.url,
            signing_secrets=signing,
            body=json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True),
        )


def send(ctx: WebhookContext, claimed: Claimed) -> tuple[datetime, SendResult]:
    started = datetime.now(UTC)
    headers = signed_headers(claimed.delivery_id, claimed.signing_secrets, claimed.body, started)
    return started, ctx.sender.post(claimed.url, headers, claimed.body)


def record(ctx: WebhookContext, claimed: Claimed, started: datetime, result: SendResult) -> str | None:
    """Store the attempt and schedule what follows; returns the delivery's status, or None when a newer
    attempt holds the delivery."""
    now = datetime.now(UTC)
    with unit_of_work(ctx.sessions) as session:
        delivery = session.get(WebhookDelivery, claimed.delivery_id, populate_existing=True)
        if delivery is None or delivery.status != "pending" or delivery.attempts != claimed.attempt:
            return None
        session.add(
            WebhookAttempt(
                delivery_id=delivery.id,
                number=claimed.attempt,
                started_at=started,
                duration_ms=result.duration_ms,
                status_code=result.status_code,
                error=result.error,
            )
        )
        delivery.last_status_code, delivery.last_error = result.status_code, result.error
        endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
        assert endpoint is not None
        if result.ok:
            delivery.status, delivery.finished_at, delivery.next_attempt_at = "succeeded", now, None
            endpoint.consecutive_failures, endpoint.failing_since = 0, None
        else:
            _schedule_retry(ctx.settings, delivery, now)
            _count_failure(ctx.settings, endpoint, now, result)
        session.flush()
        outcome = DELIVERY_OUTCOMES.get(delivery.status, "retrying")
    record_webhook_delivery(outcome)  # counted once the attempt is on record
    return delivery.status


def _schedule_retry(settings: Settings, delivery: WebhookDelivery, now: datetime) -> None:
    if now - as_utc(delivery.created_at) >= timedelta(seconds=settings.webhooks_retry_window_seconds):
        delivery.status, delivery.finished_at, delivery.next_attempt_at = "failed", now, None
    else:
        delivery.next_attempt_at = now + timedelta(seconds=backoff_seconds(settings, delivery.attempts))


def _count_failure(settings: Settings, endpoint: WebhookEndpoint, now: datetime, result: SendResult) -> None:
    endpoint.consecutive_failures += 1
    endpoint.failing_since = endpoint.failing_since or now
    failing_for = now - as_utc(endpoint.failing_since)
    reason = None
    if endpoint.consecutive_failures >= settings.webhooks_disable_after_failures:
        reason = f"{endpoint.consecutive_failures} delivery attempts in a row failed"
    elif failing_for >= timedelta(seconds=settings.webhooks_disable_after_seconds):
        reason = f"every delivery attempt failed for {failing_for.total_seconds() / 3600:.1f} h"
    if reason and endpoint.state == "enabled":
        endpoint.state, endpoint.disabled_at = "disabled", now
        endpoint.disabled_reason = (
            f"Disabled: {reason} (last: {result.error}). Fix the receiver, then enable it."
        )
        log.warning("webhook endpoint %s disabled: %s", endpoint.id, reason)


def deliver(ctx: WebhookContext, delivery_id: uuid.UUID) -> str:
    """One attempt at a due delivery, start to end; returns what happened (for logs and RQ results)."""
    claimed = claim(ctx, delivery_id)
    if claimed is None:
        return "skipped: not due, or taken by another worker"
    started, result = send(ctx, claimed)
    status = record(ctx, claimed, started, result)
    return f"attempt {claimed.attempt}: {result.status_code or result.error} -> {status}"
