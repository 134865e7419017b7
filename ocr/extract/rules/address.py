"""Rules for the lines of a postal address (ocr/extract/address.py uses them): what makes a line part of
an address block, and what to cut from an address line. Each proposes; address.py decides with the rest
of the block (a line that is only 'part' of an address joins a block beside a street or postcode line).

Roles proposed: 'part' (belongs to an address beside its other lines, never enough alone) and 'whole'
(a street, postcode or place line: enough to start an address on its own).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from ocr.extract.lexicon import entries
from ocr.extract.places import names_country_and_place, postcode_of_named_city, postcode_pattern
from ocr.extract.rules.rule import Rule
from ocr.extract.vocabulary import label_words

_PARTS = re.compile(r"\s*[,|·•]\s*")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@cache
def street_types() -> tuple[frozenset[str], frozenset[str]]:
    """(words that end a street's name, words that start one) from data/street_types.txt."""
    ends, starts = set(), set()
    for entry in entries("street_types.txt"):
        word, _, where = entry.partition("\t")
        (starts if where.strip() == "start" else ends).add(word.strip())
    return frozenset(ends), frozenset(starts)


def _street_named(text: str) -> Iterator[str]:
    """'SATADHAR CROSS ROAD, SOLA ROAD', 'R.C.T.I College Road': a part of the line is a street's name
    with its type word where the language puts it, printed without a house number."""
    ends, starts = street_types()
    for part in _PARTS.split(text):
        tokens = [t.strip(".").lower() for t in part.split()]
        tokens = [t for t in tokens if t]
        if len(tokens) < 2 or len(tokens) > 6:
            continue  # 'Road' alone is a word; a street has a name
        if tokens[-1] in ends or tokens[0] in starts:
            yield "part"
            return


@cache
def _landmark() -> re.Pattern[str]:
    phrases = {p for e in entries("landmark_words.txt") for p in (e, _fold(e))}
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
    return re.compile(rf"^(?:{alternation})\b\.?(?:\s|$)", re.IGNORECASE)


def _landmark_line(text: str) -> Iterator[str]:
    """'Opp. Unique City Homes', 'Próximo a Escola Astolfo': a place located by what it is near."""
    if _landmark().match(text) or _landmark().match(_fold(text)):
        yield "part"


# '4-7-339, Esamia Bazar', 'F/9, Rangoli Complex', '24, Persiaran Perdana', '76/78 Upper Ground': a house
# number in groups (Indian and Japanese numbers chain several), then a name.
_NUMBERED = re.compile(
    r"^(?:[A-Z]{0,2}[-/ ]?\d+[A-Za-z]?(?:[-/]\d+[A-Za-z]?)*,?\s+[^\W\d_]{2,}|\d+(?:st|nd|rd|th)\s+floor)",
    re.IGNORECASE,
)


def _numbered(text: str) -> Iterator[str]:
    if _NUMBERED.match(text):
        yield "part"


def _country_and_place(text: str) -> Iterator[str]:
    """'Cyprus, Limassol', 'Limassol, Cyprus': a country and one of its places, nothing else."""
    if len(text.split()) <= 5 and names_country_and_place(text):
        yield "whole"


def _city_and_postcode(text: str) -> Iterator[str]:
    """'Ahmedabad 380006', '90763 Fürth': a city and a postcode of the shape of that city's country, when
    the card's country is not known (it is then read from the city)."""
    if postcode_of_named_city(text):
        yield "whole"


@cache
def _contact_label() -> re.Pattern[str]:
    ordinary = {"bureau", "dir", "direct", "home", "main", "off", "office", "work", "standard", "tele"}
    labels = {w.rstrip(".") for w in label_words("phone", "mobile", "fax", "email", "web")}
    kept = sorted((w for w in labels if len(w) >= 2 and w not in ordinary), key=lambda w: (-len(w), w))
    alternation = "|".join(re.escape(w) for w in kept)
    return re.compile(rf"(?<=[\w.,])[\s,]+(?:{alternation})\s*[.:]\s*$", re.IGNORECASE)


def _trailing_contact_label(text: str) -> Iterator[str]:
    """'Ahmedabad 380006. Ph.': the label of the number printed after the address on the same line (the
    number itself went to the phones) is no part of the address."""
    cut = _contact_label().sub("", text)
    if cut != text:
        yield cut


# What OCR reads for each other in a postcode's letters and digits (a 1 for an I, an O for a 0).
_LOOK_ALIKES = {"0": "O", "O": "0", "1": "I", "I": "1", "L": "1", "5": "S", "S": "5", "8": "B", "B": "8"}
_UK_CODE = re.compile(r"\b([A-Z0-9]{2,4}) ([A-Z0-9]{3})\b")


def _uk_postcode_misread(text: str) -> Iterator[str]:
    """'London ECIA 1BB' -> 'London EC1A 1BB': a code one or two look-alike characters from a postcode
    Google's pattern for the UK accepts (its area letters and digit positions), the fewest changes first."""
    pattern = postcode_pattern("GB")
    if pattern is None:
        return
    for match in _UK_CODE.finditer(text):
        code = f"{match.group(1)} {match.group(2)}"
        if pattern.fullmatch(code):
            continue
        options = [(c, _LOOK_ALIKES[c]) if c in _LOOK_ALIKES else (c,) for c in code]
        repairs = sorted(
            (sum(a != b for a, b in zip(code, cand, strict=True)), cand)
            for cand in ("".join(p) for p in itertools.product(*options))
            if pattern.fullmatch(cand)
        )
        if repairs and repairs[0][0] <= 2 and (len(repairs) == 1 or repairs[1][0] > repairs[0][0]):
            yield text[: match.start()] + repairs[0][1] + text[match.end() :]
            return


# A number of an address (a postcode, a house number) with a letter read for a digit: 'CO 8O202',
# 'AHMEDABAD-38OO61', '1l0 Main St'. Only tokens of digits and look-alikes, mostly digits already.
_LOOKALIKE_TOKEN = re.compile(r"(?<![^\W_])[\dOolI|]{3,}(?![^\W_])")
_AS_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


def _address_digit_lookalikes(text: str) -> Iterator[str]:
    def fixed(match: re.Match[str]) -> str:
        token = match.group()
        digits = sum(c.isdigit() for c in token)
        return token.translate(_AS_DIGITS) if digits >= 2 and digits >= len(token) - digits else token

    repaired = _LOOKALIKE_TOKEN.sub(fixed, text)
    if repaired != text:
        yield repaired


ADDRESS_RULES = (
    Rule(
        "address.street-without-number",
        "address",
        "a part of the line ends with a street type word ('Road', 'Marg') or starts with one ('Rua', "
        "'Jalan'; data/street_types.txt), after or before at least one word of the street's name",
        _street_named,
        (
            ("SATADHAR CROSS ROAD, SOLA ROAD", "part"),
            ("Prasang Presidency, R.C.T.I College Road", "part"),
            ("Rua das Flores", "part"),
            ("Road", None),
            ("Silk Route Consulting", None),
        ),
        lambda _: True,
    ),
    Rule(
        "address.landmark",
        "address",
        "the line opens with a word saying what the place is near (data/landmark_words.txt, any accents)",
        _landmark_line,
        (
            ("Opp. Unique City Homes", "part"),
            ("Próximo a Escola Astolfo", "part"),
            ("Proximo a Escola Astolfo", "part"),
            ("Nearly New Books", None),
        ),
        lambda _: True,
    ),
    Rule(
        "address.numbered-part",
        "address",
        "a house number, in one or more groups ('4-7-339', 'F/9', '76/78'), then a name",
        _numbered,
        (
            ("4-7-339, Esamia Bazar", "part"),
            ("GF/1, CENTER PLAZA", "part"),
            ("24, Persiaran Perdana", "part"),
            ("Cloud Solutions Group", None),
        ),
        lambda _: True,
    ),
    Rule(
        "address.country-and-place",
        "address",
        "one comma part names a country (Google's names, data/countries.txt) and every other part a city or "
        "subdivision of it (GeoNames, Google)",
        _country_and_place,
        (
            ("Cyprus, Limassol", "whole"),
            ("Limassol, Cyprus", "whole"),
            ("Cyprus, Hotheads", None),
            ("Vics Hotheads Ltd", None),
        ),
        lambda _: True,
    ),
    Rule(
        "address.city-and-postcode",
        "address",
        "a part names a city (GeoNames) and the line prints a postcode of the shape Google gives that "
        "city's country",
        _city_and_postcode,
        (
            ("Ahmedabad 380006. Ph.", "whole"),
            ("Hyderabad-500 027.", "whole"),
            ("Ahmedabad since 1987 and 12", None),
            ("Quality since 1987", None),
        ),
        lambda _: True,
    ),
    Rule(
        "address.uk-postcode-misread",
        "address",
        "on a card from the UK, a code one or two look-alike characters (I/1, O/0, S/5, B/8) from a postcode "
        "that Google's UK pattern accepts, and only one such postcode is that close",
        _uk_postcode_misread,
        (
            ("London ECIA 1BB", "London EC1A 1BB"),
            ("Leeds LS1 4AP", None),
            ("Manchester M1 IAD", "Manchester M1 1AD"),
            ("ROOM 101 ABC", None),
        ),
        lambda _: True,
    ),
    Rule(
        "address.digit-lookalikes",
        "address",
        "a token of an address line made of digits and the letters OCR reads for them (O, l, I), digits "
        "at least half of it: a postcode or house number; no word is spelled so",
        _address_digit_lookalikes,
        (
            ("Denver, CO 8O202", "Denver, CO 80202"),
            ("AHMEDABAD-38OO61", "AHMEDABAD-380061"),
            ("1l0 Main Street", "110 Main Street"),
            ("COOL Office, lOl", None),
            ("Room IO1", None),
        ),
        lambda _: True,
    ),
    Rule(
        "address.trailing-contact-label",
        "address",
        "the line ends with a phone, fax, email or web label and its ':' or '.' (data/labels.json): the "
        "value it announced was taken by its own field",
        _trailing_contact_label,
        (
            ("Ahmedabad 380006. Ph.", "Ahmedabad 380006."),
            ("Ahmedabad-380006, Tel:", "Ahmedabad-380006"),
            ("Registered Office", None),
            ("Phase 2, Sector 5", None),
        ),
        lambda _: True,
    ),
)
