"""The FastAPI application: routers, error handlers, middleware and start-up."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.contacts.router import router as contacts_router
from app.db import upgrade_to_head
from app.errors import install_error_handlers
from app.events.router import router as events_router
from app.followups.calendar_router import router as calendar_router
from app.followups.router import router as follow_ups_router
from app.health.router import router as health_router
from app.settings import Settings, load_settings
from app.state import ServiceState
from app.users.router import router as users_router
from app.web.router import install_web

API_DESCRIPTION = """Meishi turns photos of business cards into contacts with follow-up due dates.

Authenticate with `Authorization: Bearer <token>` (from `POST /v1/auth/token`) or with an API key from
`POST /v1/api-keys`. Errors always answer `{"error": {"code", "message", "details"}}`.
"""


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or load_settings()
    state = ServiceState.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for start in state.extras.get("on_startup", []):
            start()
        yield
        for stop in state.extras.get("on_shutdown", []):
            stop()
        state.engine.dispose()

    if migrate:
        upgrade_to_head(state.engine)

    app = FastAPI(title="Meishi", version="0.1.0", description=API_DESCRIPTION, lifespan=lifespan)
    app.state.meishi = state
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "Location", "Retry-After"],
        )
    for router in (health_router, users_router, contacts_router, follow_ups_router):
        app.include_router(router)
    for router in (events_router, calendar_router):
        app.include_router(router)
    install_web(app, settings)
    return app
