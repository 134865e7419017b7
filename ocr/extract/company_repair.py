"""Repairs of a chosen company line: OCR's typical damage to firm names, undone only where evidence agrees.

Logos and letter-spaced capitals make OCR split one word in two ('BLUES TONE', 'BRIGHT FIELD'), misread
the legal form's letters ('LAD.', 'Ind') and glue or drop the spacing around '&' and 'Co. KG'.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from ocr.extract.companies import domain_words, legal_suffix
from ocr.extract.lexicon import words
from ocr.extract.rules import rule
from ocr.extract.text import fold
from ocr.types import Word

# Two words printed this close (a fraction of their height apart) may be one word OCR split.
_MAX_SPLIT_GAP = 0.2  # a word space is ~0.25-0.35 of the height (real cards), a split ~0.1
# A split is undone only when the joined word spells this much of the company's domain.
_MIN_JOINED_LETTERS = 5
# Legal forms OCR misreads by one letter ('LAD.' for 'LTD.', 'Ind' for 'Inc'), spelled as they are printed.
_REPAIRABLE_FORMS = ("Ltd", "Inc", "LLC", "GmbH", "Ltda", "Corp", "Pty")


def repair_company(
    text: str, words_read: Sequence[Word], domain: str | None, domain_confidence: float = 0.0
) -> str:
    """The company line with split words joined (when the join spells the domain), a one-letter
    misreading of its legal form fixed, and the spacing of '&' and 'Co. KG' as printed conventionally.
    domain_confidence: how sure OCR was of the email or website the domain comes from (a word of the line
    read less surely takes the domain's spelling)."""
    # 'lronbark Analytics', 'Saffron Robotics pic': letters sans-serif fonts draw alike, where no word has
    # them.
    text, words_read = _without_logo_mark(text, words_read)
    text = rule("text.plc-read-as-pic").rewrite(rule("text.capital-i-read-as-l").rewrite(text))
    text = _joined_by_domain(text, words_read, domain)
    # 'LTDER FRTS' (read at .79) beside liderfriorefrigeracao.com.br (.99): a logo's letters, as the domain
    # spells them, unless OCR was surer of the line ('MASCHINENBAU' .95 beside a misread maschinendau .54).
    line_confidence = min((w.confidence for w in words_read), default=1.0)
    if domain and line_confidence <= domain_confidence:
        text = rule("company.spelled-by-domain").rewrite(f"{text}\n{domain}").partition("\n")[0]
    text = _first_letter_from_domain(text, domain)
    text = _first_letters_from_domain(text, domain)
    text = _words_spelled_by_domain(text, words_read, domain, domain_confidence)
    text = re.sub(r"(?<=[^\W\d_])([’'])\s+[Ss]{1,2}(?=\s|$)", r"\1s", text)  # "Margie’ Ss Travel"
    text = _without_debris_before_domain_name(text, domain)
    text = _repaired_legal_form(text)
    text = rule("company.legal-form-dots").rewrite(text)  # 'S.rl.' -> 'S.r.l.'
    text = _legal_abbreviation_period(text)
    text = _cut_after_domain_name(text, domain)
    text = re.sub(r"\b(co)\.\s*(kg)\b", r"\1. \2", text, flags=re.IGNORECASE)
    return spaced_ampersand(text)


# A word this many times taller than the line's other words, and this short, is a logo mark OCR read as
# letters ('Lumen Analytics LLP Oo': a ring three times the type's height beside the name).
_MARK_HEIGHT = 2.0
_MARK_LETTERS = 3


def _without_logo_mark(text: str, words_read: Sequence[Word]) -> tuple[str, Sequence[Word]]:
    """The company line without a logo mark read as a short word at either end of it."""
    tokens = text.split()
    if len(words_read) < 3 or [w.text for w in words_read] != tokens:
        return text, words_read
    for index in (len(words_read) - 1, 0):
        others = [w.box.height for i, w in enumerate(words_read) if i != index]
        mark = words_read[index]
        if len(mark.text) <= _MARK_LETTERS and mark.box.height >= _MARK_HEIGHT * statistics.median(others):
            kept = [w for i, w in enumerate(words_read) if i != index]
            return " ".join(w.text for w in kept), kept
    return text, words_read


def without_dangling_joiner(text: str) -> str:
    """'ENGINEERING &' -> 'ENGINEERING': an ampersand the noise filter kept at a line's edge (a name broken
    after it) joins nothing when the next line is not part of the value."""
    return re.sub(r"^\s*&\s+|\s+&\s*$", "", text)


def spaced_ampersand(text: str) -> str:
    """'Founder&CEO' -> 'Founder & CEO'; 'AT&T' (short initials) stays glued as firms print it."""
    return re.sub(r"(?<=[^\W\d_]{3})&(?=[^\W\d_]{3})", " & ", text)


def _joined_by_domain(text: str, words_read: Sequence[Word], domain: str | None) -> str:
    tokens = text.split()
    if not domain or len(tokens) < 2:
        return text
    # 'FALCON CONSTRUÇÕES' beside falcon-construcoes.pt: the domain prints the words apart, so the join
    # must fit within one of its parts.
    labels = [fold(part) for part in re.split(r"[-_.]", domain.split(".")[0])]
    close = _close_pairs(tokens, words_read)
    out = [tokens[0]]
    for index in range(1, len(tokens)):
        joined = fold(out[-1] + tokens[index])
        if (
            close[index - 1]
            and len(joined) >= _MIN_JOINED_LETTERS
            and any(joined in label for label in labels)
            and fold(out[-1]) not in words("legal_suffixes.txt")
        ):
            out[-1] = out[-1] + (tokens[index].lower() if out[-1][-1:].islower() else tokens[index])
        else:
            out.append(tokens[index])
    return " ".join(out)


def _first_letter_from_domain(text: str, domain: str | None) -> str:
    """'\\pex S.L.' beside apex.es: a symbol read for the first letter, which the domain's name spells."""
    first, space, rest = text.partition(" ")
    if not domain or len(first) < 3 or first[0] not in "\\/|([{!" or not first[1:].isalpha():
        return text
    label = domain.split(".")[0].lower()
    if not label[:1].isalpha() or not label.startswith(label[0] + first[1:].lower()):
        return text
    letter = label[0].upper() if first[1:2].isupper() or first[1:].islower() else label[0]
    return f"{letter}{first[1:]}{space}{rest}"


def _words_spelled_by_domain(
    text: str, words_read: Sequence[Word], domain: str | None, domain_confidence: float
) -> str:
    """'SPIPAD INDUSTRIES' (read at .84) beside sripad_ind2000@ (read at .96): a word one letter from a
    word the domain's name marks off takes its spelling, in the printed case, when OCR was surer of the
    domain than of the word (an email misread 'maschinendau' leaves 'MASCHINENBAU' as printed)."""
    tokens = text.split()
    if not domain or [w.text for w in words_read] != tokens:
        return text
    marked = domain_words(domain)
    out = []
    for token, word in zip(tokens, words_read, strict=True):
        letters = fold(token)
        match = next((w for w in marked if _one_letter_misread(letters, w)), None)
        if match is None or not token.isalpha() or word.confidence >= domain_confidence:
            out.append(token)
        else:
            out.append(
                match.upper() if token.isupper() else match.capitalize() if token[:1].isupper() else match
            )
    return " ".join(out)


def _one_letter_misread(letters: str, word: str) -> bool:
    """'spipad' for 'sripad'; 'stones' beside 'stone' is another word (a plural), not a misreading."""
    plural = letters in (word + "s", word + "es") or word in (letters + "s", letters + "es")
    return (
        len(letters) >= 5
        and Levenshtein.distance(letters, word) == 1
        and not plural
        and not _umlaut_spelled_out(letters, word)
    )


def _umlaut_spelled_out(letters: str, word: str) -> bool:
    """'schroder' beside schroeder.de: a domain spells an umlaut as vowel + e (ö -> oe); the printed word
    has the vowel (its dots OCR lost or folded), which the accents pass gives back ('SCHRÖDER'), so it is
    no misreading to respell."""
    return any(word == letters[: i + 1] + "e" + letters[i + 1 :] for i, c in enumerate(letters) if c in "aou")


def _first_letters_from_domain(text: str, domain: str | None) -> str:
    """'OVA DESIGN STUDIO' beside nova.com, 'RTHWIND SOLUTIONS' beside northwind.com, 'lronwood
    Engineering' beside ironwood.com: a first word that is the domain's name with its first letter or two
    lost or misread (a logo's initial, a drop capital) takes the domain's spelling, in the printed case."""
    first, space, rest = text.partition(" ")
    label = domain.split(".")[0].lower() if domain else ""
    letters = first.lower()
    if not label.isalpha() or not letters.isalpha() or len(letters) < 3 or letters == label:
        return text
    lost = label.endswith(letters) and len(label) - len(letters) <= 2
    misread = len(letters) >= 4 and len(letters) == len(label) and letters[1:] == label[1:]
    if not (lost or misread):
        return text
    spelled = label.upper() if first.isupper() else label.capitalize() if first[1:].islower() else label
    return f"{spelled}{space}{rest}"


def _without_debris_before_domain_name(text: str, domain: str | None) -> str:
    """'L Margie's Travel' beside margiestravel.com: a short token in front of words that spell the
    domain's name is what OCR made of a logo mark."""
    first, _, remainder = text.partition(" ")
    if not domain or not remainder or len(first) > 2:
        return text
    # 'A Pioneer Corp.' beside pioneer-solutions.com: the domain's first word is enough where it marks one.
    name = domain.split(".")[0]
    for label in {fold(name), fold(re.split(r"[-_]", name)[0])}:
        if len(label) >= 4 and fold(remainder).startswith(label) and not fold(text).startswith(label):
            return remainder
    return text


def _cut_after_domain_name(text: str, domain: str | None) -> str:
    """'Prasang Presidency, R.C.T.' beside prasangpresidency.com: the name the domain spells, then an
    address or a tagline after a comma; 'Acme, Inc.' keeps its legal form."""
    head, comma, tail = text.partition(",")
    if not domain or not comma or not tail.strip():
        return text
    label = fold(domain.split(".")[0])
    spells = len(label) >= 4 and fold(head) == label
    return head if spells and not legal_suffix(f"x {tail.strip()}") else text


def _close_pairs(tokens: Sequence[str], words_read: Sequence[Word]) -> list[bool]:
    """For each pair of neighbouring tokens, whether OCR saw them nearly touching. Without a word per
    token (a label was stripped, spaced letters were joined) no pair counts as close."""
    if len(words_read) != len(tokens) or [w.text for w in words_read] != list(tokens):
        return [False] * (len(tokens) - 1)
    pairs = []
    for left, right in itertools.pairwise(words_read):
        height = max(left.box.height, right.box.height, 1)
        pairs.append(right.box.left - left.box.right <= _MAX_SPLIT_GAP * height)
    return pairs


# 'co,,' in 'Newbees co,, Ltd.': the period of an abbreviated legal form read as a second comma.
_DOUBLED_COMMA = re.compile(r"\b([^\W\d_]{2,4}),,(?=\s|$)")


def _legal_abbreviation_period(text: str) -> str:
    """'Newbees co,, Ltd.' -> 'Newbees co., Ltd.': a legal form's abbreviation takes its period back."""

    def period(match: re.Match[str]) -> str:
        known = f"{match.group(1).lower()}." in words("legal_suffixes.txt")
        return f"{match.group(1)}.," if known else match.group(0)

    return _DOUBLED_COMMA.sub(period, text)


def _repaired_legal_form(text: str) -> str:
    tokens = text.split()
    if len(tokens) < 2:
        return text
    last = tokens[-1]
    bare = last.rstrip(".")
    # Printed as an abbreviation ('LAD.') or set off by a comma ('Securics, Ind'): a legal form's place,
    # so 'Harbour Inn' stays an inn.
    abbreviated = last.endswith(".") or tokens[-2].endswith(",")
    if not abbreviated or bare.lower() in words("legal_suffixes.txt") or not bare.isalpha() or len(bare) < 3:
        return text
    for form in _REPAIRABLE_FORMS:
        if len(form) == len(bare) and Levenshtein.distance(form.lower(), bare.lower()) == 1:
            printed = form.upper() if bare.isupper() else form
            tokens[-1] = printed + last[len(bare) :]
            return " ".join(tokens)
    return text
