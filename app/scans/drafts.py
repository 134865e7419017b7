"""From what the card reader found to a draft contact: both sides merged, OCR noise the contact schema
would refuse (a malformed email, an over-long line) dropped rather than failing the scan."""

from __future__ import annotations

from typing import Any

from pydantic import EmailStr, TypeAdapter, ValidationError

from app.contacts.schemas import ContactCreate
from ocr import CardReading

_EMAIL = TypeAdapter(EmailStr)
_SCALARS = {"name": 300, "given_name": 150, "family_name": 150, "title": 300, "department": 300}
_SCALARS |= {"company": 300, "address": 2000}
_LISTS = ("emails", "phones", "websites")


def contact_fields(reading: CardReading) -> dict[str, Any]:
    contract = reading.contact.to_contract()
    contract["given_name"] = reading.contact.given_name
    contract["family_name"] = reading.contact.family_name
    return contract


def merge_sides(front: dict[str, Any], back: dict[str, Any]) -> dict[str, Any]:
    """The front wins; the back fills what the front lacks and adds list entries it does not repeat."""
    merged = dict(front)
    for name, value in back.items():
        if name in _LISTS:
            merged[name] = list(front.get(name) or []) + [
                v for v in value or [] if v not in (front.get(name) or [])
            ]
        elif name == "social":
            merged[name] = {
                **{k: v for k, v in (value or {}).items() if v},
                **{k: v for k, v in (front.get(name) or {}).items() if v},
            }
        elif not merged.get(name):
            merged[name] = value
    return merged


def _valid_email(value: str) -> bool:
    try:
        _EMAIL.validate_python(value)
    except ValidationError:
        return False
    return True


def draft_contact(fields: dict[str, Any], options: dict[str, Any], follow_up_due_on: Any) -> ContactCreate:
    """A ContactCreate with status draft, carrying the metadata sent with the photo."""
    data: dict[str, Any] = {
        name: (fields.get(name) or None) and str(fields[name])[:limit] for name, limit in _SCALARS.items()
    }
    data["emails"] = [e for e in fields.get("emails") or [] if _valid_email(e)][:20]
    data["phones"] = [p for p in fields.get("phones") or [] if 3 <= len(p.get("number") or "") <= 40][:20]
    data["websites"] = [w[:500] for w in fields.get("websites") or []][:20]
    data["social"] = {k: v for k, v in (fields.get("social") or {}).items() if v}
    for name in ("event_name", "event_id", "met_on", "notes"):
        data[name] = options.get(name)
    return ContactCreate(**data, status="draft", follow_up_due_on=follow_up_due_on)


def is_empty(fields: dict[str, Any]) -> bool:
    return not any(v for k, v in fields.items() if k not in {"social"}) and not any(
        (fields.get("social") or {}).values()
    )
