"""Phone numbers with `phonenumbers`: E.164, kind from the label printed next to them, region inferred."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumber, PhoneNumberMatcher

from ocr.extract.layout import Hit, Segment, hit
from ocr.extract.lexicon import words
from ocr.extract.repair import repair_digits
from ocr.extract.vocabulary import confusion, phone_label_kinds
from ocr.types import PhoneKind

_DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
_DIGIT_GROUP = re.compile(r"\+?\(?\d[\d().-]*")
_LABEL_WORD = re.compile(r"[^\W\d_]+\.?", re.UNICODE)
# Postcodes that look like phone fragments: Brazilian CEP '01014-000'.
_POSTCODE_LIKE = re.compile(r"^\d{5}-\d{3}$")


def _labels() -> dict[str, str]:
    return phone_label_kinds()


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
    """A tax/company id or a postcode ('VAT 513191668', 'D-26723 Emden'), not a phone number."""
    if re.search(r"\b[A-Z]{1,2}-$", raw[:start]):
        return True
    before = re.findall(r"[\w.-]+", raw[:start].lower())
    return bool(before) and before[-1].strip(".:") in words("not_phone_labels.txt")


def _e164(number: PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _accept(number: PhoneNumber, text: str, labelled: bool) -> bool:
    """Valid numbers always; merely possible ones when labelled, international or long enough."""
    digits = _digit_count(text)
    if phonenumbers.is_valid_number(number):
        return digits >= 7
    if not phonenumbers.is_possible_number(number) or _POSTCODE_LIKE.match(text.strip()) or digits < 8:
        return False
    return labelled or text.lstrip().startswith("+") or digits >= 9


def _as_international(text: str) -> PhoneNumber | None:
    """'972-3-5115341' printed without '+': valid as an international number?"""
    try:
        number = phonenumbers.parse("+" + re.sub(r"\D", "", text), None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    text: str
    number: PhoneNumber


def _parse_valid(text: str, region: str) -> PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return number
    return _as_international(text) if not text.lstrip().startswith("+") else None


def _split_run(raw: str, run: re.Match[str], region: str) -> list[_Candidate]:
    """'650 321 3900 650 321 3902': the digit groups cut into valid numbers.

    Of all the ways to cut, the one that covers the most digits with the fewest numbers wins (taking the
    shortest valid number first would cut '02 5265 0728 347 835 5336' after '02 5265').
    """
    groups = list(_DIGIT_GROUP.finditer(raw, run.start(), run.end()))
    best: dict[int, tuple[int, int, list[_Candidate]]] = {len(groups): (0, 0, [])}
    for i in range(len(groups) - 1, -1, -1):
        covered, count, chosen = best[i + 1]
        best[i] = (covered, count, chosen)  # group i belongs to no number
        for j in range(i, min(len(groups), i + 7)):
            start, end = groups[i].start(), groups[j].end()
            text = raw[start:end]
            digits = _digit_count(text)
            if digits > 15:
                break
            number = _parse_valid(text, region) if digits >= 7 else None
            if number is None:
                continue
            rest_covered, rest_count, rest = best[j + 1]
            option = (digits + rest_covered, rest_count + 1, [_Candidate(start, end, text, number), *rest])
            if (option[0], -option[1]) > (best[i][0], -best[i][1]):
                best[i] = option
    return best[0][2]


def _candidates(raw: str, region: str) -> list[_Candidate]:
    """Numbers in a segment: phonenumbers' matches, or for a run of digit groups the cut into valid
    numbers when it covers more digits ('0161 635 3732 07727 525587' is two numbers, not one)."""
    matched = [
        _Candidate(m.start, m.end, m.raw_string, m.number)
        for m in PhoneNumberMatcher(raw, region, leniency=Leniency.POSSIBLE)
    ]
    valid = [c for c in matched if phonenumbers.is_valid_number(c.number) or _as_international(c.text)]
    for run in _DIGIT_RUN.finditer(raw):
        inside = [c for c in valid if c.start < run.end() and run.start() < c.end]
        split = _split_run(raw, run, region)
        if sum(_digit_count(c.text) for c in split) > sum(_digit_count(c.text) for c in inside):
            valid = [c for c in valid if c not in inside] + split
    taken = [(c.start, c.end) for c in valid]
    rest = [c for c in matched if not any(c.start < e and s < c.end for s, e in taken)]
    return sorted(valid + rest, key=lambda c: c.start)


def find_phones(segments: Sequence[Segment], region: str | None) -> list[Hit]:
    """Phone numbers in reading order as Hits whose value is 'E164|kind'; with no region known, a number
    printed without '+' is kept as its printed digits ('digits|kind'), never dropped."""
    hits: list[Hit] = []
    seen: set[str] = set()
    for segment in segments:
        if _digit_count(segment.raw) < 6:
            continue  # too few digits for any number, even with look-alikes repaired
        if region is None:
            for found in _printed_numbers(segment):
                if found.value.split("|", 1)[0] not in seen:
                    seen.add(found.value.split("|", 1)[0])
                    hits.append(found)
            continue
        raw = _repaired(segment.raw, region)
        previous_end = 0
        previous: PhoneNumber | None = None
        for candidate in _candidates(raw, region):
            if _excluded(raw, candidate.start):
                continue
            kind, labelled = _kind_near(raw, candidate.start, candidate.end, previous_end)
            number = candidate.number
            if not phonenumbers.is_valid_number(number):
                gap = raw[previous_end : candidate.start]
                number = (
                    _as_international(candidate.text)
                    or _shared_prefix(previous, candidate.text, gap)
                    or number
                )
            if _accept(number, candidate.text, labelled):
                value = _e164(number)
            elif kept := _kept_as_possible(number, candidate.text, labelled):
                value = kept
            else:
                continue
            previous_end, previous = candidate.end, number
            if value not in seen:
                seen.add(value)
                certainty = 1.0 if phonenumbers.is_valid_number(number) else 0.75
                hits.append(hit(f"{value}|{kind}", segment, candidate.start, candidate.end, certainty))
    if region is not None:
        for found in _across_lines(segments, region, {h.segment.order for h in hits}):
            if found.value.split("|", 1)[0] not in seen:
                seen.add(found.value.split("|", 1)[0])
                hits.append(found)
    return hits


_TRAILING_DIGITS = re.compile(r"\+?\(?\d[\d\s().-]*$")
_DIGITS_ONLY = re.compile(r"^[\d\s().-]+$")


def _across_lines(segments: Sequence[Segment], region: str, with_numbers: set[int]) -> list[Hit]:
    """'M +33 6 1239' over '46 76': a labelled number OCR cut into two lines (a tilted photo), the piece
    on the next line read before or after it; kept only when the two make a valid number of the card's
    country and neither line gave a number of its own."""
    found = []
    for a, b in itertools.pairwise(segments):
        if b.line_index != a.line_index + 1 or a.order in with_numbers or b.order in with_numbers:
            continue
        tail = _TRAILING_DIGITS.search(a.raw)
        if tail is None or not _DIGITS_ONLY.match(b.raw) or not _overlaps(a, b):
            continue
        kind, labelled = _kind_near(a.raw, tail.start(), tail.end(), 0)
        piece = b.raw.strip()
        if not labelled or _digit_count(tail.group()) + _digit_count(piece) > 15:
            continue
        orders = [f"{tail.group()} {piece}"] + (
            [] if tail.group().startswith("+") else [f"{piece} {tail.group()}"]
        )
        for text in orders:
            try:
                number = phonenumbers.parse(text, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                found.append(hit(f"{_e164(number)}|{kind}", a, tail.start(), tail.end(), 0.75))
                break
    return found


def _overlaps(a: Segment, b: Segment) -> bool:
    """The two segments share a column of the card."""
    return a.box.left < b.box.right and b.box.left < a.box.right


def same_number(a: str, b: str) -> bool:
    """Whether two phone values are one number: equal, or printed digits ('2125550134', '0161 635 3732')
    that are the national number of the other's E.164 ('+12125550134', '+441616353732')."""
    if a == b:
        return True
    printed, e164 = (a, b) if b.startswith("+") else (b, a)
    if printed.startswith("+") or not e164.startswith("+"):
        return False
    try:
        national = str(phonenumbers.parse(e164, None).national_number)
    except phonenumbers.NumberParseException:
        return False
    return re.sub(r"\D", "", printed).lstrip("0") == national


