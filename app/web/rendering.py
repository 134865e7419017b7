"""Renders pages: the Jinja2 environment, the context every page shares, and the security headers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from app.web.csrf import csrf_token

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"

# No inline scripts or styles anywhere, so the policy can forbid them; blob: lets the upload preview show
# the chosen photo before it is sent.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
FLASH_KEY = "flash"

templates = Jinja2Templates(directory=TEMPLATES_DIR)


def _format_date(value: date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else ""


def phone_for_display(number: str, region: str) -> str:
    """A stored (E.164) number as people in `region` write it: national form for their own country's
    numbers, international form for others; anything unparseable as it was typed."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_possible_number(parsed):
        return number
    own = phonenumbers.region_code_for_number(parsed) == region.upper()
    style = phonenumbers.PhoneNumberFormat.NATIONAL if own else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(parsed, style)


templates.env.filters["nice_date"] = _format_date
templates.env.filters["phone_display"] = phone_for_display


def flash(request: Request, message: str) -> None:
    """A one-line notice shown on the next page (after a redirect)."""
    request.session[FLASH_KEY] = message


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    shared = {
        "csrf_token": csrf_token(request),
        "signed_in": bool(request.session.get("user_id")),
        "user_email": request.session.get("email"),
        "flash": request.session.pop(FLASH_KEY, None),
        "path": request.url.path,
    }
    return templates.TemplateResponse(
        request, template, {**shared, **(context or {})}, status_code=status_code, headers=SECURITY_HEADERS
    )
