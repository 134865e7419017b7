"""The normalized identities by which two contacts may be the same person, and their indexed lookup."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from app.companies.names import fold_words
from models import Contact, ContactMatchKey, User

MIN_PHONE_DIGITS = 6
MAX_KEY_LENGTH = 700


def email_key(email: str) -> str | None:
    value = email.strip().lower()
    return value if "@" in value else None


def phone_key(number: str) -> str | None:
    """E.164 numbers keep their '+'; numbers that did not parse compare by their digits alone."""
    digits = re.sub(r"\D", "", number)
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    return ("+" if number.strip().startswith("+") else "") + digits


def person_key(name: str | None, company_key: str | None) -> str | None:
    """Name words in any order (initials dropped) at one company: "Doe, Jane Q." == "Jane Doe"."""
    if not name or not company_key:
        return None
    words = fold_words(name)
    full_words = [w for w in words if len(w) > 1]
    if len(full_words) >= 2:
        words = full_words
    if not words:
        return None
    return " ".join(sorted(words)) + "|" + company_key


def keys_for(
    *,
    emails: Iterable[str],
    phones: Iterable[dict[str, Any]],
    name: str | None,
    company_key: str | None,
) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    keys.update(("email", k) for e in emails if (k := email_key(e)))
    keys.update(("phone", k) for p in phones if (k := phone_key(str(p.get("number", "")))))
    if person := person_key(name, company_key):
        keys.add(("person", person))
    return {(kind, value) for kind, value in keys if len(value) <= MAX_KEY_LENGTH}


def contact_keys(contact: Contact) -> set[tuple[str, str]]:
    return keys_for(
        emails=contact.emails or [],
        phones=contact.phones or [],
        name=contact.name,
        company_key=contact.company_key,
    )


def refresh(session: Session, contact: Contact) -> None:
    """Replace the stored keys of `contact` with those of its current fields (call after any change)."""
    session.flush()
    session.execute(delete(ContactMatchKey).where(ContactMatchKey.contact_id == contact.id))
    session.add_all(
        ContactMatchKey(contact_id=contact.id, user_id=contact.user_id, kind=kind, value=value)
        for kind, value in sorted(contact_keys(contact))
    )
    session.flush()


def add_new(session: Session, contact: Contact) -> None:
    """The keys of a contact not flushed yet (its id set by the caller): added, not replaced."""
    session.add_all(
        ContactMatchKey(contact_id=contact.id, user_id=contact.user_id, kind=kind, value=value)
        for kind, value in sorted(contact_keys(contact))
    )


def owners_of(
    session: Session, user: User, keys: set[tuple[str, str]], chunk: int = 500
) -> dict[tuple[str, str], list[tuple[Any, uuid.UUID]]]:
    """For each key, the user's contacts holding it as (created_at, id): a few indexed queries for many
    keys (an import checks a whole file at once)."""
    by_kind: dict[str, list[str]] = {}
    for kind, value in keys:
        by_kind.setdefault(kind, []).append(value)
    found: dict[tuple[str, str], list[tuple[Any, uuid.UUID]]] = {}
    for kind, values in by_kind.items():
        for start in range(0, len(values), chunk):
            rows = session.execute(
                select(ContactMatchKey.value, ContactMatchKey.contact_id, Contact.created_at)
                .join(Contact, Contact.id == ContactMatchKey.contact_id)
                .where(
                    ContactMatchKey.user_id == user.id,
                    ContactMatchKey.kind == kind,
                    ContactMatchKey.value.in_(values[start : start + chunk]),
                )
            )
            for value, contact_id, created_at in rows:
                found.setdefault((kind, value), []).append((created_at, contact_id))
    return found


def matching_contact_ids(
    session: Session,
    user: User,
    keys: set[tuple[str, str]],
    *,
    exclude: uuid.UUID | None = None,
) -> list[uuid.UUID]:
    """Ids of the user's contacts holding any of `keys`, oldest first: one indexed query."""
    if not keys:
        return []
    by_kind: dict[str, list[str]] = {}
    for kind, value in keys:
        by_kind.setdefault(kind, []).append(value)
    query = (
        select(ContactMatchKey.contact_id)
        .join(Contact, Contact.id == ContactMatchKey.contact_id)
        .where(
            ContactMatchKey.user_id == user.id,
            or_(
                *(
                    and_(ContactMatchKey.kind == kind, ContactMatchKey.value.in_(values))
                    for kind, values in by_kind.items()
                )
            ),
        )
        .group_by(ContactMatchKey.contact_id, Contact.created_at)
        .order_by(Contact.created_at, ContactMatchKey.contact_id)
    )
    if exclude is not None:
        query = query.where(ContactMatchKey.contact_id != exclude)
    return list(session.scalars(query))
