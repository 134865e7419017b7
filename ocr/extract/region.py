"""Which country a card is from, for phone numbers printed without a country code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ocr.extract.country import guess_country
from ocr.extract.layout import Segment


def infer_region(segments: Sequence[Segment], default: str | None, domains: Iterable[str] = ()) -> str | None:
    """The region for numbers printed without a country code: the country the card's evidence points to
    (ocr/extract/country.py), else `default` (the user's own region; None when there is no hint)."""
    return guess_country(segments, domains, hint=default).region
