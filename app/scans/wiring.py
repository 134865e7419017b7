"""Hooks the scan machinery into a running service: storage on every session, and the runner (embedded
pool or Redis queue) started and stopped with the app."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from app.scans.processing import ScanContext
from app.scans.reading import CardReader, default_reader
from app.state import ServiceState
from app.storage import ImageStorage, S3Storage, attach_storage, make_storage


class ScanRunner(Protocol):
    claims_on_accept: bool

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def ensure_available(self) -> None: ...

    def reserve(self, count: int) -> AbstractContextManager[None]: ...

    def run_sync(self, claims: list[tuple[uuid.UUID, int]]) -> None: ...

    def dispatch(self, scan_ids: list[uuid.UUID]) -> None: ...


@dataclass
class ScanServices:
    """What the scans router and the web form use: `state.scans`."""

    ctx: ScanContext
    runner: ScanRunner | None = None  # created at start-up

    @property
    def storage(self) -> ImageStorage:
        return self.ctx.storage


def install(state: ServiceState) -> ScanServices:
    """Call once from create_app. Tests may put a reader in `state.scan_reader` before start-up (the seam
    for exercising the runner without OCR)."""
    storage = make_storage(state.settings)
    attach_storage(state.sessions, storage)
    services = ScanServices(ScanContext(sessions=state.sessions, storage=storage, settings=state.settings))
    state.scans = services

    def start() -> None:
        services.runner = _make_runner(services.ctx, state.scan_reader or default_reader())
        services.runner.start()

    def stop() -> None:
        if services.runner is not None:
            services.runner.stop()
            services.runner = None

    state.on_startup.append(start)
    state.on_shutdown.append(stop)
    dependencies = state.dependencies
    if state.settings.queue_url:
        dependencies["queue"] = _redis_probe(state.settings.queue_url)
    if isinstance(storage, S3Storage):
        dependencies["object_store"] = storage.is_up
    return services


def _redis_probe(url: str) -> Callable[[], bool]:
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)

    def answers() -> bool:
        try:
            return bool(connection.ping())
        except RedisError:
            return False

    return answers


def _make_runner(ctx: ScanContext, reader: CardReader) -> ScanRunner:
    if ctx.settings.queue_url:
        from app.scans.queue import QueueRunner  # deferred: Redis is only needed in queue mode

        return QueueRunner(ctx)
    from app.scans.runner import EmbeddedRunner

    return EmbeddedRunner(ctx, reader)
