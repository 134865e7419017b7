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
from dataclasses import replace
from typing import Literal

import phonenumbers

from ocr.extract.accents import restore_accents, restore_name_accents
from ocr.extract.address import find_address, unclaimed_head
from ocr.extract.choose import (
    among,
    continued_name,
    pick_company,
    pick_department,
    pick_name,
    pick_title,
    with_kind_lines,
    with_unit_lines,
)
from ocr.extract.company_domain_name import completed_from_domain, last_word_completed
from ocr.extract.company_repair import repair_company, spaced_ampersand, without_dangling_joiner
from ocr.extract.crosscheck import (
    agreeing_local_part,
    country_tld,
    handle_agreeing,
    handle_of,
    handle_underscore_restored,
    handle_worded_by_text,
    name_from_addresses,
    name_spelled_by_address,
    reconciled,
)
from ocr.extract.emails import domains_spelled_by_text, find_emails
from ocr.extract.evidence import leftover_lines, leftover_neighbours, value_evidence
from ocr.extract.freetext import (
    Rest,
    hits_of,
    is_free_text,
    remaining,
    split_company_and_name,
    split_name_and_title,
    split_title_and_unit,
)
from ocr.extract.labeller import (
    CardContext,
    LineLabeller,
    Observer,
    field_evidence,
    labelled_choice,
    rest_features,
    shipped_labeller,
)
from ocr.extract.layout import Hit, segments_of
from ocr.extract.names import email_agreement, format_name
from ocr.extract.phones import find_phones
from ocr.extract.qrmerge import merge_qr
from ocr.extract.region import infer_region
from ocr.extract.rules import rule
from ocr.extract.slips import read_back
from ocr.extract.split_lines import rejoined_lines
from ocr.extract.text import fold
from ocr.extract.titles import repair_title
from ocr.extract.web import (
    WebFindings,
    company_domain,
    find_web,
    host_of,
    inner_suffix_dot_put_back,
    one_per_host,
    words_besides,
)
from ocr.types import Box, Contact, Extraction, Line, Phone, ValueReading

__all__ = ["extract_fields"]


