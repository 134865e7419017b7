"""What a generated card says: the ground-truth contact and the exact strings printed for it.

The ground truth is built from the same values that are printed, so "what is drawn" and "what is expected"
cannot drift apart: every printed contact line is produced here next to the truth value it carries.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberFormat

from benchmarks.locales import (
    CITIES,
    COMPANY_STEMS,
    DEPARTMENTS,
    EMAIL_LABELS,
    EN_TITLES,
    FIRM_PATTERNS,
    LEGAL_SUFFIXES,
    LOCALES,
    PHONE_LABELS,
    SECTORS,
    STREETS,
    TAGLINES,
    TITLES,
    WEB_LABELS,
    Locale,
)

LOCALE_WEIGHTS = {
    "US": 20,
    "GB": 10,
    "DE": 14,
    "FR": 10,
    "CA": 8,
    "AU": 8,
    "ES": 8,
    "IT": 8,
    "NL": 7,
    "PT": 7,
}
_TRUNK_ZERO = {"GB", "DE", "FR", "AU", "NL"}  # printed as "+49 (0)30 ..." on some cards
_SEPARATOR_REGIONS = {"US", "CA", "FR", "ES", "IT", "PT"}  # where "212.555.0134" / "01.23.45.67.89" is common


@dataclass(frozen=True)
class Segment:
    text: str
    role: str  # "label" (drawn in the accent colour) or "value"


@dataclass(frozen=True)
class PrintedLine:
    """One line of contact text: its segments in reading order and the truth field it carries."""

    segments: tuple[Segment, ...]
    field: str  # phones, emails, websites, social, address, tagline

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class CardContent:
    locale: Locale
    name: str
    title: str | None
    department: str | None
    company: str | None
    tagline: str | None
    contact_lines: list[PrintedLine]
    address_lines: list[str]
    logo_initials: str
    icons: bool  # contact lines carry drawn icons instead of text labels
    truth: dict[str, Any] = field(default_factory=dict)
    # What benchmarks/variety.py adds for the labeller's training layouts (the base generator leaves these):
    name_printed: str | None = None  # the name as printed when it differs ('JANE DOE, PHD')
    name_alt: str | None = None  # the name in CJK script printed beside the Latin one
    title_lines: tuple[str, ...] = ()  # the title's printed lines when it takes more than one
    services: str | None = None  # a service list ('Audit • Tax • Advisory')
    logo_word: str | None = None  # a word set beside the logo mark
    title_first: bool = False  # the title printed above the name


def ascii_fold(text: str, german: bool = False) -> str:
    """Email/domain spelling of a name: umlauts become ae/oe/ue for German, other accents are dropped."""
    if german:
        for a, b in (
            ("ä", "ae"),
            ("ö", "oe"),
            ("ü", "ue"),
            ("Ä", "Ae"),
            ("Ö", "Oe"),
            ("Ü", "Ue"),
            ("ß", "ss"),
        ):
            text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _slug(text: str, german: bool) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(text, german).lower())


def _fill(template: str, rng: random.Random) -> str:
    out = []
    for ch in template:
        if ch == "X":
            out.append(str(rng.randint(0, 9)))
        elif ch == "N":
            out.append(str(rng.randint(2, 9)))
        else:
            out.append(ch)
    return "".join(out)


def make_number(loc: Locale, kind: str, rng: random.Random) -> phonenumbers.PhoneNumber:
    """A random number that libphonenumber accepts as valid for the locale (so the reader can too)."""
    plans = [t for t, k in loc.phone_plans if k == kind] or [t for t, _ in loc.phone_plans]
    cc = phonenumbers.country_code_for_region(loc.region)
    for _ in range(200):
        national = _fill(rng.choice(plans), rng)
        num = phonenumbers.parse(f"+{cc}{national}", None)
        if phonenumbers.is_valid_number(num) and phonenumbers.region_code_for_number(num) == loc.region:
            return num
    raise RuntimeError(f"no valid {kind} number for {loc.code}")  # a broken plan in locales.py


def print_number(num: phonenumbers.PhoneNumber, region: str, style: str) -> str:
    """The number as a card would print it; falls back to international format if a style would not
    parse back to the same number (the truth must stay recoverable from the print)."""
    national = phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(num, PhoneNumberFormat.INTERNATIONAL)
    if style == "intl":
        printed = intl
    elif style == "intl0" and region in _TRUNK_ZERO:
        cc, _, rest = intl.partition(" ")
        printed = f"{cc} (0){rest}"
    elif style in ("dots", "dashes") and region in _SEPARATOR_REGIONS:
        groups = re.findall(r"\d+", national)
        printed = ("." if style == "dots" else "-").join(groups)
    elif style == "intl_spaces" and region in {"US", "CA"}:
        printed = "+1 " + " ".join(re.findall(r"\d+", national))
    else:
        printed = national
    e164 = phonenumbers.format_number(num, PhoneNumberFormat.E164)
    try:
        back = phonenumbers.format_number(phonenumbers.parse(printed, region), PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        back = ""
    return printed if back == e164 else intl


def _company(loc: Locale, family: str, rng: random.Random) -> tuple[str, str]:
    """-> (company name as printed, domain stem)."""
    german = loc.lang == "de"
    roll = rng.random()
    if roll < 0.2:
        firm_family = rng.choice(loc.family)
        name = rng.choice(FIRM_PATTERNS[loc.lang]).format(f=firm_family)
        return name, _slug(firm_family, german) + rng.choice(["", "-partner", "law", "studio"])
    stem = rng.choice(COMPANY_STEMS)
    sector = rng.choice(SECTORS[loc.lang])
    suffix = rng.choice(LEGAL_SUFFIXES[loc.code])
    if roll < 0.55:
        name = f"{stem} {sector} {suffix}"
    elif roll < 0.8:
        name = f"{stem} {sector}"
    else:
        name = f"{stem} {suffix}"
    domain = _slug(stem, german) if rng.random() < 0.6 else f"{_slug(stem, german)}-{_slug(sector, german)}"
    return name, domain


def _address(loc: Locale, rng: random.Random) -> list[str]:
    street = rng.choice(STREETS[loc.code])
    no = str(rng.randint(1, 220))
    postcode, city, extra = rng.choice(CITIES[loc.code])
    c = loc.code
    if c in ("US", "CA"):
        first = f"{rng.randint(10, 9800)} {street}"
        if rng.random() < 0.35:
            first += rng.choice([", Suite ", ", Floor ", ", Unit "]) + str(rng.randint(2, 40) * 10)
        lines = [first, f"{city}, {extra} {postcode}"]
    elif c == "GB":
        lines = [f"{no} {street}", f"{city} {postcode}"]
    elif c == "AU":
        first = f"{no} {street}" if rng.random() < 0.6 else f"Level {rng.randint(2, 30)}, {no} {street}"
        lines = [first, f"{city} {extra} {postcode}"]
    elif c == "FR":
        lines = [f"{no} {street}", f"{postcode} {city.upper() if rng.random() < 0.4 else city}"]
    elif c == "ES":
        lines = [f"{street}, {no}", f"{postcode} {city}"]
    elif c == "IT":
        lines = [f"{street}, {no}", f"{postcode} {city} ({extra})"]
    elif c == "PT":
        lines = [f"{street}, {no}", f"{postcode} {city}"]
    else:  # DE, NL: street before number, postcode before city
        lines = [f"{street} {no}", f"{postcode} {city}"]
    if c != "US" and rng.random() < 0.25:
        lines.append(rng.choice(loc.country_name))
    return lines


def _labelled(label: str | None, sep: str, value: str, fld: str) -> PrintedLine:
    if not label:
        return PrintedLine((Segment(value, "value"),), fld)
    return PrintedLine((Segment(f"{label}{sep}", "label"), Segment(value, "value")), fld)


def make_content(rng: random.Random, locale_code: str | None = None) -> CardContent:
    """Draw one card's content. `rng` fully determines the result."""
    codes = list(LOCALE_WEIGHTS)
    code = locale_code or rng.choices(codes, weights=[LOCALE_WEIGHTS[c] for c in codes])[0]
    loc = LOCALES[code]
    german = loc.lang == "de"
    given, family = rng.choice(loc.given), rng.choice(loc.family)
    name = f"{given} {family}"
    if code == "US" and rng.random() < 0.12:
        name = f"{given} {rng.choice('ABCDEJKLMRST')}. {family}"

    title = None
    if rng.random() < 0.9:
        pool = EN_TITLES if loc.lang != "en" and rng.random() < 0.25 else TITLES[loc.lang]
        title = rng.choice(pool)
    department = rng.choice(DEPARTMENTS[loc.lang]) if rng.random() < 0.25 else None
    company, domain_stem = _company(loc, family, rng)
    if rng.random() < 0.05:
        company = None
    domain = domain_stem + loc.tld if company else _slug(family, german) + loc.tld
    tagline = rng.choice(TAGLINES[loc.lang]) if rng.random() < 0.2 else None

    label_style = rng.choices(["letter", "word", "none"], weights=[4, 5, 2])[0]
    sep = rng.choice([" ", ": ", "  ", " | ", ". "]) if label_style != "none" else ""
    if label_style == "letter" and sep == ". ":
        sep = " "

    def label_for(kind: str) -> str | None:
        if label_style == "none":
            return None
        labels = PHONE_LABELS[loc.lang][kind]
        short = [x for x in labels if len(x.rstrip(".")) == 1]
        pool = short if label_style == "letter" and short else [x for x in labels if x not in short] or labels
        return rng.choice(pool)

    lines: list[PrintedLine] = []
    phones: list[dict[str, str]] = []
    n_phones = rng.choices([0, 1, 2, 3], weights=[4, 45, 38, 13])[0]
    kinds = ["work", "mobile", "fax"][:n_phones]
    if n_phones == 1 and rng.random() < 0.25:
        kinds = ["mobile"]
    if label_style == "none":
        kinds = [k for k in kinds if k != "fax"]  # an icon-only fax line is unreadable to anyone
    style = rng.choice(["national", "national", "intl", "intl0", "dots", "dashes", "intl_spaces"])
    seen: set[str] = set()
    for kind in kinds:
        num = make_number(loc, kind, rng)
        if kind == "fax" and phones and rng.random() < 0.6:
            # a fax usually shares the office prefix: same number with other final digits
            base = phonenumbers.parse(phones[0]["number"], None)
            nsn = str(base.national_number)
            for _ in range(20):
                cand = phonenumbers.parse(f"+{base.country_code}{nsn[:-2]}{rng.randint(0, 99):02d}", None)
                if phonenumbers.is_valid_number(cand):
                    num = cand
                    break
        e164 = phonenumbers.format_number(num, PhoneNumberFormat.E164)
        if e164 in seen:
            continue
        seen.add(e164)
        printed = print_number(num, loc.region, style)
        lines.append(_labelled(label_for(kind), sep, printed, "phones"))
        phones.append({"number": e164, "kind": kind})
    if len(lines) >= 2 and rng.random() < 0.2:
        joined = (
            *lines[0].segments,
            Segment("  ·  " if rng.random() < 0.5 else "   ", "label"),
            *lines[1].segments,
        )
        lines[:2] = [PrintedLine(joined, "phones")]

    emails: list[str] = []
    if rng.random() < 0.92:
        g, f = _slug(given, german), _slug(family, german)
        local = rng.choice([f"{g}.{f}", f"{g[0]}.{f}", g, f"{g[0]}{f}", f"{g}_{f}", f"{g}{f}"])
        emails.append(f"{local}@{domain}")
        if rng.random() < 0.08:
            emails.append(
                f"{rng.choice(['info', 'office', 'hello', 'kontakt' if german else 'contact'])}@{domain}"
            )
    for email in emails:
        label = None
        if label_style == "letter":
            label = "E"
        elif label_style == "word":
            label = rng.choice(EMAIL_LABELS[loc.lang])
        lines.append(_labelled(label, sep, email, "emails"))

    websites: list[str] = []
    if rng.random() < 0.7:
        host = f"www.{domain}" if rng.random() < 0.75 else domain
        printed = f"https://{host}" if rng.random() < 0.12 else host
        websites.append(f"https://{host}")
        label = None
        if label_style == "letter":
            label = "W"
        elif label_style == "word" and rng.random() < 0.5:
            label = rng.choice(WEB_LABELS)
        lines.append(_labelled(label, sep, printed, "websites"))

    social: dict[str, str | None] = {"linkedin": None, "twitter": None}
    if rng.random() < 0.2:
        handle = (
            _slug(given, german)
            + _slug(family, german)
            + (str(rng.randint(1, 99)) if rng.random() < 0.3 else "")
        )
        social["linkedin"] = f"https://www.linkedin.com/in/{handle}"
        shown = rng.choice([f"linkedin.com/in/{handle}", f"www.linkedin.com/in/{handle}"])
        lines.append(_labelled("LinkedIn" if label_style != "none" else None, sep or " ", shown, "social"))
    if rng.random() < 0.12:
        handle = _slug(given, german)[:1] + _slug(family, german)
        social["twitter"] = f"@{handle}"
        lines.append(
            _labelled(rng.choice(["Twitter", "X"]), sep if sep.strip() else ": ", f"@{handle}", "social")
        )

    address_lines = _address(loc, rng) if rng.random() < 0.7 else []
    truth: dict[str, Any] = {
        "name": name,
        "title": title,
        "company": company,
        "department": department,
        "emails": emails,
        "phones": phones,
        "websites": websites,
        "address": ", ".join(address_lines) or None,
        "social": social,
        "region": loc.region,
    }
    initials = "".join(w[0] for w in (company or family).split()[:2] if w[0].isalpha()).upper() or "A"
    return CardContent(
        locale=loc,
        name=name,
        title=title,
        department=department,
        company=company,
        tagline=tagline,
        contact_lines=lines,
        address_lines=address_lines,
        logo_initials=initials,
        icons=label_style == "none",
        truth=truth,
    )
