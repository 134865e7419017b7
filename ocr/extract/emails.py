"""Email addresses, including ones whose '@' or dots OCR misread (repaired only when they validate)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ocr.extract.layout import Hit, Segment, hit
from ocr.extract.repair import repair_domain, repair_email
from ocr.extract.rules import at_marks, rule
from ocr.extract.text import fold
from ocr.extract.vocabulary import confusion, label_pattern, label_words

# A local part, with a word before it when OCR put a space before its separator ('chloe _walker@').
_LOCAL = r"(?:[^\W\d_][\w.+'%-]*\s(?=[._-]\w))?[\w.+'%-]+"
# '@' or a mark printed or read for it (data/confusions.json; a word such as ' at ' needs its domain
# confirmed, which these patterns cannot do).
_AT = "(?:" + "|".join(["@", *(re.escape(m) for m in at_marks() if " " not in m)]) + ")"
# Something around an '@' or a look-alike of it: 'jane.doe @ nypl.org', 'jane.doe©nypl,org', 'x(at)y.de'.
_AROUND_AT = re.compile(_LOCAL + r"\s?" + _AT + r"\s?[\w-]+(?:\s?[.,]\s?[\w-]+)*", re.IGNORECASE)
# The same, letting one space stand inside the domain where a hyphen was printed ('x@meridian
# logistica.es'): only in the first label, and only when the word after the space runs straight into a dot
# and a letter (so 'x@acme.com acme.com', an address and then the website, stays two things).
_AROUND_AT_SPACED = re.compile(
    _LOCAL + r"\s?" + _AT + r"\s?[\w-]+(?:\s[\w-]+(?=[.,][a-z]))?(?:\s?[.,]\s?[\w-]+)*",
    re.IGNORECASE,
)
# The domain's only dot read as a space: 'x@moreau-partner fr' (a dotless host, then a TLD-sized word).
_DOT_READ_AS_SPACE = re.compile(_LOCAL + r"\s?" + _AT + r"\s?[\w-]+\s[a-z]{2,3}\b(?![.@])", re.IGNORECASE)
# An address up to the end of its word, whatever characters OCR put there.
_TO_WORD_END = re.compile(_LOCAL + r"@\S+")
# Labels that announce an email on the same segment.
_EMAIL_LABEL = re.compile(r"^\s*" + label_pattern("email") + r"\s*[:.]?\s+", re.IGNORECASE)
_PERSONAL_LOCAL = re.compile(r"^[^\W\d_]+[._-][^\W\d_]+$")  # 'michael.kim', 'b_dubois', 'anne-marie'
_EMAIL_LABEL_ALONE = re.compile(r"^\s*" + label_pattern("email") + r"\s*[:.]?\s*$", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
# A word, a space and a separator mark at the start of an address ('E _henrik.lindemann@').
_LABEL_BEFORE_MARK = re.compile(r"^([^\W\d_][\w-]*)\s[._-](?=\w)")


def find_emails(segments: Sequence[Segment], known_domains: frozenset[str] = frozenset()) -> list[Hit]:
    """Emails in reading order, without duplicates.

    `known_domains` are hosts printed elsewhere on the card (websites): they let a token whose '@'
    was read as a letter ('janeQnypl.org') count as an email, because its domain is confirmed.
    """
    hits: list[Hit] = []
    seen: set[str] = set()
    for segment in segments:
        raw = segment.raw
        for match in _AROUND_AT_SPACED.finditer(raw):
            if raw[match.start() - 1 : match.start()] == "/":
                # 'linkedin.com/in/malte-bruckner @maltebruckner github.com/...': a web address's path,
                # then a handle; a local part never follows a slash.
                continue
            labelled_mark = _LABEL_BEFORE_MARK.match(match.group())
            if labelled_mark and labelled_mark.group(1).lower() in label_words("email"):
                # 'E _henrik.lindemann@': the word before the space is the label, the mark a speck or a
                # rule's end, not a separator between parts of a name ('chloe _walker@').
                email = repair_email(match.group()[labelled_mark.end() :], known_domains=known_domains)
            else:
                email = repair_email(match.group(), known_domains=known_domains)
            if email is None and (strict := _AROUND_AT.match(raw, match.start())):
                match = strict
                email = repair_email(match.group(), known_domains=known_domains)
            # Guesses past what the text shows, a lost dot ('x@moreau-partner fr') or a top-level domain
            # misread into symbols ('x@oakridge-immobilier.{r'): only a domain the card prints elsewhere (its
            # website) confirms them.
            for guess in (_DOT_READ_AS_SPACE, _TO_WORD_END):
                if email is None and (wider := guess.match(raw, match.start())):
                    email = repair_email(wider.group(), known_domains=known_domains)
                    email = email if email and email.rpartition("@")[2] in known_domains else None
                    match = wider if email else match
            if email and email not in seen:
                seen.add(email)
                certainty = 1.0 if "@" in match.group() else 0.8
                hits.append(hit(email, segment, match.start(), match.end(), certainty))
        if any(h.segment is segment for h in hits):
            continue
        label = _EMAIL_LABEL.match(raw)
        if label and rule("email.at-lost").first(raw[label.end() :]):
            continue  # 'Email federicacolombo falcon.it': a local part and a domain, left to _at_lost
        labelled = label is not None
        for match in _TOKEN.finditer(raw):
            token = match.group()
            if "." not in token or len(token) < 6 or token.lower().startswith(("www", "http")):
                continue
            # An email label vouches for the token: then any valid domain will do.
            email = repair_email(token, known_domains=_any_domain(token) if labelled else known_domains)
            if email and email not in seen:
                seen.add(email)
                hits.append(hit(email, segment, match.start(), match.end(), 0.7))
    lost_at = _at_lost(segments, hits, known_domains)
    return sorted(hits + lost_at, key=lambda h: h.segment.order)


def _at_lost(segments: Sequence[Segment], found: Sequence[Hit], known_domains: frozenset[str]) -> list[Hit]:
    """Emails whose '@' OCR lost (rule email.at-lost): after an email label on the segment or alone
    before it ('Email hetal.shah redington.co.in', or 'hetal.shah' with 'redington.co.in' alone on the next
    segment), or without a label when the domain is one the card prints apart (its website) and the
    local part is a person's, joined by a dot, underscore or hyphen ('michael.kim lumen.com')."""
    taken = {s.order for h in found for s in (h.segment, *h.also)}
    hits: list[Hit] = []
    for index, segment in enumerate(segments):
        if segment.order in taken:
            continue
        label = _EMAIL_LABEL.match(segment.raw)
        labelled = label is not None or (
            index > 0 and bool(_EMAIL_LABEL_ALONE.match(segments[index - 1].raw))
        )
        start = label.end() if label else 0
        rest = segment.raw[start:]
        also: tuple[Segment, ...] = ()
        if labelled and len(rest.split()) == 1 and index + 1 < len(segments):
            after = segments[index + 1]
            if after.order not in taken and len(after.raw.split()) == 1:
                rest, also = f"{rest} {after.raw}", (after,)
        email = rule("email.at-lost").first(rest)
        if email and not labelled:
            local, domain = email.rsplit("@", 1)
            printed_apart = any(domain in other.raw.lower() for other in segments if other is not segment)
            email = (
                email if domain in known_domains and printed_apart and _PERSONAL_LOCAL.match(local) else None
            )
        if email and all(h.value != email for h in (*found, *hits)):
            hits.append(replace(hit(email, segment, start, len(segment.raw), 0.7), also=also))
            taken |= {segment.order, *(s.order for s in also)}
    return hits


