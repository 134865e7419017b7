"""Contact pages: the searchable list, one contact's page, its edit form, saving and deleting it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.contacts import repository, service
from app.contacts.presenter import contact_out
from app.deps import SessionDep
from app.followups.state import current_follow_up
from app.pagination import Offset
from app.scans.presenter import scan_links
from app.web.auth import WebUser
from app.web.csrf import FormDep
from app.web.errors import PageRoute
from app.web.followups import follow_up_context
from app.web.forms import (
    FIELD_LABELS,
    PHONE_KINDS,
    ContactForm,
    form_from_contact,
    patch_from_values,
    submitted_version,
)
from app.web.forms import values_from_form as read_values
from app.web.rendering import flash, render
from models import Contact, Scan, User

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PAGE_SIZE = 50


@router.get("/contacts")
def contact_list(
    request: Request,
    user: WebUser,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Offset = 0,
) -> Response:
    query = repository.filtered(user, repository.ContactFilter(q=(q or "").strip() or None))
    contacts, total = repository.page(session, query, PAGE_SIZE, offset)
    rows = [contact_out(c, user) for c in contacts]
    context = {"rows": rows, "q": q or "", "total": total, "offset": offset, "page_size": PAGE_SIZE}
    return render(request, "contacts.html", context)


def open_due_of(contact: Contact) -> date | None:
    follow_up = current_follow_up(contact)
    return follow_up.due_on if follow_up is not None and follow_up.done_at is None else None


def _card_images(session: SessionDep, user: User, contact: Contact) -> tuple[str | None, str | None]:
    """The flattened card and the back side of the scan the contact came from, when kept."""
    scan = session.get(Scan, contact.source_scan_id) if contact.source_scan_id else None
    if scan is None or scan.user_id != user.id:
        return None, None
    links = scan_links(scan)
    return links.card_image, links.back_image


@router.get("/contacts/{contact_id}")
def contact_page(contact_id: uuid.UUID, request: Request, user: WebUser, session: SessionDep) -> Response:
    """The contact as a person reads it: the card, tap-to-call and tap-to-mail, the follow-up."""
    contact = service.get_contact(session, user, contact_id)
    card_image_url, back_image_url = _card_images(session, user, contact)
    context = {
        "contact": contact_out(contact, user),
        "history": sorted(contact.follow_ups, key=lambda f: f.created_at, reverse=True),
        "card_image_url": card_image_url,
        "back_image_url": back_image_url,
        **follow_up_context(user),
    }
    return render(request, "contact.html", context)


def render_edit_page(
    request: Request, contact: Contact, user: User, form: ContactForm | None = None, status_code: int = 200
) -> Response:
    context = {
        "contact": contact_out(contact, user),
        "form": form or form_from_contact(contact, open_due_of(contact)),
        "labels": FIELD_LABELS,
        "phone_kinds": PHONE_KINDS,
        "flags": {},
    }
    return render(request, "contact_edit.html", context, status_code=status_code)


@router.get("/contacts/{contact_id}/edit")
def edit_page(contact_id: uuid.UUID, request: Request, user: WebUser, session: SessionDep) -> Response:
    return render_edit_page(request, service.get_contact(session, user, contact_id), user)


@router.post("/contacts/{contact_id}")
def save_contact(
    contact_id: uuid.UUID, request: Request, user: WebUser, session: SessionDep, form: FormDep
) -> Response:
    contact = service.get_contact(session, user, contact_id)
    values = read_values(form)
    patch, errors = patch_from_values(values, contact, user, open_due_of(contact))
    if patch is None:
        return render_edit_page(request, contact, user, ContactForm(values, errors), status_code=422)
    service.update_contact(session, user, contact.id, patch, expected_version=submitted_version(form))
    flash(request, f"Saved {contact.name or 'the contact'}.")
    return RedirectResponse(f"/contacts/{contact.id}", status_code=303)


@router.post("/contacts/{contact_id}/delete")
def delete_contact(contact_id: uuid.UUID, request: Request, user: WebUser, session: SessionDep) -> Response:
    contact = service.delete_contact(session, user, contact_id)
    flash(request, f"Deleted {contact.name or 'the contact'}.")
    return RedirectResponse("/contacts", status_code=303)
