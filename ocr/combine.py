"""One reading from two engines: Tesseract's and RapidOCR's, field by field.

Two steps, both pure:
  - `adopt_reference_spelling`: where RapidOCR's words equal Tesseract's up to spaces, accents and case,
    take Tesseract's spelling ('VIJAYCHANDRASEKHAR' -> 'VIJAY CHANDRASEKHAR', 'Geschaftsfuhrer' ->
    'Geschäftsführer'): RapidOCR drops both, Tesseract keeps them. Done on lines, before extraction, so
    the name and address rules see real words.
  - `merge_extractions`: each engine's text goes through field extraction on its own; then each field takes
    the candidate that validates (email, phone, web address parse) and scores best, and its confidence says
    whether the engines agreed: a value both read is surer than a value one read, and a value they
    disagreed on is less sure than either engine alone thought.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

import phonenumbers
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ocr.extract.crosscheck import handle_agrees, handle_of
from ocr.extract.validators import under_second_level_suffix, valid_email, valid_phone, valid_website
from ocr.extract.vocabulary import label_words
from ocr.types import Box, Contact, Extraction, Line, Phone, PhoneKind, ValueReading, Word

COMMON_TLDS = frozenset({"com", "org", "net", "info", "biz", "io", "ai", "app", "dev", "edu", "gov"})
SCALAR_FIELDS = ("name", "title", "company", "department", "address")
MAX_SPAN_WORDS = 6
# A value the engines read differently keeps this share of its engine's confidence.
DISAGREEMENT_FACTOR = 0.8
# Two valid values this similar (0-100) are one value misread, not two values: keep one.
SAME_VALUE_SIMILARITY = 90.0
# Read from one place on the card (this much of the smaller box inside the other), two values this alike
# are one printed value that an engine misread (a digit or two of a phone number, a host's letters;
# docs/reader.md, "One value, one place").
ONE_PLACE = 0.5
ONE_PLACE_SIMILARITY = 70.0
# Tesseract's extraction is the tuned one; the second engine's free-text candidate must do better than this.
PRIMARY_PREFERENCE = 0.05
# Small bonus for a scalar that other fields corroborate (a name in the email, a company in the domain).
CORROBORATION_BONUS = 0.2


# ---------------------------------------------------------------------------------------------- spelling


def fold(text: str) -> str:
    """Comparison key: no accents, no case, no spaces ('Geschäfts führer' == 'GESCHAFTSFUHRER')."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", "", plain).casefold()


