"""Field extraction: OCR lines of an upright card in, a Contact with per-field confidence and boxes out.

    from ocr.extract import extract_fields
    extraction = extract_fields(lines, region="DE")
    extraction.contact.to_contract()

The order matters: exact, self-validating fields first (emails, websites, phones), then the address,
then the free-text fields (title, name, department, company) from the words nobody claimed, so an
email, phone or URL can never end up in a name, title or company.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ocr.extract.accents import restore_accents
from ocr.extract.address import find_address
from ocr.extract.companies import best_company, domain_agreement, logo_initials
from ocr.extract.crosscheck import canonical_domains, repair_local_part
from ocr.extract.department import department_score
from ocr.extract.emails import find_emails
from ocr.extract.labels import strip_label
from ocr.extract.layout import Hit, Segment, card_text_height, segments_of, spaced_text
from ocr.extract.lexicon import table, words
from ocr.extract.names import email_agreement, format_name, name_score, name_tokens
from ocr.extract.phones import find_phones
from ocr.extract.region import infer_region
from ocr.extract.repair import join_spaced_letters
from ocr.extract.text import clean_value
from ocr.extract.titles import repair_title, title_score
from ocr.extract.web import company_domain, find_web
from ocr.types import Box, Contact, Extraction, Line, Phone

__all__ = ["extract_fields"]

_MIN_NAME_SCORE = 0.8


@dataclass(frozen=True)
class _Rest:
    """What is left of a segment once emails, phones and websites took their words."""

    segment: Segment
    text: str
    height_ratio: float
    top_share: float  # 0 = top of the card, 1 = bottom

    @property
    def order(self) -> int:
        return self.segment.order


def extract_fields(lines: Sequence[Line], *, region: str = "US", qr: Contact | None = None) -> Extraction:
    """Turn OCR lines (top to bottom, words left to right) into a Contact.

    region: the phone region for numbers without a country code, unless the card shows another one
    (a '+CC' or a country in the address). qr: fields decoded from a QR code; they are exact and win.
    """
    segments = segments_of(lines)
    confidence: dict[str, float] = {}
    sources: dict[str, tuple[Box, ...]] = {}

    def record(field: str, hits: Sequence[Hit]) -> None:
        if hits:
            confidence[field] = round(min(h.confidence for h in hits), 3)
            sources[field] = tuple(b for h in hits for b in h.boxes)

    strict_emails = find_emails(segments)
    web = find_web(segments, frozenset(e.value.rsplit("@", 1)[1] for e in strict_emails))
    site_hosts = frozenset(_host(w.value) for w in web.websites)
    emails = find_emails(segments, known_domains=site_hosts | {h.removeprefix("www.") for h in site_hosts})
    email_words = set().union(*(e.keys for e in emails)) if emails else set()
    websites = [w for w in web.websites if not (w.keys & email_words)]
    emails, websites = _reconciled(emails, websites, segments)
    domains = [e.value.rsplit("@", 1)[1] for e in emails] + [_host(w.value) for w in websites]
    region = infer_region(segments, region.upper(), domains)
    phones = find_phones(segments, region)
    socials = [h for h in (web.linkedin, web.twitter) if h is not None]
    used: set[tuple[int, int]] = set()
    for found in (*emails, *websites, *phones, *socials):
        used |= found.keys
    record("emails", emails)
    record("websites", websites)
    record("phones", phones)
    record("social", socials)

    rests = _remaining(segments, used)
    address, address_orders = _address(rests)
    if address:
        record("address", [r for r in _hits_of(rests, address_orders)])
    free = _split_name_and_title(
        [r for r in rests if r.order not in address_orders and _is_free_text(r.text)]
    )

    title_rest = _pick_title(free)
    domain = company_domain([e.value for e in emails], [w.value for w in websites])
    name_rest, free = _pick_name(free, [e.value.split("@")[0] for e in emails], title_rest, domain)
    if title_rest is None and name_rest is not None:
        title_rest = _pick_title(free, near=name_rest)
    # By identity, not order: a name cut from a line leaves the rest of that line (a logo word) free.
    taken = [r for r in (title_rest, name_rest) if r is not None]
    department_rest = max(
        (r for r in free if not _among(r, taken) and department_score(r.text) > 0),
        key=lambda r: department_score(r.text),
        default=None,
    )
    if department_rest is not None:
        taken.append(department_rest)
    company_rest = _pick_company([r for r in free if not _among(r, taken)], domain)

    name = given = family = None
    if name_rest is not None:
        name, given, family = format_name(restore_accents(name_rest.text, region))
        emails = [_agreeing_local_part(e, name_rest.text.split()) for e in emails]
    for field, rest in (
        ("name", name_rest),
        ("title", title_rest),
        ("company", company_rest),
        ("department", department_rest),
    ):
        if rest is not None:
            record(field, _hits_of([rest], [rest.order]))

    contact = Contact(
        name=name,
        given_name=given,
        family_name=family,
        title=restore_accents(repair_title(title_rest.text), region) if title_rest else None,
        company=restore_accents(company_rest.text, region) if company_rest else None,
        department=restore_accents(department_rest.text, region) if department_rest else None,
        emails=tuple(e.value for e in emails),
        phones=tuple(Phone(*p.value.split("|", 1)) for p in phones),  # type: ignore[arg-type]
        websites=tuple(w.value for w in websites),
        address=restore_accents(address, region) if address else None,
        social={
            k: h.value for k, h in (("linkedin", web.linkedin), ("twitter", web.twitter)) if h is not None
        },
    )
    if qr is not None:
        contact = _merge_qr(contact, qr, confidence, sources)
    return Extraction(contact=contact, confidence=confidence, sources=sources)


def _reconciled(
    emails: list[Hit], websites: list[Hit], segments: Sequence[Segment]
) -> tuple[list[Hit], list[Hit]]:
    """Emails and websites with near-duplicate domains spelled one way, duplicates dropped."""
    hosts = [_host(w.value).removeprefix("www.") for w in websites]
    canonical = canonical_domains(
        [e.value.rsplit("@", 1)[1] for e in emails] + hosts, [s.text for s in segments]
    )
    fixed_emails = [
        replace(e, value=f"{e.value.rsplit('@', 1)[0]}@{canonical[e.value.rsplit('@', 1)[1]]}")
        for e in emails
    ]
    fixed_sites = [
        replace(w, value=w.value.replace(h, canonical[h], 1)) for w, h in zip(websites, hosts, strict=True)
    ]
    return _unique(fixed_emails), _unique(fixed_sites)


def _unique(hits: list[Hit]) -> list[Hit]:
    """The first hit of each value, in order."""
    first = {h.value: h for h in reversed(hits)}
    return [h for h in hits if first[h.value] is h]


def _agreeing_local_part(email: Hit, name_tokens: list[str]) -> Hit:
    first = min(email.word_indices)
    before = email.segment.words[first - 1].text if first > 0 else None
    fixed = repair_local_part(email.value, name_tokens, before)
    return (
        email
        if fixed == email.value
        else replace(email, value=fixed, confidence=round(email.confidence * 0.9, 3))
    )


def _among(rest: _Rest, rests: Sequence[_Rest]) -> bool:
    return any(rest is other for other in rests)


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].lower()


def _remaining(segments: Sequence[Segment], used: set[tuple[int, int]]) -> list[_Rest]:
    """Each segment's words that no exact field used, labels stripped, as free text."""
    if not segments:
        return []
    typical = card_text_height(segments)
    top = min(s.box.top for s in segments)
    span = max(1, max(s.box.bottom for s in segments) - top)
    labels = table("phone_labels.txt")
    rests: list[_Rest] = []
    for segment in segments:
        words = [w for i, w in enumerate(segment.words) if (segment.order, i) not in used]
        if not words:
            continue
        text = clean_value(strip_label(join_spaced_letters(spaced_text(words))))
        if len(text) < 2 or text.lower().rstrip(".:") in labels or text.lower().rstrip(".:") in _LABEL_ONLY:
            continue
        kept = Segment(tuple(words), text, segment.line_index, segment.order)
        rests.append(_Rest(kept, text, kept.height / typical, (kept.box.top - top) / span))
    return rests


