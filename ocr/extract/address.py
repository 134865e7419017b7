"""Postal addresses across lines (US, CA, UK, DE, FR, CH, AU, BR, JP...), joined into one line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ocr.extract.labels import strip_label
from ocr.extract.lexicon import table, words
from ocr.extract.text import clean_value, has_digit, word_list

_US_STATE_ZIP = re.compile(
    r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
    r"V[AT]|W[AIVY])\s*\d{5}(?:-\d{4})?\b"
)
_CA_POSTCODE = re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_AU_STATE_POSTCODE = re.compile(r"\b(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s+\d{4}\b")
# Continental Europe: optional country prefix, 4-5 digit postcode, then the city ('D-26723 Emden').
_EU_POSTCODE_CITY = re.compile(r"(?:^|[\s,·|])(?:[A-Z]{1,2}-)?\d{4,5}\s+[^\W\d_][\w'’-]+")
_BR_CEP = re.compile(r"\b\d{5}-\d{3}\b")
_JP_POSTCODE = re.compile(r"\b\d{3}-\d{4}\b")
_POSTCODES = (
    _US_STATE_ZIP,
    _CA_POSTCODE,
    _UK_POSTCODE,
    _AU_STATE_POSTCODE,
    _EU_POSTCODE_CITY,
    _BR_CEP,
    _JP_POSTCODE,
)
_DE_STREET = re.compile(
    r"[^\W\d_]{3,}(?:straße|strasse|str\.?|weg|platz|gasse|allee|ring|damm|ufer|laan|straat|gracht|plein)"
    r"\s*\d+",
    re.IGNORECASE,
)
_PO_BOX = re.compile(r"\b(?:p\.?\s?o\.?\s?box|postfach|caixa postal|apartado)\b", re.IGNORECASE)


@dataclass(frozen=True)
class AddressLine:
    text: str
    order: int
    strong: bool  # a street, postcode or 'City, Country': enough on its own


def _street(text: str) -> bool:
    if _DE_STREET.search(text) or _PO_BOX.search(text):
        return True
    if not has_digit(text):
        return False
    return any(w.rstrip(".") in words("street_words.txt") for w in word_list(text))


def _country(text: str) -> str | None:
    """The country a segment names in its last part: 'Madrid, Spain' -> 'ES'."""
    last = re.split(r"[,|·•]", text)[-1].strip(" .").lower()
    return table("countries.txt").get(last)


def classify(text: str) -> AddressLine | None:
    """Whether a segment's text (labels stripped) looks like part of a postal address."""
    if _street(text) or any(p.search(text) for p in _POSTCODES):
        return AddressLine(text, -1, True)
    country = _country(text)
    if country and "," in text and len(text.split()) <= 5:
        return AddressLine(text, -1, True)
    if country:
        return AddressLine(text, -1, False)
    return None


def _city_like(text: str) -> bool:
    """'Ipswich', 'São Paulo', 'Suffolk': a short capitalised line that may sit inside an address."""
    tokens = text.replace(",", " ").split()
    return 0 < len(tokens) <= 3 and not has_digit(text) and all(t[:1].isupper() for t in tokens)


def find_address(texts: Sequence[tuple[int, str]]) -> tuple[str, list[int]] | None:
    """The best address block among (segment order, text) pairs in reading order.

    A block is a run of address-like segments; short city-like lines count only between two address
    lines. Segments already used by other fields must be left out of `texts` by the caller (so a phone
    column interleaved with the address does not break it). Returns (address, orders used).
    """
    rows: list[tuple[int, str, AddressLine | None]] = []
    for order, text in texts:
        stripped = clean_value(strip_label(text))
        rows.append((order, stripped, classify(stripped) if stripped else None))
    blocks: list[list[tuple[int, str, bool]]] = []
    current: list[tuple[int, str, bool]] = []
    pending: list[tuple[int, str, bool]] = []  # city-like lines waiting for the next address line
    for order, text, line in rows:
        if line is not None:
            if current:
                current.extend(pending)
            current.append((order, text, line.strong))
            pending = []
        elif current and _city_like(text) and len(pending) < 2:
            pending.append((order, text, False))
        else:
            if current:
                blocks.append(current)
            current, pending = [], []
    if current:
        blocks.append(current)
    blocks = [b for b in blocks if any(strong for _, _, strong in b)]
    if not blocks:
        return None
    best = max(blocks, key=lambda b: (sum(strong for _, _, strong in b), len(b)))
    return ", ".join(text for _, text, _ in best), [order for order, _, _ in best]
