"""The reader's vocabularies, kept as data: label words per concept and language (data/labels.json) and
what OCR confuses (data/confusions.json). One vocabulary per concept, read once per process."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any, Literal

LabelConcept = Literal["email", "web", "address", "social", "phone", "mobile", "home", "fax"]
# The phone kind (ocr.types.PhoneKind) each phone label concept announces.
PHONE_KINDS = {"phone": "work", "mobile": "mobile", "home": "other", "fax": "fax"}


@cache
def _data(name: str) -> dict[str, Any]:
    text = resources.files("ocr.extract").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@cache
def label_words(*concepts: LabelConcept) -> frozenset[str]:
    """Every language's label words for these concepts, lower-case: label_words('email') has 'courriel'."""
    data = _data("labels.json")
    return frozenset(w.lower() for concept in concepts for ws in data[concept].values() for w in ws)


def label_pattern(*concepts: LabelConcept) -> str:
    """A regex alternation of the concepts' label words, longest first: '(?:website|web|...)'."""
    return (
        "(?:"
        + "|".join(re.escape(w) for w in sorted(label_words(*concepts), key=lambda w: (-len(w), w)))
        + ")"
    )


@cache
def strippable_labels(*concepts: LabelConcept) -> tuple[str, ...]:
    """The concepts' label words that may be cut from the front of a text ('Email:', 'Mobil.'): words of
    three characters or more that are not also ordinary words ('Dir.' of Director), longest first."""
    ordinary = frozenset(_data("labels.json")["ordinary_words"])
    kept = {w for w in label_words(*concepts) if len(w.rstrip(".")) >= 3 and w not in ordinary}
    return tuple(sorted(kept, key=lambda w: (-len(w), w)))


@cache
def phone_label_kinds() -> dict[str, str]:
    """Phone label word -> the kind of number it announces ('mob' -> 'mobile', 'tél' -> 'work')."""
    return {w: kind for concept, kind in PHONE_KINDS.items() for w in label_words(concept)}  # type: ignore[arg-type]


def confusion(name: str) -> Any:
    """The `values` of one table of data/confusions.json ('tld_misreads', 'letter_confusions', ...)."""
    return _data("confusions.json")[name]["values"]
