"""Phone numbers with `phonenumbers`: E.164, kind from the label printed next to them, region inferred."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import phonenumbers
from phonenumbers import Leniency, PhoneNumber, PhoneNumberMatcher

from ocr.extract.layout import Hit, Segment, hit
from ocr.extract.lexicon import table, words
from ocr.extract.repair import repair_digits
from ocr.types import PhoneKind

_COUNTRY_CODE = re.compile(r"(?<![\w+])\+\s?(\d{1,3})[\s.(-]")
_LABEL_WORD = re.compile(r"[^\W\d_]+\.?", re.UNICODE)
# Postcodes that look like phone fragments: Brazilian CEP '01014-000'.
_POSTCODE_LIKE = re.compile(r"^\d{5}-\d{3}$")


def _labels() -> dict[str, str]:
    return table("phone_labels.txt")


def infer_region(segments: Sequence[Segment], default: str) -> str:
    """The region for numbers printed without a country code.

    The most common '+CC' on the card wins (a card that prints +49 on one line means Germany for the
    line without it); else a country named on the card; else `default`.
    """
    codes: Counter[str] = Counter()
    countries = table("countries.txt")
    named: str | None = None
    for segment in segments:
        for code in _COUNTRY_CODE.findall(segment.raw):
            region = phonenumbers.region_code_for_country_code(int(code))
            if region != "ZZ":
                codes[region] += 1
        lowered = segment.raw.lower().strip(" .,")
        for part in re.split(r"[,|·•]\s*", lowered):
            part = part.strip(" .")
            if part in countries and named is None:
                named = countries[part]
    if codes:
        return codes.most_common(1)[0][0]
    return named or default


def _kind_near(raw: str, start: int, end: int, previous_end: int) -> tuple[PhoneKind, bool]:
    """The kind the label before the number (or, failing that, right after it) announces.

    Returns (kind, labelled). The label before must lie after the previous number on the line.
    """
    labels = _labels()
    before = _LABEL_WORD.findall(raw[previous_end:start])
    if before:
        word = before[-1].lower()
        kind = labels.get(word) or labels.get(word.rstrip("."))
        if kind:
            return kind, True  # type: ignore[return-value]
    after = raw[end:]
    next_digit = re.search(r"\d", after)
    after_words = _LABEL_WORD.findall(after[: next_digit.start()] if next_digit else after)
    if after_words:
        word = after_words[0].lower().rstrip(".")
        if word in labels and labels[word] in ("fax", "mobile"):
            return labels[word], True  # type: ignore[return-value]
    return "work", False


def _excluded(raw: str, start: int) -> bool:
    before = re.findall(r"[\w.-]+", raw[:start].lower())
    return bool(before) and before[-1].strip(".:") in words("not_phone_labels.txt")


def _e164(number: PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _accept(number: PhoneNumber, text: str, labelled: bool) -> bool:
    """Valid numbers always; merely possible ones when labelled, international or long enough."""
    if phonenumbers.is_valid_number(number):
        return True
    if not phonenumbers.is_possible_number(number) or _POSTCODE_LIKE.match(text.strip()):
        return False
    return labelled or text.lstrip().startswith("+") or _digit_count(text) >= 9


def _as_international(text: str) -> PhoneNumber | None:
    """'972-3-5115341' printed without '+': valid as an international number?"""
    try:
        number = phonenumbers.parse("+" + re.sub(r"\D", "", text), None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def find_phones(segments: Sequence[Segment], region: str) -> list[Hit]:
    """Phone numbers in reading order as Hits whose value is 'E164|kind'."""
    hits: list[Hit] = []
    seen: set[str] = set()
    for segment in segments:
        raw = _repaired(segment.raw, region)
        previous_end = 0
        previous: PhoneNumber | None = None
        for match in PhoneNumberMatcher(raw, region, leniency=Leniency.POSSIBLE):
            if _excluded(raw, match.start):
                continue
            kind, labelled = _kind_near(raw, match.start, match.end, previous_end)
            number = match.number
            if not phonenumbers.is_valid_number(number):
                gap = raw[previous_end : match.start]
                number = (
                    _as_international(match.raw_string)
                    or _shared_prefix(previous, match.raw_string, gap)
                    or number
                )
            if not _accept(number, match.raw_string, labelled):
                continue
            value = _e164(number)
            previous_end, previous = match.end, number
            if value not in seen:
                seen.add(value)
                certainty = 1.0 if phonenumbers.is_valid_number(number) else 0.75
                hits.append(hit(f"{value}|{kind}", segment, match.start, match.end, certainty))
    return hits


def _shared_prefix(previous: PhoneNumber | None, text: str, gap: str) -> PhoneNumber | None:
    """'(11) 2747-8430 / 2746-6245': a short number right after a '/' shares the previous area code."""
    if previous is None or gap.strip() not in ("/", ",", "/ ", "-"):
        return None
    digits = re.sub(r"\D", "", text)
    national = str(previous.national_number)
    if len(digits) >= len(national):
        return None
    region = phonenumbers.region_code_for_number(previous)
    candidate = phonenumbers.parse(national[: len(national) - len(digits)] + digits, region)
    return candidate if phonenumbers.is_valid_number(candidate) else None


def _repaired(raw: str, region: str) -> str:
    """The segment with digit look-alikes fixed in tokens that then make a valid number."""

    def valid(text: str) -> bool:
        return any(phonenumbers.is_valid_number(m.number) for m in PhoneNumberMatcher(text, region))

    def fix(match: re.Match[str]) -> str:
        return repair_digits(match.group(), valid) or match.group()

    return re.sub(r"[+(]?[\dOoDQlI|iSsBZzg][\dOoDQlI|iSsBZzg ()./-]{6,}[\dOoDQlI|iSsBZzg]", fix, raw)
