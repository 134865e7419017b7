"""Scanning a card from the browser: the upload form, reading the photo now, and reading a failed one again.

The upload goes through the same scan service and runner as a synchronous `POST /v1/scans` (accept, read
in the worker pool, discard what the reader refuses). Photos taken offline wait in the browser
(`static/offline-queue.js`) and are sent later to `POST /cards/queued` with their own Idempotency-Key, so
a retried upload never makes a second scan.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from app.deps import SessionDep, StateDep
from app.errors import AppError, ErrorCode, Unprocessable
from app.events import repository as events_repository
from app.followups import repository as follow_up_repository
from app.followups.schedule import today_in
from app.scans.intake import CardPhoto, ImageFile, sniff_image
from app.scans.schemas import ScanOptions
from app.scans.submit import retry, submit
from app.scans.wiring import ScanServices
from app.state import ServiceState
from app.web.auth import WebUser
from app.web.csrf import FormDep
from app.web.errors import PageRoute
from app.web.rendering import render
from models import User

router = APIRouter(route_class=PageRoute, include_in_schema=False)

LAST_EVENT_KEY = "last_event"  # a stack of cards from one event: the form remembers the event
RECENT_EVENTS = 20


def _upload_context(request: Request, session: SessionDep, user: User) -> dict[str, object]:
    events, _ = events_repository.page(session, user, RECENT_EVENTS, 0)
    return {
        "event_name": request.session.get(LAST_EVENT_KEY, ""),
        "events": events,
        "today": today_in(user.time_zone),
    }


@router.get("/")
def home(request: Request, user: WebUser, session: SessionDep) -> Response:
    due_count = len(follow_up_repository.open_follow_ups(session, user, until=today_in(user.time_zone)))
    context = {"due_count": due_count, **_upload_context(request, session, user)}
    return render(request, "home.html", context)


def _chosen_file(form: FormData, name: str) -> UploadFile | None:
    """The first file actually chosen under `name` (the camera and the gallery inputs share one name)."""
    for upload in form.getlist(name):
        if isinstance(upload, UploadFile) and upload.filename:
            return upload
    return None


def _photo_from(form: FormData, state: ServiceState) -> CardPhoto:
    front, back = _chosen_file(form, "image"), _chosen_file(form, "back")
    if front is None:
        raise Unprocessable("Choose a photo of the card first.", code=ErrorCode.MISSING_IMAGE)
    settings = state.settings

    def sniffed(upload: UploadFile) -> ImageFile:
        data = upload.file.read(settings.max_upload_bytes + 1)
        return sniff_image(data, max_bytes=settings.max_upload_bytes, max_pixels=settings.max_image_pixels)

    return CardPhoto(front=sniffed(front), back=sniffed(back) if back is not None else None)


def _options_from(form: FormData) -> ScanOptions:
    raw = {name: form.get(name) for name in ("event_name", "event_id", "met_on", "notes")}
    try:
        return ScanOptions.model_validate(
            {k: v.strip() for k, v in raw.items() if isinstance(v, str) and v.strip()}
        )
    except ValidationError as exc:
        fields = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
        raise Unprocessable(f"Please check: {fields}.", code=ErrorCode.VALIDATION_ERROR) from exc


def _scan_services(state: ServiceState) -> ScanServices:
    return state.require_scans()


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
        context = {
            **_upload_context(request, session, user),
            "error": exc.message,
            "event_name": event_name if isinstance(event_name, str) else "",
        }
        return render(request, "home.html", context, status_code=exc.status_code)
    request.session[LAST_EVENT_KEY] = scan.options.get("event_name", "")
    return RedirectResponse(f"/cards/{scan.id}", status_code=303)


@router.post("/cards/queued")
def upload_queued_card(
    request: Request,
    user: WebUser,
    session: SessionDep,
    state: StateDep,
    form: FormDep,
    idempotency_key: Annotated[str, Header(min_length=8, max_length=200)],
) -> Response:
    """A photo the browser kept while offline: stored and read in the background. The same
    Idempotency-Key again answers the scan it made the first time (200), never a second one."""
    photo, options = _photo_from(form, state), _options_from(form)
    result = submit(
        _scan_services(state),
        session,
        user,
        [photo],
        options,
        asynchronous=True,
        idempotency_key=idempotency_key,
    )
    scan = result.scans[0]
    body = {"id": str(scan.id), "url": f"/cards/{scan.id}", "replayed": result.replayed}
    return JSONResponse(body, status_code=200 if result.replayed else 202)


@router.post("/cards/{scan_id}/retry")
def retry_card(scan_id: uuid.UUID, user: WebUser, session: SessionDep, state: StateDep) -> Response:
    """Read a failed scan again (e.g. it timed out while the server was busy)."""
    retry(_scan_services(state), session, user, scan_id)
    return RedirectResponse(f"/cards/{scan_id}", status_code=303)
