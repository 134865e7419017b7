"""Scanning a card from the browser: the upload form, the review page, saving the reviewed contact.

The upload goes through the same scan service and runner as `POST /v1/scans` (accept, read in the worker
pool, discard what the reader refuses); the card image on the review page is served by
`GET /v1/scans/{id}/card.jpg`, which accepts this UI's session cookie.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.contacts import repository as contacts_repository
from app.contacts import service as contacts_service
from app.contacts.presenter import contact_out
from app.deps import SessionDep, StateDep
from app.errors import AppError, NotFound, ServiceUnavailable, Unprocessable
from app.followups.schedule import today_in
from app.scans import service as scans_service
from app.scans.errors import http_error, is_input_error
from app.scans.intake import CardPhoto, sniff_image
from app.scans.presenter import scan_links
from app.scans.schemas import ScanOptions
from app.scans.wiring import ScanRunner, ScanServices
from app.state import ServiceState
from app.web.auth import WebUser
from app.web.contacts import open_due_of
from app.web.csrf import read_form
from app.web.errors import PageRoute
from app.web.forms import FIELD_LABELS, PHONE_KINDS, ContactForm, form_from_contact, patch_from_values
from app.web.forms import values_from_form as read_values
from app.web.rendering import flash, render
from app.web.review import card_overlay, field_confidence
from models import Contact, Scan, User

router = APIRouter(route_class=PageRoute, include_in_schema=False)

FormDep = Annotated[FormData, Depends(read_form)]
LAST_EVENT_KEY = "last_event"  # a stack of cards from one event: the form remembers the event
WARNINGS = {
    "no_text_found": "No text was found on this photo. Type the details in, or try a sharper photo.",
    "event_not_found": "The event was deleted meanwhile, so this contact is not linked to it.",
}


@router.get("/")
def home(request: Request, user: WebUser, session: SessionDep) -> Response:
    due_count = len(contacts_repository.open_follow_ups(session, user, until=today_in(user.time_zone)))
    context = {"due_count": due_count, "event_name": request.session.get(LAST_EVENT_KEY, "")}
    return render(request, "home.html", context)


def _photo_from(form: FormData, state: ServiceState) -> CardPhoto:
    upload = form.get("image")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Unprocessable("Choose a photo of the card first.", code="missing_image")
    settings = state.settings
    data = upload.file.read(settings.max_upload_bytes + 1)
    return CardPhoto(
        front=sniff_image(data, max_bytes=settings.max_upload_bytes, max_pixels=settings.max_image_pixels)
    )


def _options_from(form: FormData) -> ScanOptions:
    raw = {name: form.get(name) for name in ("event_name", "notes")}
    try:
        return ScanOptions.model_validate(
            {k: v.strip() for k, v in raw.items() if isinstance(v, str) and v.strip()}
        )
    except ValidationError as exc:
        raise Unprocessable("The event name or the notes are too long.", code="validation_error") from exc


def _scan_services(state: ServiceState) -> tuple[ScanServices, ScanRunner]:
    services: ScanServices = state.extras["scans"]
    if services.runner is None:
        raise ServiceUnavailable("Card reading is not running right now.", code="scans_unavailable")
    return services, services.runner


def _read_now(
    session: SessionDep, user: User, state: ServiceState, photo: CardPhoto, options: ScanOptions
) -> Scan:
    """Accept the photo and read it in the worker pool, as a synchronous `POST /v1/scans` does."""
    services, runner = _scan_services(state)
    with runner.reserve(1):
        accepted = scans_service.accept(
            session, user, services.storage, [photo], options, state.settings, claim=runner.claims_on_accept
        )
        session.commit()  # persisted before any reader may see it
        scan = accepted.scans[0]
        runner.run_sync([(scan.id, scan.attempts)])
    session.expire_all()
    scan = scans_service.get_scan(session, user, scan.id)
    if scan.status == "failed" and is_input_error(scan.error_code or ""):
        # A photo the reader refuses keeps nothing, like the API's synchronous upload.
        code, message = scan.error_code or "", scan.error_message or ""
        scans_service.discard(session, [scan])
        session.commit()
        raise http_error(code, message)
    return scan


@router.post("/cards")
def upload_card(
    request: Request, user: WebUser, session: SessionDep, state: StateDep, form: FormDep
) -> Response:
    try:
        scan = _read_now(session, user, state, _photo_from(form, state), _options_from(form))
    except AppError as exc:
        if exc.status_code >= 500:
            raise
        event_name = form.get("event_name")
        context = {"error": exc.message, "event_name": event_name if isinstance(event_name, str) else ""}
        return render(request, "home.html", context, status_code=exc.status_code)
    request.session[LAST_EVENT_KEY] = scan.options.get("event_name", "")
    return RedirectResponse(f"/cards/{scan.id}", status_code=303)


def _draft_of(session: SessionDep, user: User, scan: Scan) -> Contact:
    if scan.contact_id is None:
        raise NotFound("The contact made from this card was deleted.", code="contact_not_found")
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
    flags = field_confidence(reading.get("confidence") or {})
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


@router.get("/cards/{scan_id}")
def review_page(scan_id: uuid.UUID, request: Request, user: WebUser, session: SessionDep) -> Response:
    scan = scans_service.get_scan(session, user, scan_id)
    if scan.status in ("queued", "processing"):
        return render(request, "reading.html", {"scan_id": scan.id})
    if scan.status == "failed":
        context = {"scan_id": scan.id, "message": scan.error_message or "", "code": scan.error_code or ""}
        return render(request, "read_failed.html", context, status_code=422)
    return _render_review(request, session, user, scan, _draft_of(session, user, scan))


@router.post("/cards/{scan_id}/retry")
def retry_card(scan_id: uuid.UUID, user: WebUser, session: SessionDep, state: StateDep) -> Response:
    """Read a failed scan again (e.g. it timed out while the server was busy)."""
    _, runner = _scan_services(state)
    with runner.reserve(1):
        scan = scans_service.mark_for_retry(
            session, user, scan_id, state.settings, claim=runner.claims_on_accept
        )
        session.commit()
        runner.run_sync([(scan.id, scan.attempts)])
    return RedirectResponse(f"/cards/{scan_id}", status_code=303)


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
    version = form.get("version")
    expected = int(version) if isinstance(version, str) and version.isdigit() else None
    contact = contacts_service.update_contact(session, user, contact.id, patch, expected_version=expected)
    due = contact_out(contact, user).follow_up.due_on
    flash(
        request,
        f"Saved {contact.name or 'the contact'}" + (f"; follow up by {due:%a %d %b}." if due else "."),
    )
    return RedirectResponse("/", status_code=303)
