"""The outbox: an event becomes one delivery row per subscribed endpoint, in the same transaction as the
change it reports, so an event is never lost or sent for a change that rolled back. Once the transaction
commits, the deliveries are handed to the dispatcher attached to the session factory (the embedded pool or
the Redis queue); without one, the sweeper finds them within a round."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from models import WebhookDelivery, WebhookEndpoint

EventType = Literal[
    "scan.completed",
    "scan.failed",
    "contact.created",
    "contact.updated",
    "contact.deleted",
    "followup.due",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)

Dispatch = Callable[[list[uuid.UUID]], None]
Payload = dict[str, Any] | Callable[[], dict[str, Any]]

_DISPATCH_KEY = "meishi.webhooks.dispatch"
_PENDING_KEY = "meishi.webhooks.pending"
_LISTENING_KEY = "meishi.webhooks.listening"
_SUBSCRIBERS_KEY = "meishi.webhooks.subscribers"


def attach_dispatcher(sessions: sessionmaker[Session], dispatch: Dispatch) -> None:
    """Sessions from this factory hand their new deliveries to `dispatch` once they commit."""
    info = dict(sessions.kw.get("info") or {})
    info[_DISPATCH_KEY] = dispatch
    sessions.configure(info=info)


def forget_subscribers(session: Session) -> None:
    """Endpoints changed in this session: the next event looks them up again."""
    session.info.pop(_SUBSCRIBERS_KEY, None)


def _subscribers(session: Session, user_id: uuid.UUID, event_type: str) -> list[uuid.UUID]:
    # Looked up once per session and user: a vCard import emits an event per contact.
    cache: dict[uuid.UUID, list[tuple[uuid.UUID, list[str]]]] = session.info.setdefault(_SUBSCRIBERS_KEY, {})
    if user_id not in cache:
        rows = session.execute(
            select(WebhookEndpoint.id, WebhookEndpoint.event_types).where(
                WebhookEndpoint.user_id == user_id, WebhookEndpoint.state == "enabled"
            )
        )
        cache[user_id] = [(endpoint_id, list(types or [])) for endpoint_id, types in rows]
    return [endpoint_id for endpoint_id, types in cache[user_id] if event_type in types]


def emit(
    session: Session,
    user_id: uuid.UUID,
    event_type: EventType,
    data: Payload,
    *,
    event_key: str | None = None,
) -> list[uuid.UUID]:
    """Owe this event to each of the user's enabled endpoints that subscribed to it; returns the new
    delivery ids. `data` may be a function, called only when someone subscribed. With `event_key`, an
    endpoint that already got this event (say, a follow-up due on a day) gets nothing new."""
    endpoint_ids = _subscribers(session, user_id, event_type)
    if not endpoint_ids:
        return []
    now = datetime.now(UTC)
    payload = {
        "type": event_type,
        "timestamp": now.isoformat().replace("+00:00", "Z"),
        "data": data() if callable(data) else data,
    }
    created: list[uuid.UUID] = []
    for endpoint_id in endpoint_ids:
        if event_key is not None and _already_owed(session, endpoint_id, event_key):
            continue
        delivery = WebhookDelivery(
            id=uuid.uuid4(),
            endpoint_id=endpoint_id,
            user_id=user_id,
            event_type=event_type,
            event_key=event_key,
            payload=payload,
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        if event_key is None:
            session.add(delivery)
            session.flush()
        else:
            try:  # another sweeper may owe the same keyed event at this moment
                with session.begin_nested():
                    session.add(delivery)
            except IntegrityError:
                continue
        created.append(delivery.id)
    _dispatch_after_commit(session, created)
    return created


def _already_owed(session: Session, endpoint_id: uuid.UUID, event_key: str) -> bool:
    return (
        session.scalar(
            select(WebhookDelivery.id).where(
                WebhookDelivery.endpoint_id == endpoint_id, WebhookDelivery.event_key == event_key
            )
        )
        is not None
    )


def _dispatch_after_commit(session: Session, delivery_ids: list[uuid.UUID]) -> None:
    dispatch: Dispatch | None = session.info.get(_DISPATCH_KEY)
    if not delivery_ids or dispatch is None:
        return
    if not session.info.get(_LISTENING_KEY):
        session.info[_LISTENING_KEY] = True

        def _committed(ended: Session) -> None:
            pending = ended.info.pop(_PENDING_KEY, None)
            if pending:
                dispatch(pending)

        def _rolled_back(ended: Session) -> None:
            ended.info.pop(_PENDING_KEY, None)

        event.listen(session, "after_commit", _committed)
        event.listen(session, "after_rollback", _rolled_back)
    session.info.setdefault(_PENDING_KEY, []).extend(delivery_ids)