def _kept_as_possible(number: PhoneNumber, text: str, labelled: bool) -> str | None:
    """The value of a number the country's metadata does not know but whose length it dials, or None.

    A possible length ('2332 6410' under a label, or long enough to be no postcode or date) keeps the
    number in E.164; a length dialled only locally (without the area code) keeps its printed digits,
    from 8 digits on: a 7-digit run is as often a number cut short by the photo ('719-387-8')."""
    digits = _digit_count(text)
    if not 7 <= digits <= 15 or _POSTCODE_LIKE.match(text.strip()):
        return None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE and (labelled or digits >= 8):
        return _e164(number)
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY and digits >= 8:
        return re.sub(r"\D", "", text)
    return None


def _printed_numbers(segment: Segment) -> list[Hit]:
    """The numbers of a segment when no country is known: '+CC' ones in E.164, the others as printed
    digits (leading zero kept) when labelled or long enough to be no postcode, date or house number; a
    '+CC' number with a letter read for a digit ('+1 (2O1) 555-0134') is read repaired when it validates."""
    raw = _repaired(segment.raw, None)
    hits: list[Hit] = []
    previous_end = 0
    for run in _DIGIT_RUN.finditer(raw):
        text = run.group()
        digits = re.sub(r"\D", "", text)
        if _excluded(raw, run.start()) or _POSTCODE_LIKE.match(text.strip()) or not 7 <= len(digits) <= 15:
            continue
        kind, labelled = _kind_near(raw, run.start(), run.end(), previous_end)
        if text.startswith("+"):
            try:
                number = phonenumbers.parse(text, None)
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_possible_number(number):
                continue
            value, certainty = _e164(number), (1.0 if phonenumbers.is_valid_number(number) else 0.75)
        elif labelled or len(digits) >= 8:
            value, certainty = digits, 0.6
        else:
            continue
        previous_end = run.end()
        hits.append(hit(f"{value}|{kind}", segment, run.start(), run.end(), certainty))
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


