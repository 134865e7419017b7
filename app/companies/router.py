"""/v1/companies: organisations with the people you know there."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from app.companies import repository
from app.companies.schemas import CompanyList, CompanyOut, KnownContact
from app.deps import ContactsRead, SessionDep
from app.errors import error_responses
from app.pagination import Limit, Offset
from models import Contact

router = APIRouter(prefix="/v1/companies", tags=["companies"])


@router.get("", response_model=CompanyList, responses=error_responses(401, 422))
def list_companies(
    user: ContactsRead,
    session: SessionDep,
    q: Annotated[
        str | None,
        Query(
            max_length=300, description="Only the organisation this name, acronym or email domain denotes."
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> CompanyList:
    """Organisations you know people at, most contacts first. "NYPL", "New York Public Library" and
    addresses at nypl.org are one organisation when the email domain agrees."""
    organisations = repository.organisations(session, user)
    if q:
        organisations = [o for o in organisations if o.answers_to(q)]
    shown = organisations[offset : offset + limit]
    ids = [cid for o in shown for cid in o.contact_ids]
    contacts = {
        c.id: c
        for c in session.scalars(
            select(Contact)
            .where(Contact.user_id == user.id, Contact.id.in_(ids))
            .order_by(func.lower(Contact.name), Contact.id)
        )
    }
    items = []
    for org in shown:
        members = set(org.contact_ids)
        items.append(
            CompanyOut(
                name=org.name,
                names=org.names,
                domains=org.domains,
                contact_count=len(members),
                contacts=[KnownContact.model_validate(c) for c in contacts.values() if c.id in members],
            )
        )
    return CompanyList(items=items, total=len(organisations), limit=limit, offset=offset)
