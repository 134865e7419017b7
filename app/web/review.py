"""The review page: the flattened card with the words each field came from, the fields to correct, Save.

The card image is served by `GET /v1/scans/{id}/card.jpg`, which accepts this UI's session cookie.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.contacts import repository as contacts_repository
from app.contacts import service as contacts_service
from app.contacts.presenter import contact_out
from app.deps import SessionDep
from app.errors import ErrorCode, NotFound
from app.scans import service as scans_service
from app.scans.presenter import scan_links
from app.web.auth import WebUser
from app.web.contacts import open_due_of
from app.web.csrf import FormDep
from app.web.errors import PageRoute
from app.web.forms import (
    FIELD_LABELS,
    PHONE_KINDS,
    ContactForm,
    form_from_contact,
    patch_from_values,
    submitted_version,
)
from app.web.forms import values_from_form as read_values
from app.web.overlay import card_overlay, field_confidence
from app.web.rendering import flash, render
from models import Contact, Scan, User

router = APIRouter(route_class=PageRoute, include_in_schema=False)

WARNINGS = {
    "no_text_found": "No text was found on this photo. Type the details in, or try a sharper photo.",
    "event_not_found": "The event was deleted meanwhile, so this contact is not linked to it.",
    "photo_out_of_focus": "The photo is out of focus: the reader sharpened it, but check the values against "
    "the card, or take a sharper photo.",
}


def _draft_of(session: SessionDep, user: User, scan: Scan) -> Contact:
    if scan.contact_id is None:
        raise NotFound("The contact made from this card was deleted.", code=ErrorCode.CONTACT_NOT_FOUND)
    return contacts_service.get_contact(session, user, scan.contact_id)


def _render_review(
    request: Request,
    session: SessionDep,
    user: User,
    scan: Scan,
    contact: Contact,
    form: ContactForm | None = None,
    status_code: int = 200,
) -> Response:
    view = contact_out(contact, user, contacts_repository.duplicates_of(session, user, contact))
    reading = scan.reading or {}
    # A calibrated reading's flags are the contact's own list: a field the user edited since the scan no
    # longer asks for a check.
    needs_review = (contact.needs_review or []) if "needs_review" in reading else None
    flags = field_confidence(reading.get("confidence") or {}, needs_review, _suggestions(reading, contact))
    context = {
        "scan_id": scan.id,
        "contact": view,
        "overlay": card_overlay(reading),
        "image_url": scan_links(scan).card_image,
        "warnings": [WARNINGS.get(w, w.replace("_", " ")) for w in scan.warnings or []],
        "flags": flags,
        "low_fields": [FIELD_LABELS.get(f, f) for f, flag in flags.items() if flag.low],
        "form": form or form_from_contact(contact, open_due_of(contact)),
        "labels": FIELD_LABELS,
        "phone_kinds": PHONE_KINDS,
    }
    return render(request, "review.html", context, status_code=status_code)


def _suggestions(reading: dict[str, Any], contact: Contact) -> dict[str, Any]:
    """The values the reader left out as too unsure (the front's first, then the back's), for the fields
    the contact still has empty."""
    back = reading.get("back") if isinstance(reading.get("back"), dict) else {}
    offered = {**(back.get("suggestions") or {}), **(reading.get("suggestions") or {})}
    return {field: value for field, value in offered.items() if not getattr(contact, field, None)}


@router.get("/cards/{scan_id}")
def review_page(scan_id: uuid.UUID, request: Request, user: WebUser, session: SessionDep) -> Response:
    scan = scans_service.get_scan(session, user, scan_id)
    if scan.status in ("queued", "processing"):
        return render(request, "reading.html", {"scan_id": scan.id})
    if scan.status == "failed":
        context = {"scan_id": scan.id, "message": scan.error_message or "", "code": scan.error_code or ""}
        return render(request, "read_failed.html", context, status_code=422)
    return _render_review(request, session, user, scan, _draft_of(session, user, scan))


@router.post("/cards/{scan_id}")
def save_review(
    scan_id: uuid.UUID, request: Request, user: WebUser, session: SessionDep, form: FormDep
) -> Response:
    scan = scans_service.get_scan(session, user, scan_id)
    contact = _draft_of(session, user, scan)
    values = read_values(form)
    patch, errors = patch_from_values(values, contact, user, open_due_of(contact), status="confirmed")
    if patch is None:
        return _render_review(request, session, user, scan, contact, ContactForm(values, errors), 422)
    contact = contacts_service.update_contact(
        session, user, contact.id, patch, expected_version=submitted_version(form)
    )
    due = contact_out(contact, user).follow_up.due_on
    flash(
        request,
        f"Saved {contact.name or 'the contact'}" + (f"; follow up by {due:%a %d %b}." if due else "."),
    )
    return RedirectResponse("/", status_code=303)
