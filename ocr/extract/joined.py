"""Words the second engine (RapidOCR) printed joined, told apart by what each side is, not by the card.

RapidOCR drops the space between words printed close together; ocr/engines/respace.py puts most back from
punctuation, character gaps and kind changes, but not where both sides are short or mixed: 'ONM5V2T6'
(province, Canadian postcode), '1015CjAmsterdam' (Dutch postcode, city), '211boulevardVoltaire' (house
number, street word, name). A break goes in at a change of kind (digit/letter) or of case (lower, then
Upper) only when both sides are known tokens of the same address, from well-kept data:
  - a subdivision's ISO code, then a postcode of its country (Google's address metadata);
  - a postcode, then a city of the same country (GeoNames), or the city first;
  - a house number, then a street word (data/street_words.txt); a street word, then a capitalised name;
  - a name, then a legal-form word ('AcmeGmbH' keeps 'GmbH' whole: it is one legal suffix).
Emails, web addresses and handles are never split (they are one word whatever is inside them), and a run
of digits, a product code or a phone number has no known token on both sides, so it stays whole.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from ocr.extract.lexicon import words
from ocr.extract.places import city_countries, postcode_patterns, subdivision_countries

# Emails, web addresses, handles: one word whatever their insides look like.
_WEB_TOKEN = re.compile(r"@|://|^(?i:www)\d?\.|\.[a-z]{2,}(?:[/.]|$)")
_EDGE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.DOTALL)
MIN_STREET_WORD = 3  # 'rue', 'via'; the two-letter ones ('st', 'rd') are ordinal endings too ('1st', '3rd')
MIN_CITY = 3
MAX_HOUSE_NUMBER = 5
MIN_COMPOUND_STREET_WORD = 5  # 'Stationsplein', 'Hauptstraße'; not 'ring' in 'Spring'


def split_joined(token: str) -> list[str]:
    """`token` split where two known tokens were printed without a space, a postcode among them spelled as
    its country writes it ('1015Cj' -> '1015' 'CJ', 'M5V2T6' -> 'M5V' '2T6'); `[token]` when none were."""
    if _WEB_TOKEN.search(token):
        return [token]
    lead, core, trail = _EDGE.match(token).groups()  # type: ignore[union-attr]
    if not core or not core.replace("-", "").isalnum():
        return [token]
    postcode = _code_then_postcode(core) or _postcode_and_city(core)
    cuts = _street(core) | _legal_suffix(core) | _city_of_words(core)
    if postcode is not None:
        cut, start, end, countries = postcode
        spelled = core[start:end].upper()
        core = core[:start] + spelled + core[end:]
        cuts |= {cut} | {start + i for i in _postcode_spaces(spelled, countries)}
    bounds = [0, *sorted(i for i in cuts if 0 < i < len(core)), len(core)]
    parts = [core[a:b] for a, b in itertools.pairwise(bounds)]
    if len(parts) == 1:
        return [token]
    parts[0], parts[-1] = lead + parts[0], parts[-1] + trail
    return parts


def _postcode_spaces(code: str, countries: set[str]) -> set[int]:
    """Where `code` (no spaces) takes the space its country prints in it: 'M5V2T6' -> {3} (Canada); a
    postcode of digits alone is left as printed ('75011': Google's pattern allows '75 011', cards do not)."""
    if code.isdigit():
        return set()
    patterns = postcode_patterns()
    return {
        i
        for i in range(1, len(code))
        if any(patterns[r].fullmatch(f"{code[:i]} {code[i:]}") for r in countries if r in patterns)
    }


def _boundaries(core: str) -> list[int]:
    """Where the kind (digit/letter) or the case (lower, then Upper) changes."""
    return [
        i
        for i in range(1, len(core))
        if core[i - 1].isalnum()
        and core[i].isalnum()
        and (core[i - 1].isdigit() != core[i].isdigit() or (core[i - 1].islower() and core[i].isupper()))
    ]


def _is_postcode(text: str, countries: set[str] | None = None) -> set[str]:
    """The countries whose postcode `text` is (letters compared upper-case: RapidOCR reads 'CJ' as 'Cj'),
    among `countries` when given; a postcode must hold a digit."""
    if not any(c.isdigit() for c in text):
        return set()
    upper = text.upper()
    patterns = postcode_patterns()
    regions = countries if countries is not None else patterns.keys()
    return {r for r in regions if r in patterns and patterns[r].fullmatch(upper)}


def _city_like(text: str) -> bool:
    return len(text) >= MIN_CITY and text.isalpha() and text[0].isupper()


# (the cut between the two tokens, the postcode's start and end, its countries)
_Postcode = tuple[int, int, int, set[str]]


def _code_then_postcode(core: str) -> _Postcode | None:
    """'ONM5V2T6' -> 'ON' 'M5V2T6': an upper-case subdivision code, then a postcode of its country."""
    for end in (2, 3):
        code = core[:end]
        if code.isalpha() and code.isupper() and len(core) > end:
            countries = _is_postcode(core[end:], subdivision_countries(code))
            if countries:
                return end, end, len(core), countries
    return None


def _postcode_and_city(core: str) -> _Postcode | None:
    """'1015CjAmsterdam' -> '1015Cj' 'Amsterdam' (and 'Amsterdam1015CJ'): a postcode and a city of one
    country; the city is capitalised where it starts."""
    for i in _boundaries(core):
        head, tail = core[:i], core[i:]
        if _city_like(tail) and (countries := _is_postcode(head, city_countries(tail))):
            return i, 0, i, countries
        if _city_like(head) and (countries := _is_postcode(tail, city_countries(head))):
            return i, i, len(core), countries
    return None


@cache
def _street_words() -> frozenset[str]:
    return frozenset(w for w in words("street_words.txt") if len(w) >= MIN_STREET_WORD and w.isalpha())


def _street(core: str) -> set[int]:
    """'211boulevardVoltaire' -> '211' 'boulevard' 'Voltaire': a house number before a street word, a
    capitalised name after one ('RueVoltaire'); the street word is a whole piece between two changes."""
    cuts = [0, *_boundaries(core), len(core)]
    pieces = [(a, b) for a, b in itertools.pairwise(cuts)]
    found: set[int] = set()
    for k, (a, b) in enumerate(pieces):
        word = core[a:b].lower()
        if word not in _street_words():
            continue
        if k > 0:
            before = core[pieces[k - 1][0] : a]
            if before.isdigit() and len(before) <= MAX_HOUSE_NUMBER and k == 1:
                found.add(a)
        after_name = k > 0 and core[a].isupper() and core[a - 1].islower()
        if after_name and len(word) >= MIN_COMPOUND_STREET_WORD - 1:
            found.add(a)  # 'FifthAvenue', 'MainStreet': a name, then the street word that ends it
        if k + 1 < len(pieces):
            after = core[b : pieces[k + 1][1]]
            if len(after) >= 2 and after[0].isupper() and after[1].islower():
                found.add(b)
    return found | _street_then_number(core, pieces)


def _street_then_number(core: str, pieces: list[tuple[int, int]]) -> set[int]:
    """'Stationsplein99' -> 'Stationsplein' '99', 'Suite5' -> 'Suite' '5': a word that is a street word, or
    ends in one of five letters or more (Dutch and German compounds), then a house number that ends the
    word (a letter after it allowed: '99a')."""
    if len(pieces) < 2 or len(pieces) > 3:
        return set()
    (a, b), (c, d) = pieces[0], pieces[1]
    word, number = core[a:b].lower(), core[c:d]
    if not word.isalpha() or not number.isdigit() or len(number) > MAX_HOUSE_NUMBER - 1:
        return set()
    if len(pieces) == 3 and not (pieces[2][1] - pieces[2][0] == 1 and core[pieces[2][0]].isalpha()):
        return set()
    compound = any(word.endswith(w) for w in _street_words() if len(w) >= MIN_COMPOUND_STREET_WORD)
    return {b} if word in _street_words() or compound else set()


def _city_of_words(core: str) -> set[int]:
    """'NewYork' -> 'New' 'York', 'HongKong': capitalised words that together are a city's name
    (GeoNames), when the word as printed is not one."""
    cuts = [i for i in _boundaries(core) if core[i - 1].islower() and core[i].isupper()]
    if not cuts or not core.isalpha() or city_countries(core):
        return set()
    bounds = [0, *cuts, len(core)]
    name = " ".join(core[a:b] for a, b in itertools.pairwise(bounds))
    return set(cuts) if city_countries(name) else set()


def _legal_suffix(core: str) -> set[int]:
    """'AcmeLLC' -> 'Acme' 'LLC': a name, then a legal-form word that ends the word."""
    for i in _boundaries(core):
        head, tail = core[:i], core[i:]
        if core[i - 1].islower() and len(head) >= 2 and tail.lower() in words("legal_suffixes.txt"):
            return {i}
    return set()
