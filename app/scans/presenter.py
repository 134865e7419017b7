"""Turns a Scan row into its JSON shape, with the draft contact when asked for the full view."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.contacts import repository as contacts_repository
from app.contacts.presenter import contact_out
from app.observability.context import REQUEST_ID_OPTION
from app.scans.schemas import ScanError, ScanLinks, ScanOut
from models import Scan, User

HIDDEN_OPTIONS = {"back_content_type", REQUEST_ID_OPTION}  # kept for the readers, not the client


def scan_links(scan: Scan) -> ScanLinks:
    base = f"/v1/scans/{scan.id}"
    return ScanLinks(
        self=base,
        image=f"{base}/image",
        back_image=f"{base}/image?side=back" if scan.back_image_key else None,
        card_image=f"{base}/card.jpg" if scan.card_image_key else None,
    )


def scan_out(session: Session, user: User, scan: Scan, *, full: bool = True) -> ScanOut:
    """`full` adds the draft contact (with possible duplicates) and the reader's output."""
    contact = None
    if full and scan.contact_id is not None:
        row = contacts_repository.get(session, user, scan.contact_id)
        if row is not None:
            contact = contact_out(row, user, contacts_repository.duplicates_of(session, user, row))
    return ScanOut(
        id=scan.id,
        status=scan.status,  # type: ignore[arg-type]
        created_at=scan.created_at,
        updated_at=scan.updated_at,
        started_at=scan.started_at,
        finished_at=scan.finished_at,
        attempts=scan.attempts,
        options={k: v for k, v in scan.options.items() if k not in HIDDEN_OPTIONS},
        warnings=scan.warnings or [],
        error=ScanError(code=scan.error_code, message=scan.error_message or "") if scan.error_code else None,
        contact_id=scan.contact_id,
        contact=contact,
        reading=scan.reading if full else None,
        links=scan_links(scan),
    )
