"""The card's country, weighed from everything it prints, with Google's address metadata and phonenumbers'.

Each kind of evidence adds to a score per country (weights in `_WEIGHTS`): a '+CC' phone prefix, a
country named in the text, a subdivision named (Gujarat, Selangor, 서울특별시), a state code beside a
postcode of that country's shape (CA 94306), a postcode only few countries write that way (SE1 9PZ,
01014-000) or one that starts like the named subdivision's postcodes, the email/web domains' country
TLD, the script of the text (Hangul, Kana, Devanagari), street words of one language, and finally how
many of the numbers printed without '+' are valid numbers there. The best country wins when its evidence
is worth at least `_MIN_SCORE`; otherwise the caller's hint (the user's own region), else nobody knows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import phonenumbers

from ocr.extract.layout import Segment
from ocr.extract.lexicon import table
from ocr.extract.places import (
    ADDRESS_PARTS,
    ALNUM_CODE,
    Subdivision,
    fold_place,
    is_cjk,
    place_index,
)
from ocr.extract.rules import rule
from ocr.extract.text import word_core
from ocr.extract.vocabulary import phone_label_kinds

_WEIGHTS = {
    "phone_prefix": 3.0,  # each printed '+CC' number (at most two count)
    "country_name": 4.0,
    "subdivision": 1.5,  # shared by the countries that have a subdivision of that name
    "city": 2.0,  # shared by population among the countries with a city of that name
    "state_and_postcode": 3.0,
    "postcode_shape": 2.0,  # shared by the countries whose pattern the postcode matches
    "postcode_in_subdivision": 2.0,
    "domain": 2.0,
    "script": 3.0,  # scaled by the script's share in data/script_regions.txt
    "street_words": 1.0,
    "valid_numbers": 1.5,  # times the share of the national numbers valid there
    "hint": 1.0,  # the user's own region, when given
}
_MIN_SCORE = 1.5
_INTERNATIONAL = re.compile(r"(?<![\w+])\+\s?\d[\d\s().-]{5,}\d")
_NATIONAL = re.compile(r"(?<![\w+\d])\(?\d[\d\s().-]{5,}\d")
# Postcode-like tokens: digit groups ('94306', '01014-000', '380 009', '100-6921') or letter-digit codes.
_DIGIT_CODE = re.compile(r"(?<![\w-])(\d{3}(?:[ -]?\d{2,4})?|\d{4,6}(?:-\d{3,4})?)(?![\w-])")
_STATE_THEN_CODE = re.compile(r"\b([A-Z]{2,3})[ ,]+(\d{4,6}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b")


class _Add(Protocol):
    """guess_country's add(): evidence of one kind for one region."""

    def __call__(self, region: str, kind: str, share: float = 1.0, what: str = "") -> None: ...


@dataclass(frozen=True)
class CountryGuess:
    """The country the card is from (None when nothing says), with the scores behind the choice."""

    region: str | None
    scores: dict[str, float] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()


@cache
def _script_regions() -> dict[str, list[tuple[str, float]]]:
    """Unicode script (first word of a letter's name) -> [(region, share)] from data/script_regions.txt."""
    out: dict[str, list[tuple[str, float]]] = {}
    for script, spec in table("script_regions.txt").items():
        pairs = [p.split(":") for p in spec.split()]
        out[script.upper()] = [(region, float(share)) for region, share in pairs]
    return out


def guess_country(
    segments: Sequence[Segment], domains: Iterable[str] = (), hint: str | None = None
) -> CountryGuess:
    """The card's country from all its evidence; `hint` (the user's region) counts as weak evidence."""
    scores: Counter[str] = Counter()
    evidence: list[str] = []
    hint = hint.upper() if hint and hint.upper() in phonenumbers.SUPPORTED_REGIONS else None

    def add(region: str, kind: str, share: float = 1.0, what: str = "") -> None:
        scores[region] += _WEIGHTS[kind] * share
        evidence.append(f"{kind}:{region}:{what}")

    _phone_prefixes(segments, add)
    texts = [_without_contact_values(s.raw) for s in segments if "@" not in s.raw]
    _places(texts, add)
    _cities(texts, add)
    _postcodes(texts, add)
    for domain in set(domains):
        region = table("tld_regions.txt").get(domain.rsplit(".", 1)[-1].lower())
        if region:
            add(region, "domain", what=domain)
    _scripts(" ".join(s.raw for s in segments), add)
    _street_words(texts, add)
    if hint:
        add(hint, "hint")
    _valid_numbers(segments, list(scores), add)
    if not scores:
        return CountryGuess(None)
    region, best = scores.most_common(1)[0]
    chosen = region if best >= _MIN_SCORE else hint
    return CountryGuess(chosen, {r: round(s, 2) for r, s in scores.items()}, tuple(evidence))


