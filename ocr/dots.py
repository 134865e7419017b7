"""A dot OCR lost inside an email address, put back where the card's pixels show one and the name agrees.

Both engines drop the full stop between the names of an address often ('owilson@' for a printed
'o.wilson@', 'noorvisser@' for 'noor.visser@'): it is a few pixels wide. The text alone cannot tell
'owilson' from 'o.wilson' (both spell Owen Wilson), but the image can: a printed full stop is a small blob
sitting on the baseline. So the address's word is looked at: when its domain's dots are seen where they are
printed and exactly one blob more stands where the person's name splits the local part (given name or
initial, then family name), the dot goes back there. Anything less certain leaves the address as read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from ocr.extract.text import fold
from ocr.types import Box, Extraction, Line, Word

MAX_DOT_HEIGHT = 0.35  # of the word's text height: a full stop, not a letter
MAX_BASELINE_OFFSET = 0.2  # of the text height: a full stop sits on the baseline (an i's dot does not)
MAX_CHARACTERS_OFF = 1.5  # how far (in characters) the blob may stand from the name's split


def with_lost_dots(gray: np.ndarray, lines: Sequence[Line], extraction: Extraction) -> Extraction:
    """`extraction` with the dot put back in each email address whose word shows a full stop its text
    lost, at the place the person's name splits the local part."""
    contact = extraction.contact
    name_parts = [fold(t) for t in (contact.name or "").split() if fold(t)]
    if len(name_parts) < 2 or not contact.emails:
        return extraction
    words = [w for line in lines for w in line.words if "@" in w.text]
    emails = tuple(_with_dot(email, words, gray, name_parts) for email in contact.emails)
    if emails == contact.emails:
        return extraction
    return replace(extraction, contact=replace(contact, emails=emails))


def _with_dot(email: str, words: Sequence[Word], gray: np.ndarray, name_parts: list[str]) -> str:
    local, _, domain = email.partition("@")
    if "." in local:
        return email
    word = next((w for w in words if (local + "@") in w.text.lower()), None)
    splits = _name_splits(local, name_parts)
    if word is None or not splits:
        return email
    offset = word.text.lower().index(local + "@")
    per_character = word.box.width / max(len(word.text), 1)

    def near(x: float, character: int) -> bool:
        return abs(x - (word.box.left + character * per_character)) <= MAX_CHARACTERS_OFF * per_character

    # The domain's own dots must be seen where they are printed, or the blobs say nothing reliable (a
    # noisy photo, a box that is off): then exactly one blob more, where the name splits the local part.
    blobs = _full_stops(gray, word.box)
    domain_dots = [offset + len(local) + 1 + i for i, c in enumerate(domain) if c == "."]
    if len(blobs) != len(domain_dots) + 1 or not all(any(near(x, at) for x in blobs) for at in domain_dots):
        return email
    unexplained = [x for x in blobs if not any(near(x, at) for at in domain_dots)]
    for split in splits:
        if len(unexplained) == 1 and near(unexplained[0], offset + split):
            return f"{local[:split]}.{local[split:]}@{domain}"
    return email


def _name_splits(local: str, parts: list[str]) -> list[int]:
    """Places in `local` between the given name (or its initial) and the family name(s)."""
    first, rest = parts[0], "".join(parts[1:])
    return [
        i
        for i in range(1, len(local))
        if fold(local[:i]) in (first, first[:1]) and fold(local[i:]) in (rest, parts[-1])
    ]


def _full_stops(gray: np.ndarray, box: Box) -> list[float]:
    """x centres (in `gray` pixels) of the full-stop-like blobs on the word's baseline."""
    pad = max(2, box.height // 8)
    top, left = max(box.top - pad, 0), max(box.left - pad, 0)
    crop = gray[top : box.bottom + pad, left : box.right + pad]
    if crop.size == 0:
        return []
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [s for s in stats[1:] if s[cv2.CC_STAT_AREA] >= 2]
    if not blobs:
        return []
    text_height = float(np.median([s[cv2.CC_STAT_HEIGHT] for s in blobs]))
    letters = [s for s in blobs if s[cv2.CC_STAT_HEIGHT] >= 0.6 * text_height]  # the median blob is one
    baseline = float(np.median([s[cv2.CC_STAT_TOP] + s[cv2.CC_STAT_HEIGHT] for s in letters]))
    return [
        left + s[cv2.CC_STAT_LEFT] + s[cv2.CC_STAT_WIDTH] / 2
        for s in blobs
        if s[cv2.CC_STAT_HEIGHT] <= MAX_DOT_HEIGHT * text_height
        and s[cv2.CC_STAT_WIDTH] <= 1.3 * MAX_DOT_HEIGHT * text_height
        and abs(s[cv2.CC_STAT_TOP] + s[cv2.CC_STAT_HEIGHT] - baseline) <= MAX_BASELINE_OFFSET * text_height
    ]
