"""A QR code's contact merged into what the card's text gave: its fields are exact and win."""

from __future__ import annotations

from dataclasses import replace

from ocr.extract.web import host_of
from ocr.types import Box, Contact


def merge_qr(
    contact: Contact, qr: Contact, confidence: dict[str, float], sources: dict[str, tuple[Box, ...]]
) -> Contact:
    """QR fields are exact: they replace what the text gave, and lists gain what the text missed."""
    changes: dict[str, object] = {}
    for field in ("name", "given_name", "family_name", "title", "company", "department", "address"):
        value = getattr(qr, field)
        if value:
            changes[field] = value
            if field in confidence or field in ("name", "title", "company", "department", "address"):
                confidence[field] = 1.0
                sources.pop(field, None)
    if qr.emails:
        changes["emails"] = tuple(dict.fromkeys((*qr.emails, *contact.emails)))
        confidence["emails"] = 1.0
    if qr.phones:
        numbers = {p.number for p in qr.phones}
        changes["phones"] = (*qr.phones, *(p for p in contact.phones if p.number not in numbers))
        confidence["phones"] = 1.0
    if qr.websites:
        hosts = {host_of(w).removeprefix("www.") for w in qr.websites}
        extra = (w for w in contact.websites if host_of(w).removeprefix("www.") not in hosts)
        changes["websites"] = (*qr.websites, *extra)
        confidence["websites"] = 1.0
    if qr.social:
        changes["social"] = {**contact.social, **qr.social}
        confidence["social"] = 1.0
    return replace(contact, **changes)  # type: ignore[arg-type]
