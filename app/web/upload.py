"""Scanning a card from the browser: the upload form, reading the photo now, and reading a failed one again.

The upload goes through the same scan service and runner as a synchronous `POST /v1/scans` (accept, read
in the worker pool, discard what the reader refuses).
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
from app.deps import SessionDep, StateDep
from app.errors import AppError, ServiceUnavailable, Unprocessable
from app.followups.schedule import today_in
from app.scans import service as scans_service
from app.scans.errors import http_error, is_input_error
from app.scans.intake import CardPhoto, sniff_image
from app.scans.schemas import ScanOptions
from app.scans.wiring import ScanRunner, ScanServices
from app.state import ServiceState
from app.web.auth import WebUser
from app.web.csrf import read_form
from app.web.errors import PageRoute
from app.web.rendering import render
from models import Scan, User

router = APIRouter(route_class=PageRoute, include_in_schema=False)

FormDep = Annotated[FormData, Depends(read_form)]
LAST_EVENT_KEY = "last_event"  # a stack of cards from one event: the form remembers the event


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
