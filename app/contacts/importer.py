"""vCard import with duplicate detection. No FastAPI here.

The whole file is parsed before anything is stored, so a file that cannot be read stores nothing. Cards
that match an existing contact (or an earlier card of the same file) by email, phone or name at company are
flagged, or skipped when the caller asks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal

from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.companies.names import company_key
from app.contacts import match_keys, vcard
from app.contacts.schemas import ContactCreate, normalize_phone
from app.contacts.service import create_contact
from models import User

OnDuplicate = Literal["flag", "skip"]
MAX_CARDS = 10_000  # one import request; a larger address book is imported in parts


@dataclass
class ImportedCard:
    index: int
    status: Literal["created", "flagged", "skipped"]
    name: str | None
    contact_id: uuid.UUID | None = None
    possible_duplicate_of: list[uuid.UUID] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


FLUSH_EVERY = 500  # contacts written per round trip


def import_vcards(
    session: Session,
    user: User,
    data: bytes,
    *,
    event_id: uuid.UUID | None = None,
    on_duplicate: OnDuplicate = "flag",
) -> list[ImportedCard]:
    cards = vcard.parse(vcard.decode(data), max_cards=MAX_CARDS)
    results: list[ImportedCard] = []
    valid: list[tuple[int, str | None, ContactCreate, set[tuple[str, str]], list[str]]] = []
    for index, card in enumerate(cards):
        name = card.fields.get("name")
        if card.is_empty:
            results.append(
                ImportedCard(index, "skipped", name, messages=["no name, company, email or phone"])
            )
            continue
        try:
            body = ContactCreate.model_validate({**card.fields, "event_id": event_id, "status": "confirmed"})
        except ValidationError as exc:
            problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
            results.append(ImportedCard(index, "skipped", name, messages=problems))
            continue
        keys = match_keys.keys_for(
            emails=body.emails,
            phones=[{"number": normalize_phone(p.number, user.default_region)} for p in body.phones],
            name=body.name,
            company_key=company_key(body.company),
        )
        valid.append((index, name, body, keys, card.warnings))

    # Duplicates among the contacts already there (a few queries for the whole file), then among the
    # cards of this file imported before; each oldest first.
    existing = match_keys.owners_of(session, user, set().union(*(keys for *_, keys, _w in valid)))
    from_file: dict[tuple[str, str], list[tuple[int, uuid.UUID]]] = {}
    for position, (index, name, body, keys, warnings) in enumerate(valid):
        duplicates = [cid for _at, cid in sorted({o for key in keys for o in existing.get(key, [])})]
        duplicates += [cid for _at, cid in sorted({o for key in keys for o in from_file.get(key, [])})]
        if duplicates and on_duplicate == "skip":
            results.append(
                ImportedCard(index, "skipped", name, possible_duplicate_of=duplicates, messages=["duplicate"])
            )
            continue
        contact = create_contact(session, user, body, batched=True)
        for key in keys:
            from_file.setdefault(key, []).append((position, contact.id))
        if len(results) % FLUSH_EVERY == 0:
            session.flush()
        results.append(
            ImportedCard(
                index,
                "flagged" if duplicates else "created",
                name,
                contact_id=contact.id,
                possible_duplicate_of=duplicates,
                messages=warnings,
            )
        )
    session.flush()
    results.sort(key=lambda result: result.index)
    return results
