"""Typical OCR confusions, repaired only where the repaired text then validates.

Each repair proposes candidates (named rules of ocr/extract/rules/); the caller keeps one only when it
passes a validator (an email or domain with a real top-level domain, a phone number `phonenumbers`
accepts). Text that validates as
printed is never touched, and text that no candidate rescues is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from rapidfuzz.distance import Levenshtein

from ocr.extract.rules import rule
from ocr.extract.validators import top_level_domains, valid_domain, valid_email

__all__ = [
    "domain_candidates",
    "join_spaced_letters",
    "repair_digits",
    "repair_domain",
    "repair_email",
    "top_level_domains",
    "valid_domain",
    "valid_email",
    "with_www_misread_fixed",
]

# ---------------------------------------------------------------- letter-spaced capitals

_SPACED_TOKEN = re.compile(r"^[^\W\d_]{1,3}$")


def join_spaced_letters(text: str) -> str:
    """Join letter-spaced words: 'S W A N S O N' -> 'SWANSON', 'n e t h e r n e t' -> 'nethernet'.

    Tesseract splits widely tracked capitals into single letters and short fragments ('S WAN S O N').
    A run of >= 3 tokens of <= 3 letters, most of them single letters, is one word. Two or more spaces
    (a wide gap the layout step saw between letters) still separate words.
    """
    return "  ".join(_join_run(part) for part in re.split(r"\s{2,}", text))


def _join_run(text: str) -> str:
    tokens = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and _SPACED_TOKEN.match(tokens[j]):
            j += 1
        run = tokens[i:j]
        singles = sum(len(t) == 1 for t in run)
        if len(run) >= 3 and singles >= 2 and singles >= 0.6 * len(run):
            out.append("".join(run))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


# ---------------------------------------------------------------- domains and emails

# Clean-ups of a host's 'www.' applied in order before anything is validated (ocr/extract/rules/hosts.py).
_HOST_CLEANUPS = (
    "host.label-before-www",
    "host.www-dash",
    "host.www-dot-lost",
    "host.www-letters-lost",
    "host.www-misread",
    "host.second-level-misread",
)


def with_www_misread_fixed(host: str) -> str:
    """`host` with a misread 'www.' ('mmw.harborview.pt', 'vvw.acme.com') spelled 'www.'."""
    return rule("host.www-misread").rewrite(host)


def domain_candidates(host: str) -> Iterator[str]:
    """The host as read (its 'www.' cleaned up), then with a comma or space read for the last dot, then
    with the last dot read as a hyphen, TLD look-alikes fixed, a dot lost before a common TLD put back."""
    host = host.strip(".,;:").lower()
    for rule_id in _HOST_CLEANUPS:
        host = rule(rule_id).rewrite(host)
    yield host
    fixed = rule("host.comma-for-dot").rewrite(host)
    yield fixed
    # Tried after the host as read, which wins if valid.
    yield rule("host.hyphen-for-dot").rewrite(fixed)
    yield from rule("host.tld-misread").propose(fixed)
    yield from rule("host.suffix-dots-lost").propose(fixed)
    yield from rule("host.dot-lost-before-tld").propose(fixed)


def repair_domain(host: str) -> str | None:
    """The first candidate of `host` that is a valid domain, or None."""
    return next((c for c in domain_candidates(host) if valid_domain(c)), None)


def _spaced_host_variants(host: str) -> list[str]:
    """A host with spaces in it, as OCR may have meant them: 'acme com' (a space for the last dot, which
    domain_candidates handles), 'meridian logistica.es' (a hyphen read as a space), or a stray gap."""
    return [host, *rule("host.space-in-host").propose(host)]


def _garbled_top_level(host: str, domain: str) -> bool:
    """`host` is `domain` (the website's) with its top-level domain garbled: 'oakridge-immobilier.{r', or
    'pioneer{r' with the dot read into the symbol too. Not one cut off ('securics.' at the edge of a
    cropped scan): that was not read."""
    name, _, tld = domain.rpartition(".")
    if not name or not host.startswith(name):
        return False
    rest = host[len(name) :].strip()
    if rest.startswith("."):
        rest = rest[1:].strip()
        return bool(rest) and abs(len(rest) - len(tld)) <= 1
    return bool(rest) and not rest.isalnum() and abs(len(rest) - len(tld) - 1) <= 1


def repair_email(text: str, *, known_domains: frozenset[str] = frozenset()) -> str | None:
    """An email from OCR text such as 'jane.doe©nypl,org', or None when no repair validates.

    Look-alikes for a missing '@' are tried only when the domain then is one printed elsewhere on the
    card (a website) or the text ends in a valid domain: 'janedoeQnypl.org' -> 'janedoe@nypl.org'.
    """
    compact = re.sub(r"\s*@\s*", "@", text.strip().strip(".,;:<>()[]"))
    if "@" in compact:
        local, _, host = compact.partition("@")
        # 'Email.jane@' / 'mail:jane@': the label glued on when OCR lost the space after it.
        local = rule("email.label-glued").rewrite(local.replace(" ", "").lower())
        local = rule("email.phone-and-label-glued").rewrite(local)
        local = rule("local.stray-dot-by-separator").rewrite(local)
        found = [
            f"{local}@{domain}"
            for variant in _spaced_host_variants(host)
            for domain in domain_candidates(variant)
            if valid_email(f"{local}@{domain}")
        ]
        found += [
            f"{local}@{d}"
            for d in sorted(known_domains)
            if _garbled_top_level(host.lower(), d) and valid_email(f"{local}@{d}")
        ]
        # 'solis-trasport..it' beside www.solis-trasporti.it: one letter of a printed domain misread in a way
        # no repair of the host alone undoes.
        if not found:
            found = [
                f"{local}@{d}"
                for d in sorted(known_domains)
                if Levenshtein.distance(host.lower().strip(".,;:"), d) == 1 and valid_email(f"{local}@{d}")
            ]
        # A domain printed elsewhere on the card (the website) settles which reading was printed.
        chosen = next(
            (e for e in found if e.rpartition("@")[2] in known_domains), found[0] if found else None
        )
        return _webmail_spelled(chosen, known_domains) if chosen else None
    for rule_id in ("email.at-mark", "email.at-misread-letter"):
        for candidate in rule(rule_id).propose(compact):
            local, _, host = candidate.partition("@")
            domain = repair_domain(host)
            if domain is None or not valid_email(f"{local}@{domain}"):
                continue
            # A single letter read for '@' is a guess: accept it only when the domain is confirmed.
            if rule_id == "email.at-misread-letter" and domain not in known_domains:
                continue
            return _webmail_spelled(f"{local}@{domain}", known_domains)
    return None


def _webmail_spelled(email: str, known_domains: frozenset[str]) -> str:
    """'x@yaho0.com' -> 'x@yahoo.com': a free email provider's domain misread, unless the card prints the
    domain as read elsewhere."""
    local, _, domain = email.rpartition("@")
    if domain in known_domains:
        return email
    return f"{local}@{rule('host.webmail-misread').rewrite(domain)}"


# ---------------------------------------------------------------- phone digits


def repair_digits(text: str, is_valid: Callable[[str], bool]) -> str | None:
    """'(2l2) 555-O134' -> '(212) 555-0134' when `is_valid` accepts the result; None otherwise.

    Only text that is mostly digits already is touched, so words never turn into numbers.
    """
    return next((c for c in rule("phone.digit-lookalikes").propose(text) if is_valid(c)), None)