# What is left of a line once its value was taken: a label alone is no name, title or company.
_LABEL_ONLY = frozenset(
    {
        "e",
        "e-mail",
        "email",
        "mail",
        "correo",
        "courriel",
        "w",
        "web",
        "www",
        "url",
        "website",
        "webseite",
        "site",
        "internet",
        "a",
        "address",
        "adresse",
        "linkedin",
        "twitter",
        "x",
        "in",
    }
)


def _hits_of(rests: Sequence[_Rest], orders: Sequence[int]) -> list[Hit]:
    chosen = [r for r in rests if r.order in set(orders)]
    return [
        Hit(r.text, r.segment, tuple(range(len(r.segment.words))), round(r.segment.confidence, 3))
        for r in chosen
    ]


def _address(rests: Sequence[_Rest]) -> tuple[str | None, list[int]]:
    found = find_address([(r.order, r.text, r.segment.box, r.segment.line_index) for r in rests])
    return (found[0], found[1]) if found else (None, [])


def _is_free_text(text: str) -> bool:
    """Never offer an email, URL or number-heavy line as name, title or company."""
    lowered = text.lower()
    digits = sum(c.isdigit() for c in text)
    return "@" not in text and "www." not in lowered and "://" not in lowered and digits <= len(text) // 3


def _pick_title(free: Sequence[_Rest], near: _Rest | None = None) -> _Rest | None:
    # A line the department lexicon knows ('Sales & Marketing', 'Departamento Comercial') is no title.
    scored = [(title_score(r.text), r) for r in free if r is not near and department_score(r.text) < 1.5]
    scored = [(s, r) for s, r in scored if s > 0]
    if not scored:
        return None
    if near is not None:
        return min(scored, key=lambda sr: (abs(sr[1].order - near.order), -sr[0]))[1]
    return max(scored, key=lambda sr: sr[0])[1]