def _repaired(raw: str, region: str | None) -> str:
    """The segment with digit look-alikes fixed in tokens that then make a valid number (of `region`, or
    with no region, a valid '+CC' number). Each repair keeps the text's length: spans stay where they were."""

    def valid(text: str) -> bool:
        return any(phonenumbers.is_valid_number(m.number) for m in PhoneNumberMatcher(text, region))

    def possible(text: str) -> bool:
        digits = re.sub(r"\D", "", text)
        if region is None or not 7 <= len(digits) <= 15:
            return False
        try:
            return phonenumbers.is_possible_number(phonenumbers.parse(text, region))
        except phonenumbers.NumberParseException:
            return False

    def fix(match: re.Match[str]) -> str:
        repaired = repair_digits(match.group(), valid) or _repaired_in_two(match.group(), valid)
        # Under a phone label ('Tel 233264l0') a number the country dials but its metadata does not know
        # is repaired too: it is kept as possible (_kept_as_possible) once its digits are digits.
        if repaired is None and _kind_near(raw, match.start(), match.end(), 0)[1]:
            repaired = repair_digits(match.group(), possible)
        return repaired or match.group()

    # A run starts with a real digit (or '+', '('), so a label such as 'Cell' keeps its letters.
    return _lookalike_run().sub(fix, raw)


def _repaired_in_two(text: str, valid: Callable[[str], bool]) -> str | None:
    """'650 32l 3900 650 32l 3902': two numbers in one run of digits, each repaired and valid on its own
    (the run as a whole is no number phonenumbers' matcher finds)."""
    for gap in re.finditer(r"\s+", text):
        halves = text[: gap.start()], text[gap.end() :]
        fixed = [repair_digits(half, valid) or (half if valid(half) else None) for half in halves]
        if fixed[0] and fixed[1] and (fixed[0], fixed[1]) != halves:
            return fixed[0] + gap.group() + fixed[1]
    return None


@cache
def _lookalike_run() -> re.Pattern[str]:
    """Digits and the letters read for them (data/confusions.json digit_lookalikes), in a phone-long run."""
    digit = r"\d" + re.escape("".join(confusion("digit_lookalikes")))
    # A national number's leading 0 or 1s read as letters start a run too, before a digit, and so does an
    # area code in brackets whatever its first digit was read as ('(l1) 2349-4316').
    area_code = rf"\((?=[{digit}]{{1,4}}\))"
    leading = r"(?<![^\W\d_])[OolI|]{1,2}(?=[ .-]?\d)"  # 'O121 239 7150', 'l1 2345 2883', 'll 2347 8191'
    return re.compile(rf"(?:[+(]?\d|{leading}|{area_code})[{digit} ()./-]{{5,}}[{digit}]")
