"""What makes the web UI an installable, offline-capable app: the manifest and the service worker.

The service worker is served from the site root (not /static) so that its scope covers every page.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import FileResponse, JSONResponse, Response

from app.web.rendering import STATIC_DIR

router = APIRouter(include_in_schema=False)

MANIFEST = {
    "name": "Meishi",
    "short_name": "Meishi",
    "description": "Business cards in, follow-ups out.",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "background_color": "#f5f6f8",
    "theme_color": "#0b5fff",
    "icons": [
        {"src": "/static/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "/static/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
        {
            "src": "/static/icons/icon-maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": "/static/favicon.svg", "sizes": "any", "type": "image/svg+xml"},
    ],
}


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return JSONResponse(MANIFEST, media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker() -> Response:
    # Always re-checked, so a new version of the app reaches devices at their next visit.
    return FileResponse(
        STATIC_DIR / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )
