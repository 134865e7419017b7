"""The FastAPI application: routers, error handlers, middleware and start-up."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.companies.router import router as companies_router
from app.contacts.due_events import emit_due_follow_ups
from app.contacts.exchange_router import router as contacts_exchange_router
from app.contacts.followups_router import router as follow_ups_router
from app.contacts.merge_router import router as contacts_merge_router
from app.contacts.router import router as contacts_router
from app.db import upgrade_to_head
from app.errors import install_error_handlers
from app.events.router import router as events_router
from app.followups.calendar_router import router as calendar_router
from app.health.router import router as health_router
from app.observability.middleware import RequestContextMiddleware
from app.observability.router import router as metrics_router
from app.openapi import install as install_openapi
from app.openapi import operation_id
from app.rate_limit import RequestLimiter
from app.scans.router import router as scans_router
from app.scans.wiring import install as install_scans
from app.settings import Settings, load_settings
from app.sign_in_throttle import SignInThrottle
from app.state import ServiceState
from app.sync.router import router as sync_router
from app.sync.wiring import install as install_sync
from app.users.router import router as users_router
from app.web.router import install_web
from app.webhooks.router import router as webhooks_router
from app.webhooks.wiring import install as install_webhooks
from ocr import available_engines

API_DESCRIPTION = """Meishi turns photos of business cards into contacts with follow-up due dates.

Authenticate with `Authorization: Bearer <token>` (from `POST /v1/auth/token`) or with an API key from
`POST /v1/api-keys`. A key carries scopes: without the one a route needs it gets 403 `insufficient_scope`.
Requests are rate-limited per key and per user (429 with Retry-After). Errors always answer
`{"error": {"code", "message", "details"}}`. Phones keep an offline copy with `GET /v1/sync`.
"""


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or load_settings()
    state = ServiceState.from_settings(settings)
    install_scans(state)
    install_webhooks(state, periodic=[emit_due_follow_ups])
    install_sync(state)
    throttle = SignInThrottle(settings.sign_in_limit, settings.resolved_rate_limit_url)
    state.sign_in_throttle = throttle
    if settings.resolved_rate_limit_url not in ("memory://", settings.queue_url):
        state.dependencies["sign_in_limits"] = throttle.storage.check
    state.request_limiter = RequestLimiter(
        settings.api_key_rate_limit, settings.user_rate_limit, settings.resolved_rate_limit_url
    )
    # Optional second OCR engine: reported by /readyz, never a reason to be unready (Tesseract reads alone).
    state.readiness["rapidocr"] = lambda: "rapidocr" in available_engines()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for start in state.on_startup:
            start()
        yield
        for stop in state.on_shutdown:
            stop()
        state.engine.dispose()

    if migrate:
        upgrade_to_head(state.engine)

    app = FastAPI(
        title="Meishi",
        version="0.1.0",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    app.state.meishi = state
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "Location", "Retry-After", "X-Request-ID"],
        )
    # The export/import routes come before the contacts router: its /v1/contacts/{contact_id} would
    # otherwise take "export.vcf" for a (malformed) id and answer 422.
    app.include_router(contacts_exchange_router)
    for router in (health_router, users_router, contacts_router, follow_ups_router):
        app.include_router(router)
    for router in (contacts_merge_router, events_router, calendar_router, companies_router):
        app.include_router(router)
    app.include_router(scans_router)
    app.include_router(metrics_router)
    app.include_router(sync_router)
    app.include_router(webhooks_router)
    install_web(app, settings)
    install_openapi(app)
    # Added late, so it is an outer layer: it times everything and tags every answer with its id.
    app.add_middleware(RequestContextMiddleware)
    # Outermost: the client address (sign-in limits, logs) is the forwarded one only behind a trusted
    # proxy. Here rather than `uvicorn --proxy-headers`, so every way of serving the app applies it.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.forwarded_allow_ips)
    return app