_LONG_NUMBER = re.compile(r"\+?\(?\d[\d\s().-]{7,}\d")
_WEB = re.compile(r"\S*(?:www|https?:|\.com)\S*", re.IGNORECASE)


def _without_contact_values(raw: str) -> str:
    """The line without web addresses and phone-length digit runs: their digits are no postcodes."""
    kept = _WEB.sub(" ", raw)
    return _LONG_NUMBER.sub(lambda m: m.group() if sum(c.isdigit() for c in m.group()) < 10 else " ", kept)


def _phone_prefixes(segments: Sequence[Segment], add: _Add) -> None:
    codes: Counter[str] = Counter()
    for segment in segments:
        for printed in _INTERNATIONAL.findall(segment.raw):
            try:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(printed, None))
            except phonenumbers.NumberParseException:
                continue
            if region and region != "ZZ":
                codes[region] += 1
    for region, count in codes.items():
        add(region, "phone_prefix", min(count, 2), f"+{count}")


def _places(texts: Sequence[str], add: _Add) -> None:
    """Country and subdivision names: whole words in Latin text, substrings in CJK text."""
    index = place_index()
    named: set[str] = set()
    for text in texts:
        lowered = rule("text.capital-i-read-as-l").rewrite(text).lower()  # 'Gujarat, lndia'
        for phrase in _phrases(lowered):
            if phrase in index.names and phrase not in named:
                named.add(phrase)
                add(index.names[phrase], "country_name", what=phrase)
            subs = index.subdivisions.get(phrase)
            if subs and phrase not in named:
                named.add(phrase)
                for sub in subs:
                    add(sub.country, "subdivision", 1 / len(subs), phrase)
        for name, subs in _cjk_subdivisions().items():
            if name in text and name not in named:
                named.add(name)
                for sub in subs:
                    add(sub.country, "subdivision", 1 / len(subs), name)


def _cities(texts: Sequence[str], add: _Add) -> None:
    """A part of an address line that is a city's whole name ('…, Ahmedabad - 380006', '90763 Fürth'),
    from GeoNames' cities (data/cities.tsv); a line of one part counts only when it carries a number."""
    cities = table("cities.tsv")
    labels = phone_label_kinds()
    for text in texts:
        parts = [p for p in ADDRESS_PARTS.split(text) if p]
        if len(parts) < 2 and not any(c.isdigit() for c in text):
            continue
        for part in parts:
            name = fold_place(re.sub(r"[\d.:]+", " ", part))
            if name not in cities:  # 'Perth WA 6000': the city before a state code
                name = fold_place(re.sub(r"(?:\s+[A-Z]{2,3})+\s*$", "", re.sub(r"[\d.:]+", " ", part)))
            if name in cities and name not in labels:  # 'Mobile: 2156 6652' names no city
                for pair in cities[name].split():
                    region, share = pair.split(":")
                    add(region, "city", float(share), name)


