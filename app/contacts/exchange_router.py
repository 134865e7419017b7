"""vCard and CSV export, vCard import. Included before the contacts router, so that `export.vcf` is not
taken for a contact id by GET /v1/contacts/{contact_id}."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from app.contacts import csv_export, importer, vcard
from app.deps import ContactsRead, ContactsWrite, SessionDep, SettingsDep, StateDep
from app.errors import (
    ErrorCode,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    Unprocessable,
    UnsupportedMediaType,
    error_responses,
)
from app.storage import ImageNotFound, storage_of
from models import Contact, Event, Scan, User

router = APIRouter(prefix="/v1/contacts", tags=["contacts"])

VCARD_TYPES = {"text/vcard", "text/x-vcard", "text/directory", "text/plain", "application/octet-stream", ""}
IdsQuery = Annotated[
    list[uuid.UUID] | None,
    Query(alias="id", description="Export only these contacts (repeat: ?id=...&id=...); all when absent."),
]
EventQuery = Annotated[uuid.UUID | None, Query(description="Export only the contacts met at this event.")]


EXPORT_BATCH = 500  # contacts read, turned into text and let go at a time: memory stays flat


def _selected(
    session: Session, user: User, ids: list[uuid.UUID], event_id: uuid.UUID | None
) -> list[Contact]:
    """The contacts a selection (`?id=...`) names, oldest first; 404 when any is not the user's (or not
    of the event, when one is given)."""
    wanted = set(ids)
    query = select(Contact).where(Contact.user_id == user.id, Contact.id.in_(wanted))
    if event_id is not None:
        query = query.where(Contact.event_id == event_id)
    contacts = list(session.scalars(query.order_by(Contact.created_at, Contact.id)))
    missing = wanted - {c.id for c in contacts}
    if missing:
        raise NotFound(
            "Some of the requested contacts do not exist.",
            code=ErrorCode.CONTACT_NOT_FOUND,
            details={"missing": sorted(str(m) for m in missing)},
        )
    return contacts


def _batches(
    sessions: sessionmaker[Session], user_id: uuid.UUID, event_id: uuid.UUID | None
) -> Iterator[tuple[Session, list[Contact]]]:
    """Every contact of the user (or of one event), oldest first, EXPORT_BATCH at a time: each batch is
    read by keyset (created_at, id) in a session of its own, so nothing accumulates while the file streams."""
    after: tuple[datetime, uuid.UUID] | None = None
    while True:
        with sessions() as session:
            query = select(Contact).where(Contact.user_id == user_id)
            if event_id is not None:
                query = query.where(Contact.event_id == event_id)
            if after is not None:
                query = query.where(tuple_(Contact.created_at, Contact.id) > tuple_(*after))
            batch = list(session.scalars(query.order_by(Contact.created_at, Contact.id).limit(EXPORT_BATCH)))
            if not batch:
                return
            yield session, batch
        if len(batch) < EXPORT_BATCH:
            return
        after = (batch[-1].created_at, batch[-1].id)


def _card_photos(session: Session, user: User, contacts: list[Contact]) -> dict[uuid.UUID, tuple[bytes, str]]:
    """The flattened card image (else the uploaded photo) of each contact's source scan, when stored."""
    storage = storage_of(session)
    scan_ids = [c.source_scan_id for c in contacts if c.source_scan_id]
    if storage is None or not scan_ids:
        return {}
    photos: dict[uuid.UUID, tuple[bytes, str]] = {}
    for scan in session.scalars(select(Scan).where(Scan.user_id == user.id, Scan.id.in_(scan_ids))):
        key, mime = (
            (scan.card_image_key, "image/jpeg")
            if scan.card_image_key
            else (scan.image_key, scan.image_content_type)
        )
        try:
            photos[scan.id] = (storage.get(key), mime)
        except ImageNotFound:
            continue  # the image is gone (deleted scan data): export the card without it
    return photos


def _attachment(contacts: list[Contact], extension: str) -> str:
    stem = "meishi-contacts"
    if len(contacts) == 1 and contacts[0].name:
        # ASCII only: the header cannot carry more without RFC 5987 encoding.
        safe = "".join(
            ch if ch.isascii() and (ch.isalnum() or ch in " -_") else "_" for ch in contacts[0].name
        )
        stem = safe.strip().replace(" ", "-") or stem
    return f'attachment; filename="{stem}.{extension}"'


