"""/v1/webhooks: endpoints that receive signed events, their secrets and their delivery logs."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from app.deps import SessionDep, SettingsDep
from app.errors import error_responses
from app.pagination import Limit, Offset
from app.webhooks import service
from app.webhooks.access import require_scope
from app.webhooks.events import EVENT_TYPES
from app.webhooks.schemas import (
    AttemptOut,
    DeliveryOut,
    DeliveryPage,
    EndpointCreate,
    EndpointOut,
    EndpointPatch,
    EndpointWithSecret,
    EventTypesOut,
    RotateSecret,
)
from app.webhooks.sender import message_id
from models import User, WebhookAttempt, WebhookDelivery, WebhookEndpoint

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
WebhooksUser = Annotated[User, Depends(require_scope("webhooks"))]


def _out(endpoint: WebhookEndpoint) -> EndpointOut:
    return EndpointOut.model_validate(endpoint, from_attributes=True)


def _with_secret(endpoint: WebhookEndpoint) -> EndpointWithSecret:
    return EndpointWithSecret(**_out(endpoint).model_dump(), secret=endpoint.secret)


def _delivery_out(delivery: WebhookDelivery, attempts: list[WebhookAttempt]) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.id,
        webhook_id=message_id(delivery.id),
        event_type=delivery.event_type,
        status=delivery.status,  # type: ignore[arg-type]
        attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at if delivery.status == "pending" else None,
        last_status_code=delivery.last_status_code,
        last_error=delivery.last_error,
        created_at=delivery.created_at,
        finished_at=delivery.finished_at,
        payload=delivery.payload,
        attempt_log=[AttemptOut.model_validate(a, from_attributes=True) for a in attempts],
    )


@router.get("/event-types", response_model=EventTypesOut, responses=error_responses(401, 403))
def list_event_types(user: WebhooksUser) -> EventTypesOut:
    """The events an endpoint can subscribe to."""
    return EventTypesOut(event_types=list(EVENT_TYPES))


@router.post(
    "",
    response_model=EndpointWithSecret,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 422),
)
def create_webhook(
    body: EndpointCreate, user: WebhooksUser, session: SessionDep, settings: SettingsDep, response: Response
) -> EndpointWithSecret:
    """Register an endpoint. The answer carries its signing secret, shown only this once (rotate it to get a
    new one). URLs resolving to loopback/private/link-local addresses are refused (422)."""
    endpoint = service.create_endpoint(session, user, body, settings)
    response.headers["Location"] = f"/v1/webhooks/{endpoint.id}"
    return _with_secret(endpoint)


@router.get("", response_model=list[EndpointOut], responses=error_responses(401, 403))
def list_webhooks(user: WebhooksUser, session: SessionDep) -> list[EndpointOut]:
    """Your endpoints, with their state (and why one was disabled)."""
    return [_out(e) for e in service.repository.all_of(session, user)]


@router.get("/{endpoint_id}", response_model=EndpointOut, responses=error_responses(401, 403, 404, 422))
def get_webhook(endpoint_id: uuid.UUID, user: WebhooksUser, session: SessionDep) -> EndpointOut:
    """One endpoint: its URL, events, and whether it is enabled (or why it was disabled)."""
    return _out(service.get_endpoint(session, user, endpoint_id))


@router.patch("/{endpoint_id}", response_model=EndpointOut, responses=error_responses(401, 403, 404, 422))
def update_webhook(
    endpoint_id: uuid.UUID,
    body: EndpointPatch,
    user: WebhooksUser,
    session: SessionDep,
    settings: SettingsDep,
) -> EndpointOut:
    """Change the URL, events or description; `{"state": "enabled"}` re-enables a disabled endpoint."""
    return _out(service.update_endpoint(session, user, endpoint_id, body, settings))


@router.delete(
    "/{endpoint_id}", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 403, 404, 422)
)
def delete_webhook(endpoint_id: uuid.UUID, user: WebhooksUser, session: SessionDep) -> Response:
    """Remove the endpoint and its delivery log; nothing more is sent to it."""
    service.delete_endpoint(session, user, endpoint_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{endpoint_id}/rotate-secret",
    response_model=EndpointWithSecret,
    responses=error_responses(401, 403, 404, 422),
)
def rotate_webhook_secret(
    endpoint_id: uuid.UUID, user: WebhooksUser, session: SessionDep, body: RotateSecret | None = None
) -> EndpointWithSecret:
    """A new secret, shown once. The old one keeps signing beside it for `keep_previous_seconds`."""
    keep = (body or RotateSecret()).keep_previous_seconds
    return _with_secret(service.rotate_secret(session, user, endpoint_id, keep))


@router.get(
    "/{endpoint_id}/deliveries", response_model=DeliveryPage, responses=error_responses(401, 403, 404, 422)
)
def list_deliveries(
    endpoint_id: uuid.UUID,
    user: WebhooksUser,
    session: SessionDep,
    status_filter: Annotated[Literal["pending", "succeeded", "failed"] | None, Query(alias="status")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DeliveryPage:
    """The delivery log, newest first: each event sent (or owed) to this endpoint and every attempt."""
    rows, total, attempts = service.deliveries(session, user, endpoint_id, status_filter, limit, offset)
    return DeliveryPage(
        items=[_delivery_out(row, attempts[row.id]) for row in rows], total=total, limit=limit, offset=offset
    )
