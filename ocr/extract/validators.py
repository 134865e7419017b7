"""One validator per self-validating field: what an email, a web address (its host) and a phone number must
be before the reader returns one. Every repair, the engines' merge and the strategy's check use these."""

from __future__ import annotations

import re
from functools import cache

import phonenumbers
from publicsuffixlist import PublicSuffixList

from ocr.extract.lexicon import words


@cache
def top_level_domains() -> frozenset[str]:
    """Generic TLDs from the lexicon plus every country code phonenumbers knows (and 'uk')."""
    country = {r.lower() for r in phonenumbers.SUPPORTED_REGIONS} | {"uk", "eu"}
    return frozenset(words("tlds.txt")) | frozenset(country)


_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})$")
_LOCAL = re.compile(r"^[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_])?$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def valid_domain(domain: str) -> bool:
    """A host name whose top-level domain exists (so 'nypl.org' yes, 'nypl.corn' no)."""
    match = _DOMAIN.match(domain.lower())
    return bool(match) and match.group(1) in top_level_domains()


def valid_email(email: str) -> bool:
    """'jane.doe@nypl.org' yes; 'jane..doe@nypl.org', 'jane@nypl.corn', 'jane@' no."""
    local, at, domain = email.lower().partition("@")
    return bool(at) and bool(_LOCAL.match(local)) and ".." not in local and valid_domain(domain)


def valid_website(url: str) -> bool:
    """A web address whose host is a valid domain: 'https://www.nypl.org/about' yes, 'diego,ca' no."""
    host = _SCHEME.sub("", url.strip().lower()).split("/", 1)[0]
    return valid_domain(host)


def valid_phone(number: str) -> bool:
    """An E.164 number phonenumbers accepts ('+12125550134'); printed digits kept as read are not."""
    if not number.startswith("+"):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, None))
    except phonenumbers.NumberParseException:
        return False


@cache
def _public_suffixes() -> PublicSuffixList:
    return PublicSuffixList(only_icann=True)  # the list ships in the package: nothing is downloaded


def under_second_level_suffix(host: str) -> bool:
    """Whether the host is registered under a two-part public suffix ('x.com.br', 'x.gov.my', 'x.co.uk'):
    a shape OCR does not make of ordinary words, unlike a word and a country code ('Diego,CA')."""
    suffix = _public_suffixes().publicsuffix(host.lower()) or ""
    return suffix.count(".") >= 1 and host.lower() != suffix
