"""Rules for labels printed before a value ('E:', 'Address:', 'Mob.'), from data/labels.json."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ocr.extract.rules.rule import Rule
from ocr.extract.vocabulary import strippable_labels


@cache
def _leading_label() -> re.Pattern[str]:
    # A short label then a colon, or a label word then its colon or period: 'Office Manager' and
    # 'Web Designer' are titles.
    unique = dict.fromkeys(w.rstrip(".") for w in strippable_labels(*_CONCEPTS))
    words = "|".join(re.escape(w) for w in unique)
    return re.compile(rf"^\s*(?:[A-Za-z]{{1,2}}\s*:|(?:{words})\s*[:.])\s*", re.IGNORECASE)


_CONCEPTS = ("email", "web", "address", "social", "phone", "mobile", "home", "fax")


def _leading(text: str) -> Iterator[str]:
    stripped = _leading_label().sub("", text, count=1)
    if stripped != text:
        yield stripped


LABEL_RULES = (
    Rule(
        "label.leading",
        "labels",
        "a label word of data/labels.json (or one or two letters) then ':' or '.' at the start of a text",
        _leading,
        (
            ("A: 53 White House Road", "53 White House Road"),
            ("Adresse: 12 rue de la Paix", "12 rue de la Paix"),
            ("Office Manager", None),
            ("Dir. Marketing", None),
        ),
        lambda _: True,
    ),
)
