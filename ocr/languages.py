"""Which Tesseract languages read a card when the caller leaves the choice to the reader (lang="auto").

English alone loses accents (Jürgen -> Jurgen); reading every card with eng+deu+por restores them but turns
`@` into Q/O and costs 0.2-0.3 s a language (docs/reader.md). So the card is read in English first, its
country is inferred from that reading the way the field extractor infers it (+country code, country name,
postcode style, country domain, street words; else the caller's region), and only when that country writes
with accents and the reading has words that could carry them does one more pass, in that country's
language, supply the accents (ocr/engines/accents.py keeps emails and numbers from the English reading).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

from ocr.types import Line, Word

AUTO = "auto"  # ReadOptions.lang meaning "the reader picks": English, plus the card's accent language
BASE = "eng"

# Country -> the Tesseract language that prints its accents (Belgium and Switzerland: the larger one that
# accents more; Dutch accents are rare, but 'Ruïne'/'café' street and firm names occur).
ACCENT_LANGUAGE = {
    **dict.fromkeys(("DE", "AT", "CH", "LI"), "deu"),
    **dict.fromkeys(("FR", "BE", "LU", "MC"), "fra"),
    **dict.fromkeys(
        ("ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "UY", "PY", "BO", "CR", "PA", "GT", "DO", "CU"),
        "spa",
    ),
    **dict.fromkeys(("PT", "BR"), "por"),
    **dict.fromkeys(("IT", "SM"), "ita"),
    **dict.fromkeys(("NL",), "nld"),
}
# Letters an English reading leaves where the language prints an accented one ('StraBe' is 'Straße').
_BARE_LETTERS = {
    "deu": set("aouAOUB"),
    "fra": set("aeiouycAEIOUYC"),
    "spa": set("aeiounuAEIOUN"),
    "por": set("aeioucAEIOUC"),
    "ita": set("aeiouAEIOU"),
    "nld": set("eiouEIOU"),
}
# A province that prints another language's accents than its country is read in: Quebec's French (Canada's
# cards are otherwise read in English alone).
SUBDIVISION_LANGUAGE = {("CA", "QC"): "fra"}
_WORD = re.compile(r"^[^\W\d_]{3,}[.,]?$")  # letters only (a name, a street): numbers and emails need none
_DOMAIN = re.compile(r"(?:@|www\.|https?://)([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})")


def tesseract_languages(lang: str) -> str:
    """The languages Tesseract's first reading uses: English when the reader picks."""
    return BASE if lang == AUTO else lang


def accent_language(lines: Sequence[Line], region: str | None) -> str | None:
    """The language to take accents from for this English reading, or None when no pass is worth it."""
    from ocr.extract.layout import segments_of  # the extraction package loads its lexicons on first use
    from ocr.extract.region import infer_region

    segments = segments_of(lines)
    domains = [d for s in segments for d in _DOMAIN.findall(s.raw.lower())]
    country = infer_region(segments, region.upper() if region else None, domains)
    language = ACCENT_LANGUAGE.get(country) if country else None
    if language is None and any(where == country for where, _ in SUBDIVISION_LANGUAGE):
        named = provinces_named([s.raw for s in segments], str(country))
        spoken = [
            lang for (where, sub), lang in SUBDIVISION_LANGUAGE.items() if where == country and sub in named
        ]
        language = spoken[0] if spoken else None
    if language is None:
        return None
    words = [w for line in lines for w in line.words]
    return language if any(could_carry_accents(w, language) for w in words) else None


def provinces_named(texts: Sequence[str], country: str) -> set[str]:
    """The subdivisions (ISO codes) of `country` the card's postcodes (Google's prefixes per subdivision) and
    telephone area codes (libphonenumber's places, data/area_codes.json) point to."""
    import phonenumbers

    from ocr.extract.places import place_index, postcode_of

    subdivisions = [s for subs in place_index().iso_codes.values() for s in subs if s.country == country]
    found: set[str] = set()
    area_codes = _area_codes().get(country, {})
    for text in texts:
        if (code := postcode_of(text, country)) is not None:
            found |= {sub.iso for sub in subdivisions if sub.zip_prefix_matches(code.replace(" ", ""))}
        if area_codes and sum(c.isdigit() for c in text) >= 10:
            for match in phonenumbers.PhoneNumberMatcher(text, country):
                national = str(match.number.national_number)
                if match.number.country_code == 1 and national[:3] in area_codes:  # NANP: +1 NPA
                    found.add(area_codes[national[:3]])
    return found


@cache
def _area_codes() -> dict[str, dict[str, str]]:
    """Area code -> subdivision per country (built by scripts/build_place_data.py from libphonenumber)."""
    text = resources.files("ocr.extract").joinpath("data", "area_codes.json").read_text(encoding="utf-8")
    loaded: dict[str, dict[str, str]] = json.loads(text)
    return loaded


def could_carry_accents(word: Word, language: str) -> bool:
    """A word of letters with a letter `language` may print accented (names, streets, companies)."""
    return bool(_WORD.match(word.text)) and any(c in _BARE_LETTERS[language] for c in word.text)