def extract_fields(
    lines: Sequence[Line],
    *,
    region: str | None = None,
    qr: Contact | None = None,
    labeller: LineLabeller | Literal["shipped"] | None = "shipped",
    observe: Observer | None = None,
) -> Extraction:
    """Turn OCR lines (top to bottom, words left to right) into a Contact.

    region: a hint, the user's own phone region; the card's own evidence (ocr/extract/country.py) wins
    over it, and without either a number printed without '+' is kept as printed digits. qr: fields
    decoded from a QR code; they are exact and win. labeller: the line labeller choosing the free-text
    fields' lines (default: the shipped model; None: the hand ordering alone). observe: called with the
    free lines and their features (training).
    """
    segments = segments_of(read_back(rejoined_lines(lines)))
    confidence: dict[str, float] = {}
    sources: dict[str, tuple[Box, ...]] = {}
    words_say: dict[str, float] = {}  # evidence for the calibrated confidence (ocr/extract/evidence.py)

    def record(field: str, hits: Sequence[Hit]) -> None:
        if hits:
            confidence[field] = round(min(h.confidence for h in hits), 3)
            sources[field] = tuple(b for h in hits for b in h.boxes)
            words_say.update(value_evidence(field, hits, segments))

    strict_emails = find_emails(segments)
    web = find_web(segments, frozenset(e.value.rsplit("@", 1)[1] for e in strict_emails))
    site_hosts = frozenset(host_of(w.value) for w in web.websites)
    known = site_hosts | {h.removeprefix("www.") for h in site_hosts} | domains_spelled_by_text(segments)
    emails = find_emails(segments, known_domains=known)
    # Another email's domain confirms an address whose '@' OCR read as a letter, on a line with no email
    # yet ('contactQtessellate.co.uk' under thornton@tessellate.co.uk).
    if other_domains := frozenset(e.value.rsplit("@", 1)[1] for e in emails) - known:
        rest = [s for s in segments if not any(h.segment is s for h in emails)]
        found = {e.value for e in emails}
        emails += [e for e in find_emails(rest, known_domains=known | other_domains) if e.value not in found]
        emails.sort(key=lambda h: h.segment.order)  # reading order
    email_words = set().union(*(e.keys for e in emails)) if emails else set()
    websites = one_per_host([w for w in web.websites if not (w.keys & email_words)])
    spelled = rule("address.letters-misread").rewrite
    emails = [replace(e, value=spelled(e.value)) for e in emails]
    websites = [replace(w, value=spelled(w.value)) for w in websites]
    for platform in ("linkedin", "twitter"):
        if (found := getattr(web, platform)) is not None:
            setattr(web, platform, replace(found, value=spelled(found.value)))
    web.social = {k: replace(h, value=spelled(h.value)) for k, h in web.social.items()}
    emails, websites = reconciled(emails, websites, segments)
    emails = [
        _with_domain(
            e, inner_suffix_dot_put_back(e.value.rsplit("@", 1)[1], words_besides(segments, e.segment))
        )
        for e in emails
    ]
    domains = [e.value.rsplit("@", 1)[1] for e in emails] + [host_of(w.value) for w in websites]
    hint = region.upper() if region and region.upper() in phonenumbers.SUPPORTED_REGIONS else None
    country = infer_region(segments, hint, domains)
    region = country or ""  # accents and TLD repairs need a country; none is assumed when nothing says
    if country:
        emails = [_with_domain(e, country_tld(e.value.rsplit("@", 1)[1], country)) for e in emails]
        websites = [_with_domain(w, country_tld(host_of(w.value), country)) for w in websites]
    phones = find_phones(segments, country)
    socials = [h for h in (web.linkedin, web.twitter, *web.social.values()) if h is not None]
    used: set[tuple[int, int]] = set()
    for found in (*emails, *websites, *phones, *socials):
        used |= found.keys
    record("emails", emails)
    record("websites", websites)
    record("phones", phones)
    record("social", socials)

    rests = remaining(segments, used)
    address, address_orders = _address(rests, country)
    if address:
        record("address", [r for r in hits_of(rests, address_orders)])
    locals_ = [e.value.split("@")[0] for e in emails]
    # A firm or building named before the street on the address's first line may be the company too.
    heads = [
        replace(r, text=head)
        for r in rests
        if r.order == min(address_orders, default=-1) and (head := unclaimed_head(r.text, country))
    ]
    unclaimed = [r for r in rests if r.order not in address_orders and is_free_text(r.text)] + heads
    domain = company_domain([e.value for e in emails], [w.value for w in websites])
    free = split_title_and_unit(
        split_name_and_title(
            split_company_and_name(sorted(unclaimed, key=lambda r: r.order), locals_, domain)
        )
    )
    all_free = list(free)

    title_rest = pick_title(free)
    name_rest, free = pick_name(free, [e.value.split("@")[0] for e in emails], title_rest, domain)
    if name_rest is not None:
        name_rest, name_line_two = continued_name(name_rest, free)
        free = [r for r in free if r is not name_line_two]
    if title_rest is None and name_rest is not None:
        title_rest = pick_title(free, near=name_rest)
    # By identity, not order: a name cut from a line leaves the rest of that line (a logo word) free.
    taken = [r for r in (title_rest, name_rest) if r is not None]
    department_rest = pick_department(free, taken, domain)
    if department_rest is not None:
        department_rest, unit_lines = with_unit_lines(department_rest, free, taken)
        taken += [department_rest, *unit_lines]
    company_rest = pick_company([r for r in free if not among(r, taken)], domain)
    if company_rest is not None:
        company_rest, kind_lines = with_kind_lines(
            company_rest, free, [r for r in taken if r is not department_rest], domain
        )
        if department_rest is not None and among(department_rest, kind_lines):
            department_rest = None  # 'ELITE' over 'ENGINEERING &': the kind of firm, not a department
    model = shipped_labeller() if labeller == "shipped" else labeller
    evidence: dict[str, float] = {}
    if model is not None or observe is not None:
        hand = {
            "name": name_rest,
            "title": title_rest,
            "company": company_rest,
            "department": department_rest,
        }
        lines_seen = split_title_and_unit(
            split_name_and_title(
                split_company_and_name([r for r in rests if is_free_text(r.text)], locals_, domain)
            )
        )
        context = CardContext(
            email_locals=tuple(e.value.split("@")[0] for e in emails),
            domain=domain,
            exact_lines=frozenset(
                s.line_index for s in segments if any((s.order, i) in used for i in range(len(s.words)))
            ),
            hand={f: r.order for f, r in hand.items() if r is not None},
            address_orders=frozenset(address_orders),
        )
        features = rest_features(lines_seen, context)
        if observe is not None:
            observe(lines_seen, features, context)
        if model is not None:
            chosen = labelled_choice(lines_seen, features, hand, model)
            name_rest, title_rest = chosen["name"], chosen["title"]
            company_rest, department_rest = chosen["company"], chosen["department"]
            evidence = field_evidence(lines_seen, features, chosen, address_orders, model, hand)
    picked = {"name": name_rest, "title": title_rest, "company": company_rest, "department": department_rest}
    claimed = {r.order for r in picked.values() if r is not None} | set(address_orders)
    words_say.update(leftover_lines([r.text for r in all_free if r.order not in claimed]))
    leftovers = [r for r in rests if r.order not in claimed]
    for field, rest in picked.items():
        words_say.update(leftover_neighbours(field, [rest] if rest else [], leftovers))
    address_lines = [r for r in rests if r.order in set(address_orders)]
    words_say.update(leftover_neighbours("address", address_lines, leftovers))

    name_rest = _name_from_addresses(rests, emails, web, name_rest)
    name = given = family = None
    if name_rest is not None:
        handles = [handle_of(h.value) for h in (web.linkedin, web.twitter) if h is not None]
        spelled = name_spelled_by_address(name_rest.text, [e.value.split("@")[0] for e in emails] + handles)
        name_rest = replace(name_rest, text=spelled)
        name_rest = replace(name_rest, text=rule("name.capital-i-read-as-l").rewrite(name_rest.text))
        name, given, family = format_name(restore_name_accents(name_rest.text, region))
        # The name with its accents restored: 'juergenbecker@' agrees with Jürgen, not with 'Jurgen' as read.
        emails = [agreeing_local_part(e, name.split()) for e in emails]
        name_words = name_rest.text.split()
        if web.linkedin is not None:
            web.linkedin = replace(web.linkedin, value=handle_agreeing(web.linkedin.value, name_words))
        if web.twitter is not None:
            agreeing = handle_agreeing(web.twitter.value, name_words)
            restored = handle_underscore_restored(agreeing, web.twitter.segment.raw, name_words)
            web.twitter = replace(web.twitter, value=restored)
        # Other networks' profiles ('github.com/viniciussig') agree with the name when built from it; a
        # firm's ('instagram.com/verdant.foods') agrees with no spelling of it and stays as read.
        web.social = {
            k: replace(h, value=handle_agreeing(h.value, name_words)) for k, h in web.social.items()
        }
    # A firm's profile spells the firm's words: 'instagram.com/haicyon.materials' under 'Halcyon Materials'.
    other_text = [s.text for s in segments if all(h.segment.order != s.order for h in socials)]
    web.social = {
        k: replace(h, value=handle_worded_by_text(h.value, other_text)) for k, h in web.social.items()
    }
    for field, rest in (
        ("name", name_rest),
        ("title", title_rest),
        ("company", company_rest),
        ("department", department_rest),
    ):
        if rest is not None:
            record(field, hits_of([rest], [rest.order]))

    contact = Contact(
        name=name,
        given_name=given,
        family_name=family,
        title=_title(title_rest, region),
        company=_company(
            company_rest,
            domain,
            region,
            [w.text for s in segments for w in s.words],
            max(
                (h.confidence for h in (*emails, *websites) if domain and _names(h.value, domain)),
                default=0.0,
            ),
        ),
        department=restore_accents(without_dangling_joiner(department_rest.text), region)
        if department_rest
        else None,
        emails=tuple(e.value for e in emails),
        phones=tuple(Phone(*p.value.split("|", 1)) for p in phones),  # type: ignore[arg-type]
        websites=tuple(w.value for w in websites),
        address=restore_accents(address, region) if address else None,
        social={
            k: h.value
            for k, h in (("linkedin", web.linkedin), ("twitter", web.twitter), *web.social.items())
            if h is not None
        },
    )
    if qr is not None:
        contact = merge_qr(contact, qr, confidence, sources)
    return Extraction(
        contact=contact,
        confidence=confidence,
        sources=sources,
        evidence={**words_say, **evidence},
        value_readings={
            "phones": {p.value.split("|", 1)[0]: ValueReading(p.boxes, p.confidence) for p in phones},
            "emails": {e.value: ValueReading(e.boxes, e.confidence) for e in emails},
            "websites": {w.value: ValueReading(w.boxes, w.confidence) for w in websites},
        },
    )