def _core(text: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation)."""
    match = re.fullmatch(r"([^\w]*)(.*?)([^\w]*)", text, flags=re.DOTALL)
    assert match is not None  # the pattern matches any string
    return match.group(1), match.group(2), match.group(3)


# A lone capital before a lower-case word ('M urata') is Tesseract splitting a word, not a space to copy.
_FRAGMENT = re.compile(r"(?:^|\s)[A-Z] [a-z]")


def adopt_reference_spelling(lines: Sequence[Line], reference: Sequence[Line]) -> list[Line]:
    """`lines` with every run of words that equals a run of `reference` words up to spaces, accents and
    case replaced by the reference's words (their spelling, boxes split over the run's box)."""
    spellings = _reference_spellings(reference)
    return [_respell(line, spellings) for line in lines] if spellings else list(lines)


def _reference_spellings(reference: Sequence[Line]) -> dict[str, tuple[str, ...]]:
    spellings: dict[str, tuple[str, ...]] = {}
    for line in reference:
        texts = [w.text for w in line.words]
        for i in range(len(texts)):
            for j in range(i + 1, min(i + MAX_SPAN_WORDS, len(texts)) + 1):
                _, core, _ = _core(" ".join(texts[i:j]))
                key = fold(core)
                if len(key) >= 3 and not _FRAGMENT.search(core):
                    spellings.setdefault(key, tuple(core.split(" ")))
    return spellings


def _respell(line: Line, spellings: dict[str, tuple[str, ...]]) -> Line:
    words = list(line.words)
    out: list[Word] = []
    i = 0
    while i < len(words):
        for j in range(min(i + MAX_SPAN_WORDS, len(words)), i, -1):
            lead, core, trail = _core(" ".join(w.text for w in words[i:j]))
            spelled = spellings.get(fold(core))
            if spelled is not None and len(fold(core)) >= 3:
                texts = list(spelled)
                texts[0] = lead + texts[0]  # one after the other: a one-word spelling takes both
                texts[-1] = texts[-1] + trail
                out.extend(
                    _spread(words[i:j], texts) if texts != [w.text for w in words[i:j]] else words[i:j]
                )
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return Line(tuple(out))


def _spread(words: Sequence[Word], texts: Sequence[str]) -> list[Word]:
    """New words `texts` over the box of `words`, each as wide as its share of the characters."""
    left = min(w.box.left for w in words)
    right = max(w.box.right for w in words)
    top = min(w.box.top for w in words)
    bottom = max(w.box.bottom for w in words)
    confidence = round(sum(w.confidence for w in words) / len(words), 3)
    total = sum(len(t) for t in texts) + len(texts) - 1
    per_char = (right - left) / max(total, 1)
    spread, x = [], float(left)
    for text in texts:
        width = max(round(len(text) * per_char), 1)
        spread.append(Word(text, confidence, Box(round(x), top, width, bottom - top), words[0].engine))
        x += (len(text) + 1) * per_char
    return spread


# ---------------------------------------------------------------------------------------------- fields


def agreed_confidence(first: float, second: float) -> float:
    """Two independent readings of the same value: surer than either ('noisy or')."""
    return round(1 - (1 - first) * (1 - second), 3)


def merge_extractions(primary: Extraction, secondary: Extraction) -> Extraction:
    """One extraction from Tesseract's (`primary`) and the second engine's (`secondary`).

    Scalars: equal up to spaces/accents/case -> the primary's spelling (with accents only the second has),
    with agreed confidence; different ->
    the better corroborated / more confident one, with confidence lowered; one only -> that one.
    Lists: values that validate, near-duplicates (one character misread) reduced to one.
    """
    a, b = primary.contact, secondary.contact
    conf_a, conf_b = primary.confidence, secondary.confidence
    scalars: dict[str, str | None] = {}
    confidence: dict[str, float] = {}
    sources: dict[str, tuple[Box, ...]] = {}
    name_from = primary
    # Evidence (ocr/confidence.py) goes with the reading a value was taken from; the engines' agreement
    # on each field is evidence too.
    evidence_from: dict[str, Extraction] = {}
    agreement: dict[str, float] = {}

    for field in SCALAR_FIELDS:
        choice = _choose_scalar(field, a, b, conf_a.get(field, 0.0), conf_b.get(field, 0.0))
        scalars[field] = choice[0] if choice else None
        if choice is None:
            continue
        agreement[f"{field}.engines"] = engines_agree(
            {_loose(getattr(a, field) or "")} - {""}, {_loose(getattr(b, field) or "")} - {""}
        )
        chosen = primary if choice[2] == 0 else secondary
        evidence_from[field] = chosen
        confidence[field] = choice[1]
        if field in chosen.sources:
            sources[field] = chosen.sources[field]
        if field == "name":
            name_from = chosen

    def both(field: str) -> tuple[float, float]:
        return conf_a.get(field, 0.0), conf_b.get(field, 0.0)

    names = [scalars["name"] or "", a.name or "", b.name or ""]
    first_mails, second_mails, _ = _one_value_per_place("emails", primary, secondary, str.lower)
    emails, confidence["emails"] = _merge_strings(
        first_mails,
        second_mails,
        *both("emails"),
        is_valid_email,
        str.lower,
        spelled=lambda e: _name_in_local(e, names),
        read_as=(a.emails, b.emails),
    )
    email_domains = {e.split("@")[-1].lower() for e in emails}
    first_sites, second_sites, _ = _one_value_per_place("websites", primary, secondary, _web_key)
    websites, confidence["websites"] = _merge_strings(
        first_sites,
        second_sites,
        *both("websites"),
        _valid_website,
        _web_key,
        trust=lambda site: _trusted_website(site, email_domains),
        read_as=(a.websites, b.websites),
    )
    websites = _without_misread_twins(websites, email_domains)
    # Phones are keyed by their national digits, which a misread country code keeps ('+61' for '+81'):
    # read from one place, even numbers as alike as that are one number.
    first_numbers, second_numbers, own_place = _one_value_per_place(
        "phones", primary, secondary, national_digits, similar_below=math.inf
    )
    read_first = {p.number: p for p in (*b.phones, *a.phones)}  # a number taken over keeps its kind
    read_second = {p.number: p for p in b.phones}
    phones, confidence["phones"] = _merge_phones(
        [read_first[n] for n in first_numbers],
        [read_second[n] for n in second_numbers],
        *both("phones"),
        own_place=own_place.__contains__,
        read_as=([p.number for p in a.phones], [p.number for p in b.phones]),
    )
    social, confidence["social"] = _merge_social(
        a.social, b.social, *both("social"), name=(scalars["name"] or "").split()
    )
    for field, merged in (("emails", emails), ("websites", websites), ("phones", phones), ("social", social)):
        if merged:
            sources[field] = _union_sources(primary, secondary, field)
        else:
            del confidence[field]

    contact = Contact(
        name=scalars["name"],
        given_name=name_from.contact.given_name if scalars["name"] else None,
        family_name=name_from.contact.family_name if scalars["name"] else None,
        title=scalars["title"],
        company=scalars["company"],
        department=scalars["department"],
        emails=tuple(emails),
        phones=tuple(phones),
        websites=tuple(websites),
        address=scalars["address"],
        social=social,
    )
    for field, key in (("emails", str.lower), ("websites", _web_key), ("phones", _phone_key)):
        values = {k: {key(v) for v in _strings(getattr(c, field))} for k, c in (("a", a), ("b", b))}
        agreement[f"{field}.engines"] = engines_agree(values["a"], values["b"])
    evidence: dict[str, float] = {}
    for key, value in {**secondary.evidence, **primary.evidence}.items():
        field = key.split(".", 1)[0]
        source = evidence_from.get(field)
        if source is not None:
            value = source.evidence.get(key, value)
        if field == "card" or getattr(contact, field, None):
            evidence[key] = value
    evidence.update({k: v for k, v in agreement.items() if getattr(contact, k.split(".", 1)[0])})
    return Extraction(
        contact=contact,
        confidence=confidence,
        sources=sources,
        evidence=evidence,
        value_readings=_readings_kept(contact, primary, secondary),
    )


def _readings_kept(
    contact: Contact, primary: Extraction, secondary: Extraction
) -> dict[str, dict[str, ValueReading]]:
    kept: dict[str, dict[str, ValueReading]] = {}
    for field in ("phones", "emails", "websites"):
        readings = {**secondary.value_readings.get(field, {}), **primary.value_readings.get(field, {})}
        kept[field] = {v: readings[v] for v in _strings(getattr(contact, field)) if v in readings}
    return kept


def _one_value_per_place(
    field: str,
    primary: Extraction,
    secondary: Extraction,
    key: Callable[[str], str],
    similar_from: float = ONE_PLACE_SIMILARITY,
    similar_below: float = SAME_VALUE_SIMILARITY,
) -> tuple[list[str], list[str], set[str]]:
    """Both readings' values of a list field, by where on the card they were read. Where the two engines
    read different values from one place (most of the smaller one's area inside the other), alike by
    `similar_from` to below `similar_below` (values more alike are near-duplicates, _merge_strings weighs
    them), only the value whose words its engine was surer of is kept: one printed value, misread by the
    other engine (a reading that lost the value's start is left to _merge_strings, which knows tails). Also
    the second reading's values read where the first
    read none of the field: printed values of their own however alike another (a phone and its fax a digit
    apart, the first engine reading only the phone)."""
    first, second = _strings(getattr(primary.contact, field)), _strings(getattr(secondary.contact, field))
    first_readings = primary.value_readings.get(field, {})
    second_readings = secondary.value_readings.get(field, {})
    own_place: set[str] = set()
    for value in list(second):
        reading = second_readings.get(value)
        if reading is None or value in first:
            continue
        here = [
            other
            for other in first
            if (other_reading := first_readings.get(other)) is not None
            and reading.box.overlap(other_reading.box) >= ONE_PLACE
        ]
        if not here:
            if all(other in first_readings for other in first):
                own_place.add(value)
            continue
        twin = next(
            (
                other
                for other in here
                if similar_from <= fuzz.ratio(key(other), key(value)) < similar_below
                and not _tail_of(key(value), key(other))
                and not _tail_of(key(other), key(value))
            ),
            None,
        )
        if twin is None:
            continue
        if reading.confidence > first_readings[twin].confidence:
            first[first.index(twin)] = value
        else:
            second.remove(value)
    return first, second, own_place


def engines_agree(a: set[str], b: set[str]) -> float:
    """How the two engines' readings of a field compare: 1 the same, 0.75 overlapping, 0.5 one engine
    alone read it, 0 both read something different."""
    if not a or not b:
        return 0.5
    if a == b:
        return 1.0
    return 0.75 if a & b or any(x in y or y in x for x in a for y in b) else 0.0


def _strings(values: Iterable[object]) -> list[str]:
    return [v.number if isinstance(v, Phone) else str(v) for v in values]


def _phone_key(number: str) -> str:
    return re.sub(r"\D", "", number)[-8:]


def _choose_scalar(
    field: str, a: Contact, b: Contact, conf_a: float, conf_b: float
) -> tuple[str, float, int] | None:
    va, vb = getattr(a, field), getattr(b, field)
    if not va and not vb:
        return None
    if not vb:
        return va, conf_a, 0
    if not va:
        # The second engine alone: a name must at least look like one (two words), else it is noise.
        if field == "name" and len([t for t in vb.split() if sum(c.isalpha() for c in t) >= 2]) < 2:
            return None
        return vb, conf_b, 1
    if _loose(va) == _loose(vb):
        # Same words: Tesseract keeps spaces and accents; a firm's abbreviation keeps the period only the
        # second engine saw ('MR FOODLER' + 'MR.FOODLER' -> 'MR. FOODLER').
        kept = with_periods_of(va, vb) if field == "company" else va
        return with_accents_of(kept, vb), agreed_confidence(conf_a, conf_b), 0
    if _loose(va) in _loose(vb) or _loose(vb) in _loose(va):
        # One reading holds the other ('Kiichi' / 'Kiichi Murata', 'THE COUNTER' / 'THE COUNTER EC'):
        # the engines agree on the common part, and the surer one says whether the rest belongs, unless an
        # email spells the rest of a name ('Gagnon' / 'Émilie Gagnon' beside emilie.gagnon@).
        if field == "name" and (fuller := _fuller_name_spelled(va, vb, a, b)) is not None:
            return (va, vb)[fuller], max(conf_a, conf_b), fuller
        surer = 1 if conf_b > conf_a else 0
        return (va, vb)[surer], max(conf_a, conf_b), surer
    score_a = conf_a + _corroboration(field, va, a, b) + PRIMARY_PREFERENCE
    score_b = conf_b + _corroboration(field, vb, a, b)
    if score_b > score_a:
        return vb, round(conf_b * DISAGREEMENT_FACTOR, 3), 1
    return va, round(conf_a * DISAGREEMENT_FACTOR, 3), 0


def with_accents_of(text: str, other: str) -> str:
    """`text` with the accents of `other`, the same words read by another engine or restored there from the
    card's country (a reading that found no country keeps 'GEBAUDETECHNIK', the other 'GEBÄUDETECHNIK'): a
    word takes them letter by letter, in its own case, where it has none itself and the two spell the same
    letters once accents are folded away."""
    theirs = {fold(w): w for w in other.split() if not w.isascii()}
    return " ".join(_accented_like(w, theirs.get(fold(w))) for w in text.split(" "))


def _accented_like(word: str, other: str | None) -> str:
    if other is None or not word.isascii() or len(other) != len(word):
        return word
    return "".join(
        (o.upper() if c.isupper() else o.lower()) if fold(o) == fold(c) else c
        for c, o in zip(word, other, strict=True)
    )


def with_periods_of(text: str, other: str) -> str:
    """`text` with a period after each word that `other`, the same words read by another engine, ends
    with a period and `text` does not ('MR FOODLER', 'MR.FOODLER' -> 'MR. FOODLER')."""
    letters = [c for c in other if c.isalnum()]
    periods, seen = set(), 0
    for c in other:
        if c.isalnum():
            seen += 1
        elif c == "." and 0 < seen < len(letters):
            periods.add(seen)  # a period after the seen-th letter, inside the value
    out, seen = [], 0
    for index, c in enumerate(text):
        out.append(c)
        if c.isalnum():
            seen += 1
            after = text[index + 1 : index + 2]
            if seen in periods and after in (" ", ""):
                out.append(".")
    return "".join(out)


def _loose(text: str) -> str:
    """Equality up to spaces, accents, case and punctuation ('Jane Q. Doe' == 'JANE Q DOE')."""
    return re.sub(r"[^\w]", "", fold(text))


def _fuller_name_spelled(va: str, vb: str, *contacts: Contact) -> int | None:
    """0 or 1: the reading of a name with more words, where each word the other lacks is in an email's
    local part; None when no email says so."""
    words_a, words_b = (_name_words(v) for v in (va, vb))
    if len(words_a) == len(words_b):
        return None
    longer = 0 if len(words_a) > len(words_b) else 1
    extra = set((words_a, words_b)[longer]) - set((words_b, words_a)[longer])
    locals_ = {_loose(e.split("@")[0]) for c in contacts for e in c.emails}
    spelled = extra and all(len(w) >= 3 and any(w in local for local in locals_) for w in extra)
    return longer if spelled else None


def _name_words(value: str) -> list[str]:
    return [w for w in (_loose(t) for t in value.split()) if w]


def _corroboration(field: str, value: str, *contacts: Contact) -> float:
    """A name found in an email's local part, a company in an email or web domain."""
    emails = {e.lower() for c in contacts for e in c.emails}
    if field == "name":
        locals_ = {_loose(e.split("@")[0]) for e in emails}
        tokens = [_loose(t) for t in value.split() if len(_loose(t)) >= 3]
        return CORROBORATION_BONUS if any(t in local for t in tokens for local in locals_) else 0.0
    if field == "company":
        domains = {_loose(e.split("@")[-1].split(".")[0]) for e in emails}
        domains |= {_loose(_web_key(w).split(".")[0]) for c in contacts for w in c.websites}
        compact = _loose(value)
        return CORROBORATION_BONUS if any(d and (d in compact or compact in d) for d in domains) else 0.0
    if field == "address":
        return CORROBORATION_BONUS if _POSTCODE.search(value) else 0.0
    return 0.0


_POSTCODE = re.compile(r"\b\d{4,5}(-\d{3,4})?\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")


def is_valid_email(value: str) -> bool:
    """The reader's one email validator (ocr/extract/validators.py)."""
    return valid_email(value)


def _web_key(value: str) -> str:
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value.strip().lower())
    return re.sub(r"^www\d?\.", "", host).rstrip("/")


MIN_CUT_HOST = 5  # characters: a shorter end of a domain ('e.de') says too little to be taken for it


def _without_misread_twins(websites: list[str], email_domains: set[str]) -> list[str]:
    """The websites without one engine's misreading or fragment of another that an email confirms:
    'wwoakker.ni' beside 'www.bakker.nl' and thijs@bakker.nl, 'dge.ca' beside noah@oakridge.ca."""
    # 'partner.es' of gomez-partner.es, 'dge.ca' of oakridge.ca: one engine lost the start of the address.
    whole = {
        w: next((d for d in sorted(email_domains) if cut_off_end_of(_web_key(w), d)), None) for w in websites
    }
    websites = list(dict.fromkeys(f"https://{whole[w]}" if whole[w] else w for w in websites))
    confirmed = {_web_key(w) for w in websites} & email_domains
    return [
        site
        for site in websites
        if _web_key(site) in confirmed
        or not any(
            Levenshtein.distance(_without_www_misread(_web_key(site)), good) <= 2 for good in confirmed
        )
    ]


def cut_off_end_of(host: str, whole: str) -> bool:
    """'dge.ca' of 'oakridge.ca': the end of a domain, cut inside its name (a sub-domain's parent,
    'acme.com' of 'shop.acme.com', is a site of its own)."""
    return MIN_CUT_HOST <= len(host) < len(whole) and whole.endswith(host) and whole[-len(host) - 1] != "."


def _without_www_misread(host: str) -> str:
    return re.sub(r"^w{1,3}\.?", "", host)


def _valid_website(value: str) -> bool:
    return valid_website(value)


def _trusted_website(value: str, email_domains: set[str]) -> bool:
    """A web address the second engine alone found: believable when it says 'www.', shares an email's
    domain, ends in a common generic top-level domain or sits under a two-part suffix ('.com.br');
    'Diego,CA' read as 'diego.ca' does not."""
    host = _web_key(value).split("/")[0]
    if "www." in value.lower() or any(host == d or host.endswith("." + d) for d in email_domains):
        return True
    return host.rsplit(".", 1)[-1] in COMMON_TLDS or under_second_level_suffix(host)


def _merge_strings(
    first: Iterable[str],
    second: Iterable[str],
    conf_a: float,
    conf_b: float,
    validate: Callable[[str], bool],
    key: Callable[[str], str],
    trust: Callable[[str], bool] = lambda _: True,
    spelled: Callable[[str], int] = lambda _: 0,
    own_place: Callable[[str], bool] = lambda _: False,
    read_as: tuple[Sequence[str], Sequence[str]] | None = None,
) -> tuple[list[str], float]:
    """The primary's values, plus the secondary's values that validate (and that `trust` accepts when the
    primary has nothing like them), in reading order, one per near-duplicate group. The primary's values
    that do not validate are kept only when neither engine has one that does. Of two readings of one
    value, the one the card's other text spells more of (`spelled`: the person's name in an email's local
    part) wins before the engines' confidences are weighed. A second-reading value read from a place of
    its own (`own_place`) is a printed value however alike another."""
    valid_a = [v for v in first if validate(v)]
    valid_b = [v for v in second if validate(v)]
    a = valid_a if valid_a or valid_b else list(first)
    merged = list(a)
    read_by_b = {key(v) for v in valid_b}
    added: list[str] = []  # the second reading's values that the first has nothing like
    for value in valid_b:
        if any(key(value) == key(m) or _tail_of(key(value), key(m)) for m in merged):
            continue  # the same value, or the end of one ('becker@x.de' of 'soeren.becker@x.de')
        # a host's end at a dot is its parent domain, a site of its own ('acme.com' of 'shop.acme.com')
        cuts = "._-" if "@" in value else "_-"
        shorter = next((m for m in merged if _tail_of(key(m), key(value), cuts)), None)
        if shorter is not None and not _label_glued_on(key(value), key(shorter)):
            merged[merged.index(shorter)] = value  # the primary lost the start: 'moebelbau.de' of 'apex-...'
            continue
        if own_place(value):
            merged.append(value)
            added.append(value)
            continue
        twin = next((m for m in merged if fuzz.ratio(key(m), key(value)) >= SAME_VALUE_SIMILARITY), None)
        if twin is not None and twin in added:
            # Two values of the second reading alone, a digit or letter apart: two printed values (a phone
            # and its fax, 650.322.8882 and 650.322.8832), as a lone reading keeps them.
            merged.append(value)
            added.append(value)
            continue
        if twin is not None and key(twin) in read_by_b:
            continue  # both engines read the twin: this is the second engine misreading another copy of it
        if twin is None:
            if trust(value):
                merged.append(value)
                added.append(value)
        elif _label_glued_on(key(value), key(twin)):
            continue  # 'Em.weiss@' for 'E m.weiss@': the other engine saw the gap after the label
        elif spelled(value) != spelled(twin):
            # 'a.castillo@' beside the name Alyssa Castillo, not 'a.castilo@', whichever engine was surer
            if spelled(value) > spelled(twin):
                merged[merged.index(twin)] = value
        elif "@" in value and _only_local_punctuation_differs(value, twin):
            # 'lachlansmith@' / 'lachlan_smith@': engines lose thin punctuation far more often than they
            # invent it, so the reading with more of it is the printed one. Not in domains: a hyphen there
            # may be a line break read as one ('oakri-dge.ca').
            if len(value) > len(twin):
                merged[merged.index(twin)] = value
        elif conf_b > conf_a and twin not in valid_a:
            merged[merged.index(twin)] = value  # the same value misread: the one that validates
        elif conf_b > conf_a + PRIMARY_PREFERENCE:
            merged[merged.index(twin)] = value  # the same value misread: the surer engine's reading
    # The confidence weighs what each engine read (`read_as`, where the lists were settled by place first:
    # a value one engine misread is not one both agree on).
    read_a, read_b = read_as if read_as is not None else (first, second)
    valid_read_a = [v for v in read_a if validate(v)]
    valid_read_b = [v for v in read_b if validate(v)]
    agreed_a = valid_read_a if valid_read_a or valid_read_b else list(read_a)
    confidence = _list_confidence({key(v) for v in agreed_a}, {key(v) for v in valid_read_b}, conf_a, conf_b)
    return merged, confidence


def _name_in_local(email: str, names: Sequence[str]) -> int:
    """How many letters of the card's name (as either engine read it) an email's local part spells: the
    longest name word (three letters or more) found in it."""
    local = re.sub(r"[^a-z]", "", fold(email.partition("@")[0]))
    words = {re.sub(r"[^a-z]", "", fold(w)) for name in names for w in name.split()}
    words = {w for w in words if len(w) >= 3}
    return max((len(w) for w in words if w in local), default=0)


def _only_local_punctuation_differs(email: str, other: str) -> bool:
    (local, _, domain), (other_local, _, other_domain) = (
        email.lower().partition("@"),
        other.lower().partition("@"),
    )
    return domain == other_domain and re.sub(r"[._-]", "", local) == re.sub(r"[._-]", "", other_local)


def _tail_of(value: str, whole: str, separators: str = "._-") -> bool:
    """Whether `value` is the end of `whole` after a separator: what an engine that lost the start read."""
    return len(value) < len(whole) and whole.endswith(value) and whole[-len(value) - 1] in separators


def _label_glued_on(value: str, twin: str) -> bool:
    """Whether `value` is `twin` with a label read onto its front ('em.weiss@x.de' for 'm.weiss@x.de')."""
    value, twin = value.lower(), twin.lower()
    glued = value[: len(value) - len(twin)].rstrip(":.")
    return value.endswith(twin) and glued in label_words("email", "web")


def _list_confidence(a: set[str], b: set[str], conf_a: float, conf_b: float) -> float:
    if not a or not b:
        return conf_a if a else conf_b
    if a == b:
        return agreed_confidence(conf_a, conf_b)
    shared = len(a & b) / len(a | b)
    return round(max(conf_a, conf_b) * (DISAGREEMENT_FACTOR + (1 - DISAGREEMENT_FACTOR) * shared), 3)


def is_valid_phone(phone: Phone) -> bool:
    return valid_phone(phone.number)


def national_digits(number: str) -> str:
    """The digits that name a number whether read as E.164 by one engine ('+12125550134') or kept as
    printed digits by another ('2125550134', '0161 635 3732' -> '1616353732')."""
    if number.startswith("+"):
        try:
            return str(phonenumbers.parse(number, None).national_number)
        except phonenumbers.NumberParseException:
            pass
    return re.sub(r"\D", "", number).lstrip("0")


def _merge_phones(
    first: Sequence[Phone],
    second: Sequence[Phone],
    conf_a: float,
    conf_b: float,
    own_place: Callable[[str], bool] = lambda _: False,
    read_as: tuple[Sequence[str], Sequence[str]] | None = None,
) -> tuple[list[Phone], float]:
    """Phones by number; a kind read from a label ('mobile', 'fax') beats the default 'work'."""
    kinds: dict[str, PhoneKind] = {}
    for phone in [*first, *second]:
        if kinds.get(phone.number, "work") == "work":
            kinds[phone.number] = phone.kind
    numbers, conf = _merge_strings(
        [p.number for p in first],
        [p.number for p in second],
        conf_a,
        conf_b,
        lambda n: is_valid_phone(Phone(n)),
        national_digits,
        own_place=own_place,
        read_as=read_as,
    )
    if not numbers and not first:
        # No country on the card, so no number became E.164: the second engine's printed digits are kept,
        # as a lone reading's are (issue 12: never dropped). A '+' number that does not validate is a cut
        # or misread one and stays out.
        numbers = [p.number for p in second if not p.number.startswith("+")]
        conf = conf_b if numbers else conf
    return [Phone(n, kinds[n]) for n in numbers], conf


def _merge_social(
    first: dict[str, str],
    second: dict[str, str],
    conf_a: float,
    conf_b: float,
    name: Sequence[str] = (),
) -> tuple[dict[str, str], float]:
    first = {k: v for k, v in first.items() if v}
    second = {k: v for k, v in second.items() if v}
    merged = dict(first)
    for platform, handle in second.items():
        if platform in merged and _better_profile(handle, merged[platform], name):
            merged[platform] = handle
        merged.setdefault(platform, handle)
    agreed = {k for k in first if k in second and _loose(first[k]) == _loose(second[k])}
    if not first or not second:
        return merged, conf_a if first else conf_b
    if agreed == set(first) == set(second):
        return merged, agreed_confidence(conf_a, conf_b)
    return merged, round(max(conf_a, conf_b) * DISAGREEMENT_FACTOR, 3)


def _better_profile(value: str, other: str, name: Sequence[str]) -> bool:
    """Whether the second engine's reading of a profile is the printed one where the two differ: the one
    built from the person's name ('aoisakamoto' for Aoi Sakamoto, not 'aocisakamoto'); with the name no
    help, the longer of a handle and its own start, since OCR cuts letters at a line's end far more often
    than it adds them ('@aarav_ban' of '@aarav_bane')."""
    handle, other_handle = handle_of(value), handle_of(other)
    if _loose(handle) == _loose(other_handle):
        return False
    agrees, other_agrees = handle_agrees(handle, name), handle_agrees(other_handle, name)
    if agrees != other_agrees:
        return agrees
    return len(handle) > len(other_handle) and handle.casefold().startswith(other_handle.casefold())


def _union_sources(primary: Extraction, secondary: Extraction, field: str) -> tuple[Box, ...]:
    boxes = list(primary.sources.get(field, ()))
    boxes.extend(b for b in secondary.sources.get(field, ()) if b not in boxes)
    return tuple(boxes)
