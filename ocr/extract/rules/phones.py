"""Rules for phone numbers as OCR reads them."""

from __future__ import annotations

from collections.abc import Iterator

import phonenumbers

from ocr.extract.rules.rule import Rule
from ocr.extract.vocabulary import confusion


def _digit_lookalikes(text: str) -> Iterator[str]:
    """'(2l2) 555-O134' -> '(212) 555-0134'. Only text that is mostly digits already, so words never
    turn into numbers."""
    digits = sum(c.isdigit() for c in text)
    letters = sum(c.isalpha() for c in text)
    if digits < 6 or letters == 0 or letters > digits // 2:
        return
    candidate = text.translate(str.maketrans(confusion("digit_lookalikes")))
    if candidate != text:
        yield candidate


def _valid_international(text: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, None))
    except phonenumbers.NumberParseException:
        return False


PHONE_RULES = (
    Rule(
        "phone.digit-lookalikes",
        "phones",
        "phonenumbers accepts the repaired number in the card's country (data/confusions.json)",
        _digit_lookalikes,
        (
            ("+1 (2l2) 555-O134", "+1 (212) 555-0134"),
            ("+1 (2l2) 5OO", None),  # too few digits to be a number
            ("Building 2l2", None),  # mostly letters
        ),
        _valid_international,
    ),
)
