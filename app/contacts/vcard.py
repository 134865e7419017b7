"""Contacts to and from vCard 3.0 (RFC 2426) and 4.0 (RFC 6350), with the `vobject` library.

Export writes what address books read: FN, N, ORG, TITLE, EMAIL, TEL (a `tel:` URI in 4.0), URL, ADR,
NOTE, X-SOCIALPROFILE (Apple and Google read it), plus X-MEISHI-EVENT / X-MEISHI-MET-ON so that a Meishi
export imports back with where and when you met. Import accepts any vCard 2.1/3.0/4.0 file.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date
from typing import Any, Literal

import vobject
from nameparser import HumanName
from pydantic import EmailStr, TypeAdapter, ValidationError

from app.contacts.schemas import SOCIAL_NETWORK
from app.errors import ErrorCode, Unprocessable
from app.followups.channels import linkedin_url, twitter_handle
from models import Contact

VCardVersion = Literal["3.0", "4.0"]
PRODID = "-//Meishi//Contacts//EN"
PHONE_TYPES: dict[str, list[str]] = {
    "work": ["work", "voice"],
    "mobile": ["cell", "voice"],
    "fax": ["work", "fax"],
    # Neither RFC names "other"; Google and Apple both write it, and readers ignore types they don't know.
    "other": ["voice", "other"],
}
_email = TypeAdapter(EmailStr)
logger = logging.getLogger(__name__)
PhotoLookup = Callable[[Contact], tuple[bytes, str] | None]


class InvalidVCard(Unprocessable):
    code = ErrorCode.INVALID_VCARD


def _types(kinds: list[str], version: VCardVersion) -> list[str]:
    # 3.0 writes parameter values upper-case by convention; 4.0 registers them lower-case.
    return [k.upper() for k in kinds] if version == "3.0" else kinds


def _name_parts(contact: Contact) -> tuple[str, str, str]:
    """(family, given, additional): the stored parts, else the full name parsed by nameparser."""
    if contact.given_name or contact.family_name:
        return contact.family_name or "", contact.given_name or "", ""
    if not contact.name:
        return "", "", ""
    parsed = HumanName(contact.name)
    return parsed.last, parsed.first, parsed.middle


def _social_url(network: str, handle: str) -> str:
    if network == "linkedin":
        return linkedin_url(handle)
    if network == "twitter":
        return f"https://x.com/{twitter_handle(handle)}"
    return handle


def to_vcard(
    contact: Contact, version: VCardVersion = "3.0", photo: tuple[bytes, str] | None = None
) -> vobject.base.Component:
    """One contact as a vCard component; `photo` is (bytes, MIME type) when the card image is wanted."""
    card = vobject.vCard()
    card.add("version").value = version
    card.add("prodid").value = PRODID
    if version == "4.0":
        card.add("kind").value = "individual"
    card.add("uid").value = f"urn:uuid:{contact.id}"
    fallback = contact.company or (contact.emails[0] if contact.emails else None) or "Unnamed contact"
    card.add("fn").value = contact.name or fallback
    family, given, additional = _name_parts(contact)
    card.add("n").value = vobject.vcard.Name(family=family, given=given, additional=additional)
    if contact.company or contact.department:
        card.add("org").value = [contact.company or "", *([contact.department] if contact.department else [])]
    if contact.title:
        card.add("title").value = contact.title
    for address in contact.emails or []:
        email = card.add("email")
        email.value = address
        email.type_param = _types(["internet", "work"] if version == "3.0" else ["work"], version)
    for phone in contact.phones or []:
        tel = card.add("tel")
        number = str(phone["number"])
        if version == "4.0" and number.startswith("+"):
            tel.value = f"tel:{number}"
            tel.params["VALUE"] = ["uri"]
        else:
            tel.value = number
        tel.type_param = _types(PHONE_TYPES.get(phone.get("kind", "work"), ["voice"]), version)
    for website in contact.websites or []:
        card.add("url").value = website
    if contact.address:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(street=contact.address)
        adr.type_param = _types(["work"], version)
    for network, handle in sorted((contact.social or {}).items()):
        if handle:
            profile = card.add("x-socialprofile")
            profile.value = _social_url(network, str(handle))
            # A name stored before network names were checked may hold what a parameter cannot.
            profile.type_param = network if SOCIAL_NETWORK.match(network) else "other"
    if contact.notes:
        card.add("note").value = contact.notes
    if contact.event_name:
        card.add("x-meishi-event").value = contact.event_name
    if contact.met_on:
        card.add("x-meishi-met-on").value = contact.met_on.isoformat()
    updated = (
        contact.updated_at.replace(tzinfo=UTC) if contact.updated_at.tzinfo is None else contact.updated_at
    )
    card.add("rev").value = updated.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    if photo is not None:
        data, mime = photo
        image = card.add("photo")
        if version == "4.0":
            image.value = f"data:{mime};base64,{base64.b64encode(data).decode()}"
        else:
            image.value = data
            image.encoding_param = "b"
            image.type_param = mime.split("/")[-1].upper()
    return card


def serialize(cards: Iterable[vobject.base.Component]) -> str:
    return "".join(card.serialize() for card in cards)


def export(contacts: Iterable[Contact], version: VCardVersion, photos: PhotoLookup) -> Iterator[str]:
    """Each contact as vCard text. One contact that cannot be written (odd stored data) becomes a card with
    its name and id and a log line, never a failed export of the whole address book."""
    for contact in contacts:
        try:
            yield to_vcard(contact, version, photos(contact)).serialize()
        except Exception:  # vobject raises its own errors and ValueError/TypeError on odd values
            logger.exception("vCard export: contact %s written with its name only", contact.id)
            yield _minimal_vcard(contact, version).serialize()


def _minimal_vcard(contact: Contact, version: VCardVersion) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("version").value = version
    card.add("prodid").value = PRODID
    card.add("uid").value = f"urn:uuid:{contact.id}"
    name = "".join(ch for ch in (contact.name or "Unnamed contact") if ch.isprintable())
    card.add("fn").value = name or "Unnamed contact"
    card.add("n").value = vobject.vcard.Name(family="", given="")
    return card


@dataclass
class ParsedCard:
    """The fields of one vCard, in the shape of ContactCreate, plus what could not be taken."""

    fields: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        keys = ("name", "company", "emails", "phones")
        return not any(self.fields.get(k) for k in keys)


def _values(card: vobject.base.Component, name: str) -> list[vobject.base.ContentLine]:
    return list(card.contents.get(name, []))


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value).strip()


def _phone_kind(types: list[str]) -> str:
    lowered = {t.lower() for t in types}
    if "fax" in lowered:
        return "fax"
    if "cell" in lowered or "mobile" in lowered or "iphone" in lowered:
        return "mobile"
    if "other" in lowered or ("home" in lowered and "work" not in lowered):
        return "other"
    return "work"


def _types_of(line: vobject.base.ContentLine) -> list[str]:
    found: list[str] = []
    for value in line.params.get("TYPE", []):
        found += [v.strip() for v in str(value).split(",") if v.strip()]
    # vCard 2.1 writes types as bare parameters: TEL;WORK;VOICE:...
    found += [str(p) for p in line.singletonparams]
    return found


def _from_card(card: vobject.base.Component) -> ParsedCard:
    parsed = ParsedCard(fields={})
    f = parsed.fields
    if lines := _values(card, "fn"):
        f["name"] = _text(lines[0].value) or None
    if lines := _values(card, "n"):
        n = lines[0].value
        if isinstance(n, vobject.vcard.Name):
            f["given_name"] = _text(n.given) or None
            f["family_name"] = _text(n.family) or None
            if not f.get("name"):
                f["name"] = (
                    " ".join(p for p in (_text(n.given), _text(n.additional), _text(n.family)) if p) or None
                )
    if lines := _values(card, "org"):
        org = lines[0].value if isinstance(lines[0].value, list) else [lines[0].value]
        f["company"] = (_text(org[0]) or None) if org else None
        if len(org) > 1:
            f["department"] = "; ".join(_text(o) for o in org[1:] if _text(o)) or None
    if lines := _values(card, "title"):
        f["title"] = _text(lines[0].value) or None
    emails = []
    for line in _values(card, "email"):
        address = _text(line.value).removeprefix("mailto:")
        try:
            emails.append(str(_email.validate_python(address)))
        except ValidationError:
            parsed.warnings.append(f"dropped invalid email {address!r}")
    f["emails"] = emails
    f["phones"] = [
        {"number": _text(line.value).removeprefix("tel:"), "kind": _phone_kind(_types_of(line))}
        for line in _values(card, "tel")
        if len(_text(line.value).removeprefix("tel:")) >= 3
    ]
    f["websites"] = [_text(line.value) for line in _values(card, "url") if _text(line.value)]
    if lines := _values(card, "adr"):
        adr = lines[0].value
        if isinstance(adr, vobject.vcard.Address):
            parts = [adr.box, adr.extended, adr.street, adr.city, adr.region, adr.code, adr.country]
            f["address"] = ", ".join(p for p in (_text(x) for x in parts) if p) or None
    social: dict[str, str] = {}
    for line in _values(card, "x-socialprofile"):
        types = _types_of(line)
        network = (types[0] if types else "other").lower()
        value = _text(line.value)
        social[network] = f"@{twitter_handle(value)}" if network in {"twitter", "x"} else value
    if "x" in social:
        social.setdefault("twitter", social.pop("x"))
    f["social"] = social
    if lines := _values(card, "note"):
        f["notes"] = "\n\n".join(_text(line.value) for line in lines if _text(line.value)) or None
    if lines := _values(card, "x-meishi-event"):
        f["event_name"] = _text(lines[0].value) or None
    if lines := _values(card, "x-meishi-met-on"):
        try:
            f["met_on"] = date.fromisoformat(_text(lines[0].value))
        except ValueError:
            parsed.warnings.append("ignored unreadable X-MEISHI-MET-ON")
    return parsed


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse(text: str, *, max_cards: int) -> list[ParsedCard]:
    """Every VCARD in `text`; raises InvalidVCard when the file cannot be read as vCards at all."""
    cards: list[ParsedCard] = []
    try:
        for component in vobject.readComponents(text, ignoreUnreadable=False):
            if component.name.upper() != "VCARD":
                continue
            if len(cards) >= max_cards:
                raise InvalidVCard(f"At most {max_cards} cards per import.", code=ErrorCode.TOO_MANY_CARDS)
            cards.append(_from_card(component))
    except InvalidVCard:
        raise
    except Exception as exc:  # vobject raises ParseError, but also ValueError/KeyError on odd input
        raise InvalidVCard(f"This is not a readable vCard file: {exc}") from exc
    if not cards:
        raise InvalidVCard("The file holds no vCard (BEGIN:VCARD ... END:VCARD).", code=ErrorCode.NO_VCARDS)
    return cards
