"""Typical OCR confusions, repaired only where the repaired text then validates.

Each repair proposes candidates; the caller keeps one only when it passes a validator (an email or
domain with a real top-level domain, a phone number `phonenumbers` accepts). Text that validates as
printed is never touched, and text that no candidate rescues is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

import phonenumbers
from rapidfuzz.distance import Levenshtein

from ocr.extract.lexicon import words

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


@cache
def top_level_domains() -> frozenset[str]:
    """Generic TLDs from the lexicon plus every country code phonenumbers knows (and 'uk')."""
    country = {r.lower() for r in phonenumbers.SUPPORTED_REGIONS} | {"uk", "eu"}
    return frozenset(words("tlds.txt")) | frozenset(country)


_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})$")
_LOCAL = re.compile(r"^[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_])?$")


def valid_domain(domain: str) -> bool:
    """A host name whose top-level domain exists (so 'nypl.org' yes, 'nypl.corn' no)."""
    match = _DOMAIN.match(domain.lower())
    return bool(match) and match.group(1) in top_level_domains()


def valid_email(email: str) -> bool:
    local, at, domain = email.lower().partition("@")
    return bool(at) and bool(_LOCAL.match(local)) and ".." not in local and valid_domain(domain)


# OCR renders '@' as these (with and without the font's circle): tried only when no '@' was read.
_AT_LOOKALIKES = ("©", "®", "(a)", "(at)", "[at]", "(@)", " at ", "@", "Q", "O", "G", "a", "o", "0", "&")
# Top-level domains tried when a host lost the dot before them ('falconnl'). Not 'es': too many words
# end in it ('construcoes').
_DOT_LOST_TLDS = ("com", "org", "net", "edu", "de", "co.uk", "com.br", "com.au", "fr", "nl", "it", "pt", "ca")
# Confusions at the end of a host name: ",com" / "corn" / ".c0m" / ".comau".
_TLD_FIXES = (
    ("corn", "com"),
    ("c0m", "com"),
    ("0rg", "org"),
    ("om", "com"),
    ("ne1", "net"),
    ("c0", "co"),
    # the dot inside a two-part suffix lost: 'summit.comau'
    ("comau", "com.au"),
    ("couk", "co.uk"),
    ("combr", "com.br"),
)


# 'avww.', 'vvw.', 'mmw.': a w read as 'av', 'v' or 'm' in a first label of w's, before a name and a suffix.
_WWW_MISREAD = re.compile(r"^(?=[avmw]{2,4}\.)(?=[avm]*w)[avmw]{2,4}\.(?=[a-z0-9-]+\.)", re.IGNORECASE)


def with_www_misread_fixed(host: str) -> str:
    """`host` with a misread 'www.' ('mmw.harborview.pt', 'vvw.acme.com') spelled 'www.'."""
    return _WWW_MISREAD.sub("www.", host) if not host.lower().startswith("www.") else host


def domain_candidates(host: str) -> Iterator[str]:
    """The host as read, then with a comma or space read for the last dot, then TLD look-alikes fixed."""
    host = host.strip(".,;:").lower()
    # 'webwww.nypl.org' / 'web.www.nypl.org' (a label glued on), 'wwwnypl.org' (the dot lost), 'w.nypl.org'
    # (w's lost): no real site is named like that.
    host = re.sub(r"^[a-z]{1,8}[.:]?(?=www\.)", "", host)
    host = re.sub(r"^www[-_]", "www.", host)  # 'www-solis.com.au': the dot read as a dash
    if re.match(r"^www\d?[a-z0-9]", host) and "." in host:
        host = "www." + host[3:]
    host = re.sub(r"^w{1,2}\.(?=[a-z0-9-]+\.)", "www.", host)
    host = with_www_misread_fixed(host)
    yield host
    fixed = re.sub(r"[,\s]+(?=[a-z]{2,6}$)", ".", host)
    yield fixed
    # 'www.oakridge-pt': the last dot read as a hyphen (tried after the host as read, which wins if valid).
    yield re.sub(r"-(?=[a-z]{2,6}$)", ".", fixed)
    for wrong, right in _TLD_FIXES:
        if fixed.endswith("." + wrong):
            yield fixed[: -len(wrong)] + right
    # 'nyplorg' / 'nypl-org': a dot lost before a common TLD.
    for tld in _DOT_LOST_TLDS:
        # A name before the TLD, not a misread TLD ('www.nova.cca' is no 'nova.c.ca').
        last_label = fixed.rsplit(".", 1)[-1]
        if fixed.endswith(tld) and "." not in fixed[-len(tld) - 1 :] and len(last_label) >= len(tld) + 3:
            yield fixed[: -len(tld)].rstrip("-") + "." + tld


def repair_domain(host: str) -> str | None:
    """The first candidate of `host` that is a valid domain, or None."""
    return next((c for c in domain_candidates(host) if valid_domain(c)), None)


def _spaced_host_variants(host: str) -> list[str]:
    """A host with spaces in it, as OCR may have meant them: 'acme com' (a space for the last dot, which
    domain_candidates handles), 'meridian logistica.es' (a hyphen read as a space), or a stray gap."""
    if " " not in host:
        return [host]
    return [host, re.sub(r"(?<=\w)\s+(?=\w)", "-", host).replace(" ", ""), host.replace(" ", "")]


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
        local = re.sub(r"^(?:e-?mail|mail|correo|courriel)[.:]", "", local.replace(" ", "").lower())
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
        return next((e for e in found if e.rpartition("@")[2] in known_domains), found[0] if found else None)
    lowered = compact.lower()
    for look in _AT_LOOKALIKES:
        pattern = look.lower() if len(look) > 1 else look
        haystack = lowered if len(look) > 1 else compact
        start = 1
        while (pos := haystack.find(pattern, start)) > 0:
            local = compact[:pos].strip().lower()
            host = compact[pos + len(pattern) :].strip().lower()
            start = pos + 1
            if " " in local or " " in host:
                continue
            domain = repair_domain(host)
            if domain is None or not valid_email(f"{local}@{domain}"):
                continue
            # A single letter read for '@' is a guess: accept it only when the domain is confirmed.
            if len(look) == 1 and look not in "©®" and domain not in known_domains:
                continue
            return f"{local}@{domain}"
    return None


# ---------------------------------------------------------------- phone digits

_DIGIT_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "g": "9",
    }
)


def repair_digits(text: str, is_valid: Callable[[str], bool]) -> str | None:
    """'(2l2) 555-O134' -> '(212) 555-0134' when `is_valid` accepts the result; None otherwise.

    Only text that is mostly digits already is touched, so words never turn into numbers.
    """
    digits = sum(c.isdigit() for c in text)
    letters = sum(c.isalpha() for c in text)
    if digits < 6 or letters == 0 or letters > max(2, digits // 4):
        return None
    candidate = text.translate(_DIGIT_LOOKALIKES)
    return candidate if candidate != text and is_valid(candidate) else None
