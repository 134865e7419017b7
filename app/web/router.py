"""All web pages under one router; the CSRF check applies to every one of them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles

from app.settings import Settings
from app.web import contacts, events, exports, followups, pwa, review, settings, signin, upload
from app.web.auth import session_signing_key
from app.web.csrf import verify_csrf
from app.web.errors import install_page_error_handlers
from app.web.rendering import STATIC_DIR

SESSION_COOKIE = "meishi_session"
SESSION_MAX_AGE_S = 14 * 24 * 3600

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
for pages in (signin, upload, review, contacts, followups, events, exports, settings):
    router.include_router(pages.router)


def install_web(app: FastAPI, settings: Settings) -> None:
    """Mount the web UI on `app`: session cookies, static files, the pages and their error pages."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_signing_key(settings.resolved_secret_key),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE_S,
        same_site="lax",
        https_only=settings.cookie_secure,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_page_error_handlers(app)
    app.include_router(router)
    app.include_router(pwa.router)  # no CSRF or session needed: public files