def _part(rest: _Rest, start: int, end: int) -> _Rest | None:
    """Words start..end of a rest as a rest of its own (None when its text and words do not line up)."""
    tokens = rest.text.split()
    if len(tokens) != len(rest.segment.words) or not 0 <= start < end <= len(tokens):
        return None
    text = " ".join(tokens[start:end]).strip(" ,;")
    segment = Segment(rest.segment.words[start:end], text, rest.segment.line_index, rest.order)
    return replace(rest, segment=segment, text=text)


def _split_name_and_title(free: list[_Rest]) -> list[_Rest]:
    """'Tim Butler Director of Operations' or 'Jane Doe, CEO' on one line: a name, then a title."""
    result: list[_Rest] = []
    for rest in free:
        tokens = rest.text.split()
        cut = next((i for i in range(2, min(4, len(tokens))) if title_score(" ".join(tokens[i:])) > 0), None)
        if cut is not None and title_score(" ".join(tokens[:cut])) == 0:
            name, title = _part(rest, 0, cut), _part(rest, cut, len(tokens))
            names = name_tokens(name.text) if name else None
            if name and title and names and names[0].lower() in words("first_names.txt"):
                result += [name, title]
                continue
        result.append(rest)
    return result


def _pick_name(
    free: list[_Rest], email_locals: Sequence[str], title: _Rest | None, domain: str | None
) -> tuple[_Rest | None, list[_Rest]]:
    """The name's rest, and the free rests left for the other fields (a logo word read on the name's
    line, 'raft Franck Ginon', is cut off and goes back to them)."""
    best: tuple[float, _Rest] | None = None
    # 'dimariorestaurante@gmail.com': the local part names the shop, so agreeing with it proves no person.
    shop_address = domain is not None and any(domain.startswith(f"{local}.") for local in email_locals)
    for rest in free:
        if rest is title or title_score(rest.text) > 0 or department_score(rest.text) > 0:
            continue
        tokens = name_tokens(rest.text)
        if tokens is None:
            continue
        if (
            len(tokens) >= 3
            and email_locals
            and not shop_address
            and email_agreement(tokens, email_locals) < 1.0
        ):
            for start, end in ((1, len(tokens)), (0, len(tokens) - 1)):
                part = _part(rest, start, end)
                if part and email_agreement(tokens[start:end], email_locals) == 1.0:
                    leftover = _part(rest, 0, 1) if start else _part(rest, end, len(tokens))
                    others = [r for r in free if r is not rest] + ([leftover] if leftover else [])
                    return part, others
        # Without any email there is no telling 'Chloe Kelly' of kelly.com.au from a firm: keep the name.
        if domain_agreement(rest.text, domain) >= 0.8 and (
            shop_address or (email_locals and email_agreement(tokens, email_locals) == 0)
        ):
            continue  # it spells the company's name and is nobody's email address: the company
        score = name_score(tokens, rest.height_ratio, email_locals)
        if title is not None and abs(title.order - rest.order) == 1:
            score += 0.5
        if best is None or score > best[0]:
            best = (score, rest)
    return (best[1] if best and best[0] >= _MIN_NAME_SCORE else None), free


def _pick_company(free: Sequence[_Rest], domain: str | None) -> _Rest | None:
    # A logo's initials on a line of their own ('ME' above 'MERIDIAN ELEKTROTECHNIK') are not the name.
    initials = {"".join(w[0] for w in r.text.split() if w[:1].isalpha()).upper() for r in free}
    free = [r for r in free if not (r.text.isupper() and r.text.isalpha() and r.text in initials - {r.text})]
    candidates = [(index, r.text, r.height_ratio, r.top_share) for index, r in enumerate(free)]
    found = best_company(candidates, domain)
    if found is None:
        return None
    rest = free[found[0]]
    if logo_initials(rest.segment.words):
        return _part(rest, 1, len(rest.segment.words)) or rest
    return rest


def _merge_qr(
    contact: Contact, qr: Contact, confidence: dict[str, float], sources: dict[str, tuple[Box, ...]]
) -> Contact:
    """QR fields are exact: they replace what the text gave, and lists gain what the text missed."""
    changes: dict[str, object] = {}
    for field in ("name", "given_name", "family_name", "title", "company", "department", "address"):
        value = getattr(qr, field)
        if value:
            changes[field] = value
            if field in confidence or field in ("name", "title", "company", "department", "address"):
                confidence[field] = 1.0
                sources.pop(field, None)
    if qr.emails:
        changes["emails"] = tuple(dict.fromkeys((*qr.emails, *contact.emails)))
        confidence["emails"] = 1.0
    if qr.phones:
        numbers = {p.number for p in qr.phones}
        changes["phones"] = (*qr.phones, *(p for p in contact.phones if p.number not in numbers))
        confidence["phones"] = 1.0
    if qr.websites:
        hosts = {_host(w).removeprefix("www.") for w in qr.websites}
        extra = (w for w in contact.websites if _host(w).removeprefix("www.") not in hosts)
        changes["websites"] = (*qr.websites, *extra)
        confidence["websites"] = 1.0
    if qr.social:
        changes["social"] = {**contact.social, **qr.social}
        confidence["social"] = 1.0
    return replace(contact, **changes)  # type: ignore[arg-type]
