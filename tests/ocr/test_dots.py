"""A full stop OCR lost between the names of an email address is put back from the pixels."""

from __future__ import annotations

import cv2
import numpy as np

from ocr.dots import with_lost_dots
from ocr.types import Box, Contact, Extraction, Line, Word

FONT, SCALE, THICKNESS = cv2.FONT_HERSHEY_SIMPLEX, 1.2, 2


def printed(text: str) -> tuple[np.ndarray, Box]:
    """A white card with `text` printed on it, and the box of the printed text."""
    (width, height), below = cv2.getTextSize(text, FONT, SCALE, THICKNESS)
    card = np.full((200, width + 80), 255, np.uint8)
    cv2.putText(card, text, (40, 120), FONT, SCALE, 0, THICKNESS, cv2.LINE_AA)
    return card, Box(40, 120 - height, width, height + below)


def read_as(
    card_and_box: tuple[np.ndarray, Box], text: str, name: str, email: str | None = None
) -> tuple[str, ...]:
    """The emails after the lost-dot check, for a card whose address OCR read as `text` (and extraction
    repaired to `email`, when given)."""
    card, box = card_and_box
    lines = [Line((Word(name, 0.95, Box(40, 20, 300, 40)),)), Line((Word(text, 0.9, box),))]
    extraction = Extraction(Contact(name=name, emails=(email or text,)))
    return with_lost_dots(card, lines, extraction).contact.emails


def test_a_lost_dot_between_initial_and_family_name_is_put_back():
    assert read_as(printed("o.wilson@roy-partner.ca"), "owilson@roy-partner.ca", "Owen Wilson") == (
        "o.wilson@roy-partner.ca",
    )
    assert read_as(printed("noor.visser@pioneer.nl"), "noorvisser@pioneer.nl", "Noor Visser") == (
        "noor.visser@pioneer.nl",
    )


def test_an_address_printed_without_the_dot_stays_as_read():
    assert read_as(printed("owilson@roy-partner.ca"), "owilson@roy-partner.ca", "Owen Wilson") == (
        "owilson@roy-partner.ca",
    )


def test_a_dot_elsewhere_or_a_name_that_does_not_split_the_address_changes_nothing():
    # the extra full stop is in the domain, not where the name splits the local part
    assert read_as(printed("owilson@roy.partner.ca"), "owilson@roy-partner.ca", "Owen Wilson") == (
        "owilson@roy-partner.ca",
    )
    assert read_as(printed("o.wilson@roy-partner.ca"), "owilson@roy-partner.ca", "Olivia Smith") == (
        "owilson@roy-partner.ca",
    )


def test_a_blob_where_the_domains_dot_is_not_seen_proves_nothing():
    # The blobs found must include the domain's own dot where it is printed; here they do not (a speck at
    # the name's split and no dot in 'cedarit'), so the one blob is no evidence of a lost dot.
    card = printed("federica.esposito@cedarit")
    emails = read_as(card, "federicaesposito@cedarit", "Federica Esposito", "federicaesposito@cedar.it")
    assert emails == ("federicaesposito@cedar.it",)
