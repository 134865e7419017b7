"""What the review page draws: the boxes of the words each field came from, and which fields to check.

The reader reports, per field, the boxes of its words in pixels of the flattened card image
(`reading["sources"]`) and a confidence per field (0..1). Field names vary a little in shape
("emails", "emails[1]", "social.linkedin"); they are mapped onto the form's fields here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.web.forms import FIELD_LABELS

LOW_CONFIDENCE = 0.6
_SINGULAR_TO_FORM = {"email": "emails", "phone": "phones", "website": "websites", "x": "twitter"}
_INDEX = re.compile(r"(\[\d+\]|\.\d+)$")


@dataclass(frozen=True)
class OverlayBox:
    field: str
    label: str
    left: int
    top: int
    width: int
    height: int
    low: bool
    labelled: bool  # the field's name is written beside its first box only
    label_y: int


def _label_y(top: int, height: int, font_size: int) -> int:
    """Where a field's name is written: just above its box, or below it at the card's top edge."""
    return top - font_size // 4 if top > font_size + 2 else top + height + font_size


@dataclass(frozen=True)
class OverlayWord:
    """One word the reader saw, clickable on the review page to put its text into a field."""

    text: str
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class CardOverlay:
    width: int
    height: int
    boxes: tuple[OverlayBox, ...]
    words: tuple[OverlayWord, ...]
    font_size: int  # in card pixels, so labels stay readable however large the card image is


@dataclass(frozen=True)
class FieldConfidence:
    percent: int | None  # None: the reader left the field empty but the card likely prints it
    low: bool
    suggestion: str | None = None  # what the reader read but left out as too unsure (ocr/withhold.py)


def form_field_of(source_key: str) -> str:
    """The form field a reader field name belongs to: "emails[1]" -> "emails", "social.x" -> "twitter"."""
    key = _INDEX.sub("", source_key.strip()).lower()
    key = key.removeprefix("social.").removeprefix("social_")
    return _SINGULAR_TO_FORM.get(key, key)


def field_confidence(
    confidence: dict[str, Any],
    needs_review: list[str] | None = None,
    suggestions: dict[str, Any] | None = None,
) -> dict[str, FieldConfidence]:
    """Per form field, the lowest confidence the reader gave any of its parts, flagged low when the
    reader said the field needs review (its calibrated confidence is below the review threshold, or it is
    empty though the card likely prints it: no percent then). A reading from before calibrated confidence
    (no `needs_review`) is flagged by a fixed threshold. A field the reader left empty with a suggestion
    (a value it read but was too unsure of) carries the suggestion while the field still needs review."""
    lowest: dict[str, float] = {}
    for key, value in confidence.items():
        if not isinstance(value, int | float):
            continue
        field = form_field_of(key)
        lowest[field] = min(float(value), lowest.get(field, 1.0))
    flagged = None if needs_review is None else {f for key in needs_review for f in _form_fields(key)}
    flags = {
        field: FieldConfidence(
            percent=round(value * 100),
            low=value < LOW_CONFIDENCE if flagged is None else field in flagged,
        )
        for field, value in lowest.items()
    }
    for key, suggestion in (suggestions or {}).items():
        field = form_field_of(key)
        offered = _suggestion(suggestion)
        if offered is not None and field in (flagged or ()) and field not in flags:
            flags[field] = FieldConfidence(round(offered[1] * 100), low=True, suggestion=offered[0])
    # A flagged field without a confidence is one the reader left empty though the card likely prints it.
    flags |= {field: FieldConfidence(None, low=True) for field in flagged or () if field not in flags}
    return flags


def _suggestion(raw: Any) -> tuple[str, float] | None:
    """(value, confidence) of a stored suggestion, None when it is not one."""
    if not isinstance(raw, dict):
        return None
    value, confidence = raw.get("value"), raw.get("confidence")
    if not isinstance(value, str) or not value.strip() or not isinstance(confidence, int | float):
        return None
    return value.strip(), min(1.0, max(0.0, float(confidence)))


def _form_fields(key: str) -> tuple[str, ...]:
    """The form fields a reader field stands for: "social" is the LinkedIn and X fields."""
    return ("linkedin", "twitter", "social") if key == "social" else (form_field_of(key),)


def _box(raw: Any) -> tuple[int, int, int, int] | None:
    try:
        if isinstance(raw, dict):
            return int(raw["left"]), int(raw["top"]), int(raw["width"]), int(raw["height"])
        left, top, width, height = (int(v) for v in raw)
        return left, top, width, height
    except (KeyError, TypeError, ValueError):
        return None


def card_overlay(reading: dict[str, Any] | None) -> CardOverlay | None:
    """The boxes to draw over the card image, in its pixel space; None when the reading has no card size."""
    if not reading:
        return None
    size = reading.get("card_size") or ()
    if len(size) != 2 or not all(isinstance(v, int | float) and v > 0 for v in size):
        return None
    width, height = int(size[0]), int(size[1])
    font_size = max(12, round(width / 38))
    flags = field_confidence(
        reading.get("confidence") or {}, reading.get("needs_review"), reading.get("suggestions")
    )
    boxes: list[OverlayBox] = []
    labelled: set[str] = set()
    for key, raw_boxes in (reading.get("sources") or {}).items():
        field = form_field_of(key)
        flag = flags.get(field)
        for raw in raw_boxes or ():
            box = _box(raw)
            if box is None or box[2] <= 0 or box[3] <= 0:
                continue
            label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
            first = field not in labelled
            labelled.add(field)
            boxes.append(
                OverlayBox(
                    field,
                    label,
                    *box,
                    low=bool(flag and flag.low),
                    labelled=first,
                    label_y=_label_y(box[1], box[3], font_size),
                )
            )
    return CardOverlay(
        width=width, height=height, boxes=tuple(boxes), words=_words(reading), font_size=font_size
    )


def _words(reading: dict[str, Any]) -> tuple[OverlayWord, ...]:
    """The reading's words with their boxes (`reading["words"]`, in the flattened card's pixels)."""
    words: list[OverlayWord] = []
    for raw in reading.get("words") or ():
        text = str(raw.get("text") or "").strip() if isinstance(raw, dict) else ""
        box = _box(raw.get("box")) if text else None
        if box is not None and box[2] > 0 and box[3] > 0:
            words.append(OverlayWord(text, *box))
    return tuple(words)
