"""Unsure free-text values are offered as suggestions instead of being filled in.

A contact field holding a wrong value costs its user more than an empty one: they must notice it and
delete it, and on a card that prints no such field (no department, no name on a shop's card) nothing but
the reader's guess is there. In the scorer's terms a wrong value is a false positive (and a miss when
the card prints another), an empty one only the miss. Keeping a value that is right with probability p
raises a field's F1 only when p > F1 / 2 (each right value adds two to F1's numerator, a wrong one one to
its denominator): with the free-text fields at F1 .8-.9 on cards the reader was not tuned on, that is
p > 0.40-0.45. So a name, title, company, department or address whose calibrated confidence
(ocr/confidence.py, probabilities measured on cards never used to fit them) is below WITHHOLD_BELOW is
left empty, and the reading keeps it as a suggestion the review page offers with one click.

List fields (emails, phones, websites, social) are not withheld: their validators already reject what
cannot be one, and one unsure value would take its sure neighbours with it.
"""

from __future__ import annotations

from dataclasses import replace

from ocr.types import Contact, Suggestion

# F1 / 2 at F1 .80 (the lower end of the free-text fields on unseen real cards): the lowest confidence a
# kept value can have and still pay on average. Not fitted on any card.
WITHHOLD_BELOW = 0.40
WITHHELD_FIELDS = ("name", "title", "company", "department", "address")


def withhold(
    contact: Contact, confidence: dict[str, float], below: float = WITHHOLD_BELOW
) -> tuple[Contact, dict[str, float], dict[str, Suggestion]]:
    """The contact without its unsure free-text values, the confidences of the values it keeps, and the
    values taken out as suggestions. Fields without a confidence are kept (an uncalibrated reading)."""
    suggestions = {
        field: Suggestion(value, confidence[field])
        for field in WITHHELD_FIELDS
        if (value := getattr(contact, field)) and field in confidence and confidence[field] < below
    }
    if not suggestions:
        return contact, confidence, {}
    cleared: dict[str, None] = dict.fromkeys(suggestions)
    if "name" in suggestions:
        cleared |= {"given_name": None, "family_name": None}
    kept = {field: value for field, value in confidence.items() if field not in suggestions}
    return replace(contact, **cleared), kept, suggestions
