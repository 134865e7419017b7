"""The export page: vCard/CSV downloads and the calendar subscription (a webcal:// link and a QR code for
the phone's calendar app)."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from fastapi import APIRouter
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.deps import SessionDep
from app.followups import calendar_feed
from app.web.auth import WebUser
from app.web.errors import PageRoute
from app.web.rendering import flash, render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def qr_svg(data: str) -> Markup:
    """An inline SVG QR code (rendered here: no script, no third-party service sees the secret address)."""
    svg = segno.make(data, error="m").svg_inline(scale=4, border=2, dark="#1d232a", light="#ffffff")
    return Markup(svg)  # segno's own markup; `data` is encoded into modules, never inserted as text


@router.get("/exports")
def exports_page(request: Request, user: WebUser) -> Response:
    return render(request, "exports.html", {"feed_active": user.calendar_feed_token_hash is not None})


@router.post("/exports/calendar")
def new_calendar_feed(request: Request, user: WebUser, session: SessionDep) -> Response:
    """A new secret calendar address, shown once (only its hash is stored); any earlier one stops working."""
    token = calendar_feed.issue_token(session, user)
    url = f"{request.url_for('calendar_feed')}?{urlencode({'token': token})}"
    webcal = "webcal://" + url.split("://", 1)[1]
    context = {"feed_active": True, "feed_url": url, "webcal_url": webcal, "qr": qr_svg(webcal)}
    return render(request, "exports.html", context)


@router.post("/exports/calendar/off")
def calendar_feed_off(request: Request, user: WebUser, session: SessionDep) -> Response:
    calendar_feed.revoke_token(session, user)
    flash(request, "The calendar address is turned off.")
    return RedirectResponse("/exports", status_code=303)
