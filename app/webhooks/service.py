"""Registering, changing and removing webhook endpoints. No FastAPI here."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from app.errors import ErrorCode, NotFound, Unprocessable
from app.settings import Settings
from app.webhooks import repository
from app.webhooks.address import RefusedAddress, check_url
from app.webhooks.events import forget_subscribers
from app.webhooks.schemas import EndpointCreate, EndpointPatch
from app.webhooks.sender import new_secret
from models import User, WebhookDelivery, WebhookEndpoint

MAX_ENDPOINTS = 20


def _checked_url(url: str, settings: Settings) -> str:
    try:
        check_url(url, allow_private=settings.webhooks_allow_private)
    except RefusedAddress as exc:
        raise Unprocessable(str(exc), code=ErrorCode.WEBHOOK_URL_REFUSED, details={"url": url}) from exc
    return url


def get_endpoint(session: Session, user: User, endpoint_id: uuid.UUID) -> WebhookEndpoint:
    endpoint = repository.get(session, user, endpoint_id)
    if endpoint is None:
        raise NotFound("No such webhook endpoint.", code=ErrorCode.WEBHOOK_NOT_FOUND)
    return endpoint


def create_endpoint(
    session: Session, user: User, data: EndpointCreate, settings: Settings
) -> WebhookEndpoint:
    if len(repository.all_of(session, user)) >= MAX_ENDPOINTS:
        raise Unprocessable(
            f"At most {MAX_ENDPOINTS} webhook endpoints per account.", code=ErrorCode.TOO_MANY_WEBHOOKS
        )
    endpoint = WebhookEndpoint(
        user_id=user.id,
        url=_checked_url(str(data.url), settings),
        event_types=sorted(set(data.event_types)),
        description=data.description,
        secret=new_secret(),
        state="enabled",
        consecutive_failures=0,
    )
    session.add(endpoint)
    session.flush()
    forget_subscribers(session)
    return endpoint


def update_endpoint(
    session: Session, user: User, endpoint_id: uuid.UUID, patch: EndpointPatch, settings: Settings
) -> WebhookEndpoint:
    endpoint = get_endpoint(session, user, endpoint_id)
    changes = patch.model_dump(exclude_unset=True)
    if "url" in changes and patch.url is not None:
        endpoint.url = _checked_url(str(patch.url), settings)
    if patch.event_types is not None:
        endpoint.event_types = sorted(set(patch.event_types))
    if "description" in changes:
        endpoint.description = patch.description
    if patch.state == "enabled" and endpoint.state != "enabled":
        # A fresh start: the failure count that disabled it no longer counts.
        endpoint.state, endpoint.disabled_reason, endpoint.disabled_at = "enabled", None, None
        endpoint.consecutive_failures, endpoint.failing_since = 0, None
    elif patch.state == "disabled" and endpoint.state != "disabled":
        endpoint.state, endpoint.disabled_at = "disabled", datetime.now(UTC)
        endpoint.disabled_reason = "Disabled by the user."
    endpoint.updated_at = datetime.now(UTC)
    session.flush()
    forget_subscribers(session)
    return endpoint


def delete_endpoint(session: Session, user: User, endpoint_id: uuid.UUID) -> None:
    endpoint = get_endpoint(session, user, endpoint_id)
    session.delete(endpoint)
    session.flush()
    forget_subscribers(session)


def rotate_secret(
    session: Session, user: User, endpoint_id: uuid.UUID, keep_previous_seconds: int
) -> WebhookEndpoint:
    """A new secret signs from now on; the old one adds a second signature for a while (or not at all)."""
    endpoint = get_endpoint(session, user, endpoint_id)
    now = datetime.now(UTC)
    endpoint.previous_secret = endpoint.secret if keep_previous_seconds else None
    endpoint.previous_secret_expires_at = (
        now + timedelta(seconds=keep_previous_seconds) if keep_previous_seconds else None
    )
    endpoint.secret = new_secret()
    endpoint.updated_at = now
    session.flush()
    return endpoint


def deliveries(
    session: Session, user: User, endpoint_id: uuid.UUID, status: str | None, limit: int, offset: int
) -> tuple[list[WebhookDelivery], int, dict]:
    endpoint = get_endpoint(session, user, endpoint_id)
    rows, total = repository.deliveries(session, endpoint, status, limit, offset)
    return rows, total, repository.attempts_of(session, [row.id for row in rows])
