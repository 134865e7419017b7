"""Where a missed value was lost: was it in the OCR text (extraction lost it) or not (OCR lost it)?"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import phonenumbers
from rapidfuzz import fuzz

from benchmarks.score import (
    ADDRESS_THRESHOLD,
    FIELDS,
    SCALARS,
    as_list,
    field_values,
    fold,
    norm_addr,
    norm_email,
    norm_text,
    norm_web,
    social_set,
)


def _in_text(fld: str, value: Any, text: str, region: str) -> bool:
    flat = fold(text)
    squeezed = flat.replace(" ", "")
    if fld == "emails":
        return bool(value) and norm_email(value) in squeezed
    if fld == "phones":
        number = value.get("number") if isinstance(value, Mapping) else value
        try:
            nsn = str(phonenumbers.parse(str(number), region).national_number)
        except phonenumbers.NumberParseException:
            nsn = re.sub(r"\D", "", str(number))
        return bool(nsn) and nsn in re.sub(r"\D", "", text)
    if fld == "websites":
        host = (norm_web(value) or "").split("/")[0]
        return bool(host) and host in squeezed
    if fld == "social":
        handle = str(value or "").rstrip("/").rsplit("/", 1)[-1].lstrip("@").casefold()
        return bool(handle) and handle in squeezed
    if fld == "address":
        want = (norm_addr(value) or "").split()
        have = set((norm_addr(text) or "").split())
        return bool(want) and sum(t in have for t in want) >= 0.9 * len(want)
    wanted = norm_text(value) or ""
    return bool(wanted) and re.sub(r"\s+", " ", wanted) in " ".join(flat.split())


def attribute_misses(
    truth: Mapping[str, Any], pred: Mapping[str, Any] | None, text: str
) -> dict[str, list[int]]:
    """field -> [missed values, of which present in the OCR text]."""
    region = str(truth.get("region") or "US").upper()
    out: dict[str, list[int]] = {}
    for fld in FIELDS:
        if fld in SCALARS:
            g, p = field_values(truth, fld, region), field_values(pred, fld, region)
            if not g:
                continue
            same = (
                g == p if fld != "address" else bool(p) and fuzz.token_sort_ratio(g, p) >= ADDRESS_THRESHOLD
            )
            if not same:
                counts = out.setdefault(fld, [0, 0])
                counts[0] += 1
                counts[1] += _in_text(fld, truth.get(fld), text, region)
            continue
        got = field_values(pred, fld, region)
        assert isinstance(got, set)
        if fld == "social":
            social = truth.get("social")
            items = [({k: v}, v) for k, v in social.items() if v] if isinstance(social, Mapping) else []
        else:
            items = [({fld: [x]}, x) for x in as_list(truth.get(fld))]
        for one, raw in items:
            norm = social_set(one) if fld == "social" else field_values(one, fld, region)
            assert isinstance(norm, set)
            if norm and not norm <= got:
                counts = out.setdefault(fld, [0, 0])
                counts[0] += 1
                counts[1] += _in_text(fld, raw, text, region)
    return out