def _name_from_addresses(
    rests: Sequence[Rest], emails: Sequence[Hit], web: WebFindings, picked: Rest | None
) -> Rest | None:
    """The name an email or profile spells (crosscheck), on the rest that prints a word of it, where no name
    was picked or the one picked agrees with no address ('Fon Phone' beside annikabruckner): OCR ran the
    name's line into another or garbled it."""
    addresses = [e.value.split("@")[0] for e in emails] + [
        handle_of(h.value) for h in (web.linkedin, web.twitter) if h is not None
    ]
    if picked is not None and (not addresses or email_agreement(picked.text.split(), addresses) > 0):
        return picked
    name = name_from_addresses(addresses, [w for r in rests for w in r.text.split()])
    if name is None:
        return picked
    words = {fold(w) for w in name.split()}
    holder = next((r for r in rests if words & {fold(w) for w in r.text.split()}), picked)
    return replace(holder, text=name) if holder is not None else None


def _address(rests: Sequence[Rest], region: str | None) -> tuple[str | None, list[int]]:
    found = find_address([(r.order, r.text, r.segment.box, r.segment.line_index) for r in rests], region)
    return (found[0], found[1]) if found else (None, [])


def _company(
    rest: Rest | None, domain: str | None, region: str, printed: Sequence[str], domain_confidence: float
) -> str | None:
    if rest is None:
        return None
    repaired = repair_company(
        without_dangling_joiner(rest.text), rest.segment.words, domain, domain_confidence
    )
    completed = last_word_completed(completed_from_domain(repaired, domain, printed), printed)
    return restore_accents(completed, region)


def _names(value: str, domain: str) -> bool:
    """Whether an email or website gave the company's domain (its host, or a webmail address's local part)."""
    return domain.split(".")[0].lower() in value.lower()


def _title(rest: Rest | None, region: str) -> str | None:
    if rest is None:
        return None
    return restore_accents(spaced_ampersand(repair_title(without_dangling_joiner(rest.text))), region)


def _with_domain(found: Hit, domain: str) -> Hit:
    """The email or website with its domain (host) spelled `domain`."""
    value = found.value
    if "@" in value:
        local, _, current = value.rpartition("@")
        return found if current == domain else replace(found, value=f"{local}@{domain}")
    current = host_of(value)
    return found if current == domain else replace(found, value=value.replace(current, domain, 1))
