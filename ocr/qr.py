"""QR codes on cards: a vCard, MECARD or URL payload gives exact fields, better than any OCR.

Detection and decoding are OpenCV's (QRCodeDetector); vCards are parsed with `vobject`, MECARD (a
one-line format from NTT Docomo, common on Japanese cards) by its small published grammar.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
import phonenumbers
import vobject

from ocr.types import Contact, Phone, PhoneKind

QR_SIDE = 1200  # px; a QR code on a card stays decodable at this size and detection is cheaper

QrResult = tuple[Contact | None, str | None]
_beside: ThreadPoolExecutor | None = None
_beside_lock = threading.Lock()


def read_qr(image: np.ndarray, *, region: str | None = None) -> QrResult:
    """The contact a QR code on the card encodes (None when there is no code or it encodes no contact),
    and the raw payload (None when nothing was decoded)."""
    payload = decode_qr(image)
    if not payload:
        return None, None
    return parse_payload(payload, region=region), payload


def start_reading_qr(image: np.ndarray, *, region: str | None, beside: bool) -> Callable[[], QrResult]:
    """read_qr of `image`, begun now; call what this returns for its result. With `beside` (a reader
    alone on its cores) it runs on a background thread while the caller goes on: the orientation check's
    Tesseract reading that follows is single-threaded and leaves a core idle, and OpenCV's detector, the
    QR stage's cost (~30 ms a card), releases the GIL. The card need not be upright yet for most codes, but
    OpenCV's detector misses some turned ones (tests/ocr/test_qr.py): the pipeline reads the upright card
    again where this found nothing and the card was turned. Otherwise (readers sharing the cores) it runs
    here, before returning."""
    global _beside
    if not beside:
        found = read_qr(image, region=region)
        return lambda: found
    with _beside_lock:
        if _beside is None:  # one thread for the process: a QR read is short, and never two at once
            _beside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="meishi-qr")
        future = _beside.submit(read_qr, image, region=region)
    return future.result


def decode_qr(image: np.ndarray) -> str | None:
    """The text of the first QR code OpenCV can decode, or None."""
    scale = min(1.0, QR_SIDE / max(image.shape[:2]))
    if scale < 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    detector = cv2.QRCodeDetector()
    try:
        text, points, _ = detector.detectAndDecode(image)
    except cv2.error:  # OpenCV raises on some degenerate detections; a card without a QR code is normal
        return None
    if points is None or not text:
        return None
    return text.strip() or None


def parse_payload(payload: str, *, region: str | None = None) -> Contact | None:
    """vCard, MECARD or a bare URL -> Contact; anything else (plain text, Wi-Fi settings) -> None."""
    upper = payload.lstrip().upper()
    if upper.startswith("BEGIN:VCARD"):
        return _from_vcard(payload, region)
    if upper.startswith("MECARD:"):
        return _from_mecard(payload, region)
    if re.match(r"^(https?://|www\.)\S+$", payload.strip(), re.IGNORECASE):
        return _from_urls([payload.strip()], Contact())
    return None


def _from_vcard(payload: str, region: str | None) -> Contact | None:
    try:
        card = vobject.readOne(payload.replace("\r\n", "\n").replace("\n", "\r\n"))
    except Exception:  # vobject raises a zoo of parse errors; a broken code is simply not a contact
        return None
    contents = card.contents
    given = family = None
    if "n" in contents:
        n = contents["n"][0].value
        given = _clean(n.given if isinstance(n.given, str) else " ".join(n.given))
        family = _clean(n.family if isinstance(n.family, str) else " ".join(n.family))
    name = _clean(contents["fn"][0].value) if "fn" in contents else None
    name = name or _clean(" ".join(part for part in (given, family) if part))
    company = department = None
    if "org" in contents:
        org = contents["org"][0].value
        parts = [p for p in ([org] if isinstance(org, str) else org) if p and p.strip()]
        company = _clean(parts[0]) if parts else None
        department = _clean(", ".join(parts[1:])) if len(parts) > 1 else None
    phones = []
    for tel in contents.get("tel", []):
        types = {t.upper() for t in tel.params.get("TYPE", [])}
        phones.append(_phone(tel.value, _kind(types), region))
    address = None
    if "adr" in contents:
        address = _format_address(contents["adr"][0].value)
    contact = Contact(
        name=name,
        given_name=given,
        family_name=family,
        title=_clean(contents["title"][0].value) if "title" in contents else None,
        company=company,
        department=department,
        emails=tuple(_unique(e.value.strip().lower() for e in contents.get("email", []) if e.value.strip())),
        phones=tuple(_unique_phones(phones)),
        address=address,
    )
    urls = [u.value for u in contents.get("url", [])]
    urls += [p.value for p in contents.get("x-socialprofile", [])]
    return _from_urls(urls, contact)


_MECARD_FIELD = re.compile(r"([A-Z\-]+):((?:\\.|[^;\\])*);", re.IGNORECASE)


def _from_mecard(payload: str, region: str | None) -> Contact | None:
    body = payload.strip()[len("MECARD:") :]
    if not body.endswith(";"):
        body += ";"
    fields: dict[str, list[str]] = {}
    for key, value in _MECARD_FIELD.findall(body):
        fields.setdefault(key.upper(), []).append(re.sub(r"\\(.)", r"\1", value).strip())
    given = family = None
    if fields.get("N"):
        family_part, _, given_part = fields["N"][0].partition(",")
        family, given = _clean(family_part), _clean(given_part)
    name = _clean(" ".join(p for p in (given, family) if p))
    contact = Contact(
        name=name,
        given_name=given,
        family_name=family,
        title=_clean(fields["TITLE"][0]) if fields.get("TITLE") else None,
        company=_clean(fields["ORG"][0]) if fields.get("ORG") else None,
        emails=tuple(_unique(e.lower() for e in fields.get("EMAIL", []) if e)),
        phones=tuple(_unique_phones(_phone(t, "work", region) for t in fields.get("TEL", []) if t)),
        address=_clean(fields["ADR"][0].replace(";", ", ")) if fields.get("ADR") else None,
    )
    return _from_urls(fields.get("URL", []), contact)


def _from_urls(urls: Iterable[str], contact: Contact) -> Contact:
    websites = list(contact.websites)
    social = dict(contact.social)
    for url in urls:
        url = url.strip()
        if not url:
            continue
        full = url if re.match(r"^https?://", url, re.IGNORECASE) else f"https://{url}"
        lowered = full.lower()
        if "linkedin.com/" in lowered:
            social.setdefault("linkedin", full)
        elif m := re.search(r"(?:twitter|x)\.com/@?([A-Za-z0-9_]{1,15})", full, re.IGNORECASE):
            social.setdefault("twitter", f"@{m.group(1)}")
        elif full not in websites:
            websites.append(full)
    return Contact(
        name=contact.name,
        given_name=contact.given_name,
        family_name=contact.family_name,
        title=contact.title,
        company=contact.company,
        department=contact.department,
        emails=contact.emails,
        phones=contact.phones,
        websites=tuple(websites),
        address=contact.address,
        social=social,
    )


def _kind(types: set[str]) -> PhoneKind:
    if "FAX" in types:
        return "fax"
    if types & {"CELL", "MOBILE"}:
        return "mobile"
    if types & {"WORK", "VOICE", "MAIN"} or not types:
        return "work"
    return "other"


def _phone(raw: str, kind: PhoneKind, region: str | None) -> Phone:
    raw = raw.strip()
    try:
        parsed = phonenumbers.parse(raw, region)
        if phonenumbers.is_possible_number(parsed):
            return Phone(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), kind)
    except phonenumbers.NumberParseException:
        pass
    return Phone(re.sub(r"[^\d+]", "", raw) or raw, kind)


def _format_address(adr: vobject.vcard.Address) -> str | None:
    def text(value: str | list[str]) -> str:
        return " ".join(value) if isinstance(value, list) else (value or "")

    street = ", ".join(p for p in (text(adr.box), text(adr.extended), text(adr.street)) if p.strip())
    city, state, code, country = (text(adr.city), text(adr.region), text(adr.code), text(adr.country))
    if country.strip().upper() in {"", "US", "USA", "UNITED STATES", "CA", "CANADA", "AU", "AUSTRALIA"}:
        locality = ", ".join(p for p in (city, " ".join(p for p in (state, code) if p)) if p)
    else:  # most of the world writes the postcode before the town
        locality = " ".join(p for p in (code, city) if p)
    parts = [p for p in (street, locality) if p.strip()]
    if country.strip() and country.strip().upper() not in {"US", "USA", "UNITED STATES"}:
        parts.append(country.strip())
    return _clean(", ".join(parts))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _unique_phones(phones: Iterable[Phone]) -> list[Phone]:
    seen: dict[str, Phone] = {}
    for phone in phones:
        seen.setdefault(phone.number, phone)
    return list(seen.values())