def _any_domain(token: str) -> frozenset[str]:
    """Every suffix of the token that could be the domain after a misread '@'."""
    lowered = token.lower().strip(".,;:")
    return frozenset(lowered[i:] for i in range(1, len(lowered)))


def domains_spelled_by_text(segments: Sequence[Segment]) -> frozenset[str]:
    """Domains that a token with a letter read for its '@' would have ('p.deshpandeQquarry-systems.in'),
    when another line of the card spells the domain's name ('Quarry Systems LLP'): the card confirms the
    guess as a website would (find_emails' known_domains)."""
    spelled: dict[int, set[str]] = {}
    for segment in segments:
        words = [re.sub(r"[^0-9a-z]", "", fold(w)) for w in segment.text.split()]
        spelled[segment.order] = {
            "".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 4, len(words)) + 1)
        }
    # Not the lower-case letters: a website's own 'a' or 'o' ('quarry-bi|o|tech.com.br') would split it.
    looks = tuple(c for c in confusion("at_misread_letters") if not c.islower())
    found: set[str] = set()
    for segment in segments:
        elsewhere = set().union(*(v for order, v in spelled.items() if order != segment.order))
        for token in segment.raw.split():
            if "@" in token or "." not in token or token.lower().startswith(("www", "http")):
                continue
            for at, letter in enumerate(token):
                if at == 0 or letter not in looks:
                    continue
                domain = repair_domain(token[at + 1 :].strip(".,;:").lower())
                name = re.sub(r"[^0-9a-z]", "", domain.split(".")[0]) if domain else ""
                if domain and len(name) >= 4 and name in elsewhere:
                    found.add(domain)
    return frozenset(found)
