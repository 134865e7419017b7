"""Hooks webhook delivery into a running service: new deliveries are dispatched once their transaction
commits, and the delivery runner (embedded threads or the Redis queue) starts and stops with the app."""

from __future__ import annotations

import uuid

from app.state import ServiceState
from app.webhooks.delivery import WebhookContext, make_sender
from app.webhooks.events import attach_dispatcher
from app.webhooks.runner import DeliveryRunner, EmbeddedDeliveries, PeriodicEmitter, QueueDeliveries


def install(state: ServiceState, periodic: list[PeriodicEmitter]) -> None:
    """Call once from create_app, with the emitters of events due by the clock."""
    runner: list[DeliveryRunner] = []

    def dispatch(delivery_ids: list[uuid.UUID]) -> None:
        if runner:
            runner[0].dispatch(delivery_ids)

    attach_dispatcher(state.sessions, dispatch)

    def start() -> None:
        ctx = WebhookContext(
            sessions=state.sessions, settings=state.settings, sender=make_sender(state.settings)
        )
        runner.append(
            QueueDeliveries(ctx, periodic) if state.settings.queue_url else EmbeddedDeliveries(ctx, periodic)
        )
        runner[0].start()
        state.webhooks = runner[0]

    def stop() -> None:
        if runner:
            runner.pop().stop()
            state.webhooks = None

    state.on_startup.append(start)
    state.on_shutdown.append(stop)
