"""Scanning a card from the browser: the upload form, reading the photo now, and reading a failed one again.

The upload goes through the same scan service and runner as a synchronous `POST /v1/scans` (accept, read
in the worker pool, discard what the reader refuses).
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.deps import SessionDep, StateDep
from app.errors import AppError, Unprocessable
from app.followups import repository as follow_up_repository
from app.followups.schedule import today_in
from app.scans.intake import CardPhoto, sniff_image
from app.scans.schemas import ScanOptions
from app.scans.submit import retry, submit
from app.scans.wiring import ScanServices
from app.state import ServiceState
from app.web.auth import WebUser
from app.web.csrf import FormDep
from app.web.errors import PageRoute
from app.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

LAST_EVENT_KEY = "last_event"  # a stack of cards from one event: the form remembers the event


@router.get("/")
def home(request: Request, user: WebUser, session: SessionDep) -> Response:
    due_count = len(follow_up_repository.open_follow_ups(session, user, until=today_in(user.time_zone)))
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


def _scan_services(state: ServiceState) -> ScanServices:
    return state.extras["scans"]


@router.post("/cards")
def upload_card(
    request: Request, user: WebUser, session: SessionDep, state: StateDep, form: FormDep
) -> Response:
    try:
        photo, options = _photo_from(form, state), _options_from(form)
        # The same path as a synchronous `POST /v1/scans`: accept, read now, discard what the reader refuses.
        scan = submit(_scan_services(state), session, user, [photo], options).scans[0]
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
    retry(_scan_services(state), session, user, scan_id)
    return RedirectResponse(f"/cards/{scan_id}", status_code=303)