@router.get(
    "/export.vcf",
    response_class=Response,
    responses={
        200: {"content": {"text/vcard": {}}, "description": "vCard file"},
        **error_responses(401, 404, 422),
    },
)
def export_vcf(
    user: ContactsRead,
    session: SessionDep,
    state: StateDep,
    ids: IdsQuery = None,
    event_id: EventQuery = None,
    version: Annotated[
        Literal["3.0", "4.0"], Query(description="vCard 3.0 (widest support) or 4.0.")
    ] = "3.0",
    photos: Annotated[bool, Query(description="Embed the photo of the card as PHOTO (large files).")] = False,
) -> Response:
    """One contact (`?id=`), a selection (repeated `id`), an event's contacts, or all, as a vCard file,
    streamed as it is written. Photos of the card are left out unless `photos=true`."""

    def cards(batch_session: Session, contacts: list[Contact]) -> str:
        images = _card_photos(batch_session, user, contacts) if photos else {}
        return "".join(
            vcard.export(
                contacts, version, lambda c: images.get(c.source_scan_id) if c.source_scan_id else None
            )
        )

    if ids:
        contacts = _selected(session, user, ids, event_id)
        return Response(
            content=cards(session, contacts).encode(),
            media_type="text/vcard; charset=utf-8",
            headers={"Content-Disposition": _attachment(contacts, "vcf")},
        )
    batches = _batches(state.sessions, user.id, event_id)
    return StreamingResponse(
        (cards(batch_session, batch).encode() for batch_session, batch in batches),
        media_type="text/vcard; charset=utf-8",
        headers={"Content-Disposition": _attachment([], "vcf")},
    )


@router.get(
    "/export.csv",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}, "description": "CSV file"},
        **error_responses(401, 404, 422),
    },
)
def export_csv(
    user: ContactsRead,
    session: SessionDep,
    state: StateDep,
    ids: IdsQuery = None,
    event_id: EventQuery = None,
) -> Response:
    """Contacts as CSV with Outlook's column names (Outlook and Google Contacts import it); UTF-8 with BOM.
    The whole list is streamed as it is written."""
    if ids:
        contacts = _selected(session, user, ids, event_id)
        return Response(
            content=csv_export.to_csv(contacts).encode("utf-8-sig"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": _attachment(contacts, "csv")},
        )
    chunks = csv_export.csv_chunks(batch for _session, batch in _batches(state.sessions, user.id, event_id))
    return StreamingResponse(
        _utf8_with_bom(chunks),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": _attachment([], "csv")},
    )


def _utf8_with_bom(chunks: Iterator[str]) -> Iterator[bytes]:
    yield "\ufeff".encode()  # Excel reads UTF-8 only with the byte order mark
    for chunk in chunks:
        yield chunk.encode()


# Without these, PATCH/DELETE/PUT on an export path or GET on /import reach /v1/contacts/{contact_id}
# and answer 422 for a malformed id instead of 405.
_ALLOWED_METHODS = {"/export.vcf": ("GET",), "/export.csv": ("GET",), "/import": ("POST",)}
_ALL_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _method_not_allowed(allowed: tuple[str, ...]) -> Callable[[], None]:
    def refuse() -> None:
        raise MethodNotAllowed(
            f"This path answers {', '.join(allowed)} only.",
            headers={"Allow": ", ".join(allowed)},
        )

    return refuse


for _path, _allowed in _ALLOWED_METHODS.items():
    router.add_api_route(
        _path,
        _method_not_allowed(_allowed),
        methods=[m for m in _ALL_METHODS if m not in _allowed],
        include_in_schema=False,
    )


class ImportItem(BaseModel):
    index: int = Field(description="Position of the card in the file, from 0.")
    status: Literal["created", "flagged", "skipped"]
    name: str | None
    contact_id: uuid.UUID | None
    possible_duplicate_of: list[uuid.UUID]
    messages: list[str]


class ImportSummary(BaseModel):
    created: int = Field(description="New contacts with no likely duplicate.", examples=[12])
    flagged: int = Field(description="New contacts that look like one you already had.")
    skipped: int = Field(
        description="Cards not imported (empty, invalid, or duplicates with on_duplicate=skip)."
    )
    items: list[ImportItem]


@router.post("/import", response_model=ImportSummary, responses=error_responses(401, 413, 415, 422))
def import_contacts(
    user: ContactsWrite,
    session: SessionDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="A .vcf file with one or more vCards (2.1, 3.0 or 4.0).")],
    event_id: Annotated[
        uuid.UUID | None, Query(description="File the imported contacts under this event.")
    ] = None,
    on_duplicate: Annotated[
        Literal["flag", "skip"], Query(description="flag: import and mark; skip: leave duplicates out.")
    ] = "flag",
) -> ImportSummary:
    """Import contacts from a vCard file, checking each against your contacts for duplicates."""
    content_type = (file.content_type or "").split(";")[0].strip().lower()
    if content_type not in VCARD_TYPES:
        raise UnsupportedMediaType(f"Expected a vCard file (text/vcard), got {content_type}.")
    data = file.file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise PayloadTooLarge(f"The file is larger than {settings.max_upload_bytes} bytes.")
    if (
        event_id is not None
        and session.scalar(select(Event.id).where(Event.user_id == user.id, Event.id == event_id)) is None
    ):
        raise Unprocessable("event_id does not name one of your events.", code=ErrorCode.UNKNOWN_EVENT)
    results = importer.import_vcards(session, user, data, event_id=event_id, on_duplicate=on_duplicate)
    return ImportSummary(
        created=sum(r.status == "created" for r in results),
        flagged=sum(r.status == "flagged" for r in results),
        skipped=sum(r.status == "skipped" for r in results),
        items=[ImportItem.model_validate(r, from_attributes=True) for r in results],
    )
