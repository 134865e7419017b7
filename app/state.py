"""What one running service holds: its settings, database engine and session factory, and the long-lived
services the domains attach at start (the sign-in throttle, the scan machinery, readiness probes, start and
stop hooks), each under a typed attribute.

The domains' types are imported for type checking only: the domains import this module (through the
request dependencies), and import-linter counts only run-time imports, so no cycle is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db import make_engine, make_session_factory
from app.settings import Settings

if TYPE_CHECKING:
    from app.rate_limit import RequestLimiter
    from app.scans.reading import CardReader
    from app.scans.wiring import ScanServices
    from app.sign_in_throttle import SignInThrottle
    from app.webhooks.runner import DeliveryRunner


@dataclass
class ServiceState:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    sign_in_throttle: SignInThrottle | None = None  # set by create_app
    request_limiter: RequestLimiter | None = None  # set by create_app
    scans: ScanServices | None = None  # set by app.scans.wiring.install
    webhooks: DeliveryRunner | None = None  # while the service runs (app.webhooks.wiring)
    # A stand-in card reader for the scan runner, set before start-up (tests); None reads with `ocr`.
    scan_reader: CardReader | None = None
    # Named checks /readyz requires (the queue's Redis, the object store, a separate sign-in limit store).
    dependencies: dict[str, Callable[[], bool]] = field(default_factory=dict)
    # Named checks /readyz reports without depending on them (an optional OCR engine).
    readiness: dict[str, Callable[[], bool]] = field(default_factory=dict)
    on_startup: list[Callable[[], None]] = field(default_factory=list)
    on_shutdown: list[Callable[[], None]] = field(default_factory=list)

    @classmethod
    def from_settings(cls, settings: Settings) -> ServiceState:
        engine = make_engine(settings.resolved_database_url)
        return cls(settings=settings, engine=engine, sessions=make_session_factory(engine))

    def require_scans(self) -> ScanServices:
        """The scan machinery; installed by create_app before any request."""
        if self.scans is None:
            raise RuntimeError("the scan services are not installed (app.scans.wiring.install)")
        return self.scans

    def require_sign_in_throttle(self) -> SignInThrottle:
        if self.sign_in_throttle is None:
            raise RuntimeError("the sign-in throttle is not installed (create_app)")
        return self.sign_in_throttle

    def require_request_limiter(self) -> RequestLimiter:
        if self.request_limiter is None:
            raise RuntimeError("the request limiter is not installed (create_app)")
        return self.request_limiter
