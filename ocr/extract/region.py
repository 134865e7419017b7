"""Which country a card is from, for phone numbers printed without a country code."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import phonenumbers

from ocr.extract.address import postcode_region
from ocr.extract.layout import Segment
from ocr.extract.lexicon import table

_INTERNATIONAL = re.compile(r"(?<![\w+])\+\s?\d[\d\s().-]{5,}\d")


def _printed_country_codes(segments: Sequence[Segment]) -> Counter[str]:
    codes: Counter[str] = Counter()
    for segment in segments:
        for printed in _INTERNATIONAL.findall(segment.raw):
            try:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(printed, None))
            except phonenumbers.NumberParseException:
                continue
            if region and region != "ZZ":
                codes[region] += 1
    return codes


def _named_country(segments: Sequence[Segment]) -> str | None:
    countries = table("countries.txt")
    for segment in segments:
        for part in re.split(r"[,|·•]\s*", segment.raw.lower()):
            part = part.strip(" .")
            if part in countries:
                return countries[part]
    return None


def _domain_country(domains: Iterable[str]) -> str | None:
    """'ferretti.it' -> IT, 'wilson.com.au' -> AU; generic or fashionable TLDs (.io, .ai) say nothing."""
    regions = table("tld_regions.txt")
    found = Counter(regions[d.rsplit(".", 1)[-1]] for d in domains if d.rsplit(".", 1)[-1] in regions)
    return found.most_common(1)[0][0] if found else None


def _street_language(segments: Sequence[Segment]) -> str | None:
    """'Calle de Alcalá' -> ES, 'Keizersgracht 45' -> NL: street words (or endings) of one language."""
    regions = table("street_regions.txt")
    found: Counter[str] = Counter()
    for segment in segments:
        if not any(c.isdigit() for c in segment.raw):
            continue  # a street line carries its number
        for word in segment.raw.lower().replace(",", " ").split():
            ending = (r for w, r in regions.items() if len(w) >= 4 and word.endswith(w))  # 'Keizersgracht'
            hit = regions.get(word) or next(ending, None)
            if hit:
                found[hit] += 1
    return found.most_common(1)[0][0] if found else None


def infer_region(segments: Sequence[Segment], default: str, domains: Iterable[str] = ()) -> str:
    """The region for numbers printed without a country code, from the strongest evidence on the card.

    In order: the most common '+CC' printed (a card that prints +49 on one line means Germany for the
    line without it); a country named on the card; a postcode only one country writes that way
    ('M1 1AE', 'M5B 2L7', 'VIC 3000', 'NY 10018', 'D-26723'); the country of the email/web domains;
    street words of one language ('Calle', 'Keizersgracht'); else `default` (the user's own region).
    """
    codes = _printed_country_codes(segments)
    if codes:
        return codes.most_common(1)[0][0]
    by_postcode = Counter(r for s in segments if (r := postcode_region(s.raw)))
    return (
        _named_country(segments)
        or (by_postcode.most_common(1)[0][0] if by_postcode else None)
        or _domain_country(domains)
        or _street_language(segments)
        or default
    )