def _phrases(lowered: str) -> set[str]:
    """Runs of one to four words of a line, for matching names of places."""
    tokens = re.findall(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*\.?", lowered)
    return {" ".join(tokens[i:j]).rstrip(".") for i in range(len(tokens)) for j in range(i + 1, i + 5)}


@cache
def _cjk_subdivisions() -> dict[str, list[Subdivision]]:
    return {k: v for k, v in place_index().subdivisions.items() if any(is_cjk(c) for c in k)}


def _postcodes(texts: Sequence[str], add: _Add) -> None:
    """Postcodes of a distinctive shape, state codes beside a postcode, postcodes of a named subdivision."""
    index = place_index()
    phone_labels = phone_label_kinds()
    for text in texts:
        # Specks OCR reads beside a label count for nothing ('‘Tel: 867 873 4969').
        words = [word_core(w) for w in text.lower().split()]
        if any(
            w in phone_labels and sum(c.isdigit() for c in " ".join(words[i + 1 :])) >= 7
            for i, w in enumerate(words)
        ):
            continue  # 'Tel 802 4567': a number, not a postcode ('Perth WA 6000': 'WA' is no WhatsApp)
        upper = text.upper()
        for match in _STATE_THEN_CODE.finditer(upper):
            state, code = match.groups()
            fitting = [
                sub
                for sub in index.iso_codes.get(state, ())
                if (pattern := index.zips.get(sub.country)) and pattern.fullmatch(code)
            ]
            # A postcode that starts like the state's own (Google's prefixes) settles which country's state.
            agreeing = [sub for sub in fitting if sub.zip_prefix_matches(code)]
            for sub in agreeing or fitting:
                add(sub.country, "state_and_postcode", 1 / len(agreeing or fitting), match.group())
        codes = [m.group(1) for m in ALNUM_CODE.finditer(text)] + [
            m.group(1) for m in _DIGIT_CODE.finditer(upper)
        ]
        for code in codes:
            if sum(c.isalpha() for c in upper.replace(code, "")) < 3:
                continue  # a number alone on its line is a phone number more often than a postcode
            fits = [c for c, pattern in index.zips.items() if pattern.fullmatch(code)]
            compact = code.replace(" ", "")
            if not fits and compact != code:  # Indian PINs printed '380 009'
                fits = [c for c, pattern in index.zips.items() if pattern.fullmatch(compact)]
                code = compact
            if fits and len(fits) <= 3:
                for region in fits:
                    add(region, "postcode_shape", 1 / len(fits), code)
            lowered = text.lower()
            for region in fits:
                for sub in _subdivisions_named(lowered, region):
                    if sub.zip_prefix_matches(code):
                        add(region, "postcode_in_subdivision", what=f"{code} {sub.iso}")


def _subdivisions_named(lowered: str, region: str) -> list[Subdivision]:
    """The subdivisions of `region` named anywhere in the line."""
    return [
        sub
        for phrase in _phrases(lowered)
        for sub in place_index().subdivisions.get(phrase, ())
        if sub.country == region
    ]


def _scripts(text: str, add: _Add) -> None:
    """Letters of a script few countries write ('서울' -> KR, 'ગુજરાત' -> IN): a share per script."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha() and ord(char) > 0x24F:
            counts[unicodedata.name(char, "? ").split(" ")[0]] += 1
    regions = _script_regions()
    for script, count in counts.items():
        if count >= 2 and script in regions:
            for region, share in regions[script]:
                add(region, "script", share, script)


def _street_words(texts: Sequence[str], add: _Add) -> None:
    """'Calle de Alcalá 42' -> ES: street words (or endings) of one language, on lines with a number."""
    regions = table("street_regions.txt")
    for text in texts:
        if not any(c.isdigit() for c in text):
            continue
        for word in text.lower().replace(",", " ").split():
            ending = (r for w, r in regions.items() if len(w) >= 4 and word.endswith(w))
            hit = regions.get(word) or next(ending, None)
            if hit:
                add(hit, "street_words", what=word)


def _valid_numbers(segments: Sequence[Segment], candidates: Sequence[str], add: _Add) -> None:
    """Of the countries with some evidence, those where the numbers printed without '+' are valid."""
    printed = [
        m.group()
        for s in segments
        for m in _NATIONAL.finditer(_INTERNATIONAL.sub(" ", s.raw))
        if 7 <= sum(c.isdigit() for c in m.group()) <= 12
    ]
    if not printed or not candidates:
        return
    for region in candidates:
        valid = sum(_valid_in(number, region) for number in printed)
        if valid:
            add(region, "valid_numbers", valid / len(printed), f"{valid}/{len(printed)}")


def _valid_in(text: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False
