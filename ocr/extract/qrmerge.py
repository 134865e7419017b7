"""A QR code's contact merged into what the card's text gave: its fields are exact and win."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from ocr.extract.phones import same_number
from ocr.extract.web import host_of, is_webmail
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
            if field not in ("given_name", "family_name"):
                confidence[field] = 1.0
                sources.pop(field, None)
    if qr.emails:
        changes["emails"] = tuple(dict.fromkeys((*qr.emails, *_text_emails(contact.emails, qr.emails))))
        confidence["emails"] = 1.0
    if qr.phones:
        extra = (p for p in contact.phones if not any(same_number(p.number, q.number) for q in qr.phones))
        changes["phones"] = (*qr.phones, *extra)
        confidence["phones"] = 1.0
    qr_websites = _card_websites(qr, contact)
    if qr_websites:
        hosts = {host_of(w).removeprefix("www.") for w in qr_websites}
        extra = (w for w in contact.websites if host_of(w).removeprefix("www.") not in hosts)
        changes["websites"] = (*qr_websites, *extra)
        confidence["websites"] = 1.0
    if qr.social:
        changes["social"] = {**contact.social, **qr.social}
        confidence["social"] = 1.0
    return replace(contact, **changes)  # type: ignore[arg-type]


def _card_websites(qr: Contact, text: Contact) -> tuple[str, ...]:
    """The QR code's websites that are the card's. A code holding nothing but a link often points
    elsewhere (a link shortener, a campaign page): when the card prints a domain of its own (a website's,
    an email's other than a free provider's), such a link counts only if its host is one of those."""
    if not qr.websites or _has_contact_fields(qr):
        return qr.websites
    domains = {e.rpartition("@")[2].lower() for e in text.emails if not is_webmail(e.rpartition("@")[2])}
    domains |= {host_of(w).removeprefix("www.") for w in text.websites}
    if not domains:
        return qr.websites
    return tuple(w for w in qr.websites if _same_site(host_of(w).removeprefix("www."), domains))


def _has_contact_fields(qr: Contact) -> bool:
    return bool(qr.name or qr.company or qr.emails or qr.phones or qr.address)


def _same_site(host: str, domains: set[str]) -> bool:
    """The host is one of the domains, a sub-domain of one, or one of them misread by a letter or two."""
    return any(host == d or host.endswith("." + d) or Levenshtein.distance(host, d) <= 2 for d in domains)


def _text_emails(text: Sequence[str], exact: Sequence[str]) -> list[str]:
    """The text's emails that the QR code does not already give: domains a letter or two from a QR
    domain take the QR's spelling, and an address that close to a QR one is that address misread."""
    domains = {q.rsplit("@", 1)[1] for q in exact}
    kept = []
    for email in text:
        local, _, domain = email.rpartition("@")
        near = [d for d in domains if Levenshtein.distance(d, domain) <= 2]
        email = f"{local}@{near[0]}" if near else email
        if not any(Levenshtein.distance(email, q) <= 2 for q in exact):
            kept.append(email)
    return kept
