"""/v1/scans: upload card photos (three forms, sync or async, batches, idempotent), follow their reading,
retry failed ones, and fetch the stored images (owner only)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.deps import ScansRead, ScansWrite, SessionDep, StateDep
from app.errors import ErrorCode, Unprocessable, error_responses
from app.pagination import Limit, Offset
from app.scans import service
from app.scans.intake import read_upload
from app.scans.presenter import scan_out
from app.scans.schemas import ScanBatch, ScanList, ScanOptions, ScanOut, ScanStatus
from app.scans.submit import FINISHED, retry, submit
from models import Scan, User
from ocr import EngineUnavailable, check_engine

router = APIRouter(prefix="/v1/scans", tags=["scans"])

_OPTION_PROPERTIES = {name: {"type": "string"} for name in ScanOptions.model_fields}
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The card photo (JPEG, PNG, WebP, HEIC...). Several `image` parts (or `images` in "
        "JSON) make a batch: one scan each. Options may also be sent as query parameters.",
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["image"],
                    "properties": {
                        "image": {"type": "string", "format": "binary"},
                        "back": {"type": "string", "format": "binary"},
                        **_OPTION_PROPERTIES,
                    },
                }
            },
            "image/*": {"schema": {"type": "string", "format": "binary"}},
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "image": {"type": "string", "format": "byte"},
                        "back": {"type": "string", "format": "byte"},
                        "images": {"type": "array", "items": {"type": "string", "format": "byte"}},
                        **_OPTION_PROPERTIES,
                    },
                },
                "example": {"image": "/9j/4AAQSkZJRgABAQAAAQABAAD...", "event_name": "Library Expo 2026"},
            },
        },
    }
}
ModeQuery = Annotated[
    Literal["sync", "async"] | None,
    Query(
        description="async: answer 202 at once and read in the background (same as Prefer: respond-async)."
    ),
]
PreferHeader = Annotated[str | None, Header(description="respond-async: like ?mode=async.")]


def _is_async(mode: str | None, prefer: str | None) -> bool:
    return mode == "async" or (mode is None and "respond-async" in (prefer or "").lower())


def _parse_options(raw: dict[str, Any]) -> ScanOptions:
    try:
        options = ScanOptions.model_validate({k: v for k, v in raw.items() if v not in ("", None)})
    except ValidationError as exc:
        details = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        raise Unprocessable(
            "Invalid scan options.", code=ErrorCode.VALIDATION_ERROR, details=details
        ) from exc
    if options.engine is not None:
        try:
            check_engine(options.engine)
        except EngineUnavailable as exc:
            # Refused before anything is stored, rather than accepted and failed when the card is read.
            raise Unprocessable(
                f"The {options.engine} engine: {exc}", code=ErrorCode.ENGINE_UNAVAILABLE
            ) from exc
    return options


def _answer(session: Session, user: User, scans: list[Scan], status_code: int, batch: bool) -> JSONResponse:
    outs = [scan_out(session, user, scan) for scan in scans]
    body = ScanBatch(items=outs) if batch else outs[0]
    headers = {} if batch else {"Location": f"/v1/scans/{scans[0].id}"}
    if status_code == 202:
        headers["Preference-Applied"] = "respond-async"
    return JSONResponse(body.model_dump(mode="json"), status_code=status_code, headers=headers)


@router.post(
    "",
    status_code=201,
    response_model=ScanOut | ScanBatch,
    responses={
        200: {"model": ScanOut, "description": "Replay of an earlier upload with the same Idempotency-Key"},
        202: {"model": ScanOut, "description": "Accepted; follow Location until done or failed"},
        **error_responses(401, 413, 415, 422, 503),
    },
    openapi_extra=UPLOAD_BODY,
)
async def create_scans(
    request: Request,
    user: ScansWrite,
    session: SessionDep,
    state: StateDep,
    mode: ModeQuery = None,
    prefer: PreferHeader = None,
    idempotency_key: Annotated[
        str | None,
        Header(
            max_length=200,
            description="Same key, same scan: a retried upload never makes a second contact. The same key "
            "with other photos or options is refused (422 `idempotency_key_reused`).",
        ),
    ] = None,
) -> JSONResponse:
    """Upload a card photo (multipart `image` [+ `back`], a raw `image/*` body, or JSON with base64 `image`
    or `images`). Answers 201 with the scan and its draft contact once read, or 202 with `Location` for
    `?mode=async`; a batch answers `{"items": [...]}`."""
    upload = await read_upload(request, state.settings)
    options = _parse_options(upload.options)
    batch = len(upload.photos) > 1

    def create() -> JSONResponse:
        result = submit(
            state.require_scans(),
            session,
            user,
            upload.photos,
            options,
            asynchronous=_is_async(mode, prefer),
            idempotency_key=idempotency_key,
        )
        if result.replayed:
            response = _answer(session, user, result.scans, 200, batch)
            response.headers["Idempotent-Replayed"] = "true"
            return response
        return _answer(session, user, result.scans, 201 if result.finished else 202, batch)

    # The upload was read on the event loop (bounded); storing and reading wait in a worker thread.
    return await run_in_threadpool(create)


@router.get("", response_model=ScanList, responses=error_responses(401, 422))
def list_scans(
    user: ScansRead,
    session: SessionDep,
    status: ScanStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ScanList:
    """Your scans, newest first (without the reader's full output: fetch one scan for that)."""
    scans, total = service.list_scans(session, user, status=status, limit=limit, offset=offset)
    items = [scan_out(session, user, scan, full=False) for scan in scans]
    return ScanList(items=items, total=total, limit=limit, offset=offset)


@router.get("/{scan_id}", response_model=ScanOut, responses=error_responses(401, 404, 422))
def get_scan(scan_id: uuid.UUID, user: ScansRead, session: SessionDep) -> ScanOut:
    """queued, processing, done (with the draft contact) or failed (with a typed error)."""
    return scan_out(session, user, service.get_scan(session, user, scan_id))


@router.post(
    "/{scan_id}/retry",
    response_model=ScanOut,
    responses={
        202: {"model": ScanOut, "description": "Queued again"},
        **error_responses(401, 404, 409, 422, 503),
    },
)
def retry_scan(
    scan_id: uuid.UUID,
    user: ScansWrite,
    session: SessionDep,
    state: StateDep,
    mode: ModeQuery = None,
    prefer: PreferHeader = None,
) -> JSONResponse:
    """Read a failed scan again (synchronously unless async is asked for)."""
    scan = retry(state.require_scans(), session, user, scan_id, asynchronous=_is_async(mode, prefer))
    return _answer(session, user, [scan], 200 if scan.status in FINISHED else 202, batch=False)


def _image_response(data: bytes, content_type: str) -> Response:
    return Response(
        data,
        media_type=content_type,
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


@router.get(
    "/{scan_id}/image",
    response_class=Response,
    responses={200: {"content": {"image/*": {}}}, **error_responses(401, 404, 422)},
)
def get_image(
    scan_id: uuid.UUID,
    user: ScansRead,
    session: SessionDep,
    state: StateDep,
    side: Literal["front", "back"] = "front",
) -> Response:
    """The photo as uploaded (owner only)."""
    services = state.require_scans()
    return _image_response(*service.image_of(session, user, services.storage, scan_id, side))


@router.get(
    "/{scan_id}/card.jpg",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}}, **error_responses(401, 404, 422)},
)
def get_card_image(scan_id: uuid.UUID, user: ScansRead, session: SessionDep, state: StateDep) -> Response:
    """The flattened, upright card the reader read: word boxes in `reading` refer to its pixels."""
    services = state.require_scans()
    return _image_response(*service.image_of(session, user, services.storage, scan_id, "card"))
