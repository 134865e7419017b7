"""The contact form shared by the review and edit pages: fill it from a contact, read it back as a patch.

Lists (emails, phones, websites) arrive as repeated fields; empty rows are ignored. Validation happens in
the API's own `ContactPatch`, so the form accepts exactly what the JSON API accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nameparser import HumanName
from pydantic import ValidationError
from starlette.datastructures import FormData

from app.contacts.schemas import ContactPatch
from app.followups.schedule import due_date_for
from models import Contact, User

TEXT_FIELDS = ("name", "title", "company", "department", "address", "notes", "event_name")
DATE_FIELDS = ("met_on", "follow_up_due_on")
PHONE_KINDS = ("work", "mobile", "fax", "other")
# Labels for the reader's field names, also used to name the boxes drawn on the card.
FIELD_LABELS = {
    "name": "Name",
    "title": "Title",
    "company": "Company",
    "department": "Department",
    "emails": "Emails",
    "phones": "Phones",
    "websites": "Websites",
    "address": "Address",
    "linkedin": "LinkedIn",
    "twitter": "X / Twitter",
    "notes": "Notes",
    "event_name": "Event",
    "met_on": "Met on",
    "follow_up_due_on": "Follow up on",
}


@dataclass
class ContactForm:
    """What the form shows: the values as typed and, after a failed save, an error per field."""

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)


def form_from_contact(contact: Contact, follow_up_due_on: date | None) -> ContactForm:
    social = contact.social or {}
    values: dict[str, Any] = {name: getattr(contact, name) or "" for name in TEXT_FIELDS}
    values.update(
        emails=list(contact.emails or []),
        phones=[{"number": p.get("number", ""), "kind": p.get("kind", "work")} for p in contact.phones or []],
        websites=list(contact.websites or []),
        linkedin=social.get("linkedin") or "",
        twitter=social.get("twitter") or "",
        met_on=contact.met_on.isoformat() if contact.met_on else "",
        follow_up_due_on=follow_up_due_on.isoformat() if follow_up_due_on else "",
    )
    return ContactForm(values)


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _texts(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str)]


def values_from_form(form: FormData) -> dict[str, Any]:
    """The submitted values, cleaned of blank rows, in the shape `form_from_contact` produces."""
    values: dict[str, Any] = {name: _text(form, name) for name in (*TEXT_FIELDS, *DATE_FIELDS)}
    numbers, kinds = _texts(form, "phone_number"), _texts(form, "phone_kind")
    kinds = (kinds + ["work"] * len(numbers))[: len(numbers)]  # each row sends both; be lenient anyway
    values.update(
        emails=[e for e in _texts(form, "email") if e],
        phones=[
            {"number": n, "kind": k if k in PHONE_KINDS else "other"}
            for n, k in zip(numbers, kinds, strict=True)
            if n
        ],
        websites=[w for w in _texts(form, "website") if w],
        linkedin=_text(form, "linkedin"),
        twitter=_text(form, "twitter"),
    )
    return values


def submitted_version(form: FormData) -> int | None:
    """The contact version the form was filled from, so a stale save is refused (409) not applied."""
    value = form.get("version")
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _field_of(location: tuple[Any, ...]) -> str:
    head = str(location[0]) if location else "form"
    if head == "social" and len(location) > 1:
        return str(location[1])
    return head


def _follow_up_date(values: dict[str, Any], contact: Contact, user: User, open_due: date | None) -> str:
    """The date typed; when "met on" changed but the date was left as shown (or blank), the user's usual
    delay counted from the new "met on"."""
    typed = values["follow_up_due_on"]
    met_on_changed = values["met_on"] != (contact.met_on.isoformat() if contact.met_on else "")
    untouched = typed in ("", open_due.isoformat() if open_due else "")
    if not (met_on_changed and untouched and open_due):
        return typed
    try:
        met_on = date.fromisoformat(values["met_on"]) if values["met_on"] else None
    except ValueError:
        return typed  # the met_on error is reported by validation
    return due_date_for(user, met_on).isoformat()


def patch_from_values(
    values: dict[str, Any],
    contact: Contact,
    user: User,
    open_due: date | None,
    *,
    status: str | None = None,
) -> tuple[ContactPatch | None, dict[str, str]]:
    """A patch setting every field of the form (blank clears), or the errors to show beside the fields.
    `open_due` is the open follow-up's date the form was filled with."""
    social = {**(contact.social or {}), "linkedin": values["linkedin"] or None, "twitter": values["twitter"]}
    social["twitter"] = social["twitter"] or None
    data: dict[str, Any] = {name: values[name] or None for name in TEXT_FIELDS}
    data.update(
        emails=values["emails"],
        phones=values["phones"],
        websites=values["websites"],
        social=social,
        met_on=values["met_on"] or None,
    )
    follow_up_due_on = _follow_up_date(values, contact, user, open_due)
    if follow_up_due_on:
        data["follow_up_due_on"] = follow_up_due_on
    if (data["name"] or None) != (contact.name or None):
        # The reader's split of the old name would greet the person wrongly in follow-up emails.
        parsed = HumanName(data["name"] or "")
        data["given_name"] = parsed.first or None
        data["family_name"] = parsed.last or None
    if status:
        data["status"] = status
    try:
        return ContactPatch.model_validate(data), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            message = error["msg"].removeprefix("Value error, ")
            errors.setdefault(_field_of(error["loc"]), message)
        return None, errors
