"""Field extraction replayed over a card's cached OCR (benchmarks/cache.py): the same lines, the same way of
combining the engines' readings as ocr/strategy.py, today's extraction code (or a variant) on top.

What cannot be replayed from text is carried over from the recording: the lost-dot repairs (they look at
the card's pixels) are applied when replay meets the same emails the recording met.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ocr.combine import merge_extractions
from ocr.strategy import REGION_REASONS, _with_addresses_of
from ocr.types import Box, Contact, Extraction, Line, Phone, ReadOptions, Word

Extractor = Callable[..., Extraction]


def lines_from_json(rows: Sequence[Sequence[Sequence[Any]]]) -> list[Line]:
    return [
        Line(
            tuple(
                Word(t, float(c), Box(int(x), int(y), int(w), int(h)), str(e)) for t, c, x, y, w, h, e in row
            )
        )
        for row in rows
        if row
    ]


def contact_from_json(data: dict[str, Any] | None) -> Contact | None:
    if data is None:
        return None
    social = {k: v for k, v in (data.get("social") or {}).items() if v}
    return Contact(
        name=data.get("name"),
        title=data.get("title"),
        company=data.get("company"),
        department=data.get("department"),
        emails=tuple(data.get("emails") or ()),
        phones=tuple(Phone(p["number"], p.get("kind", "work")) for p in data.get("phones") or ()),
        websites=tuple(data.get("websites") or ()),
        address=data.get("address"),
        social=social,
    )


def _call(call: dict[str, Any], extract: Extractor, region: str) -> Extraction:
    found = extract(lines_from_json(call["lines"]), region=region, qr=contact_from_json(call.get("qr")))
    dots = call.get("dots")
    if dots and list(found.contact.emails) == dots[0]:
        found = replace(found, contact=replace(found.contact, emails=tuple(dots[1])))
    return found


def replay(row: dict[str, Any], extract: Extractor | None = None, region: str | None = None) -> Extraction:
    """The card's extraction from its cached readings (the last reading of the card that had lines)."""
    if extract is None:
        from ocr.extract import extract_fields

        extract = extract_fields
    region = region or ReadOptions().region
    groups = [g for g in row.get("groups") or () if g.get("calls")]
    if not groups:
        return Extraction(Contact())
    group = groups[-1]
    calls = group["calls"]
    primary = _call(calls[0], extract, region)
    if len(calls) == 1:
        return primary
    reasons = set(group.get("reasons") or ())
    if reasons and reasons <= REGION_REASONS:
        combined = _call(calls[1], extract, region)
        if len(calls) > 2:
            combined = _with_addresses_of(combined, _call(calls[2], extract, region))
        return combined
    return merge_extractions(primary, _call(calls[1], extract, region))


def all_lines(row: dict[str, Any]) -> list[list[Line]]:
    """Every reading's lines of the card's last group (Tesseract's first)."""
    groups = [g for g in row.get("groups") or () if g.get("calls")]
    return [lines_from_json(c["lines"]) for c in groups[-1]["calls"]] if groups else []
