"""The company: legal-form suffixes, agreement with the email/web domain, organisation words, logo size."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ocr.extract.company_spelling import spelled_by_domain
from ocr.extract.lexicon import words
from ocr.extract.text import fold, has_digit, is_cjk, word_list
from ocr.types import Word

# Legal forms that are also ordinary short words: they count only as the last word.
_AMBIGUOUS_SUFFIXES = frozenset(
    {
        "co",
        "co.",
        "se",
        "as",
        "me",
        "sa",
        "sl",
        "pc",
        "ab",
        "cv",
        "ag",
        "kg",
        "ug",
        "ev",
        "kk",
        "lp",
        "nv",
        "bv",
        "oy",
        "group",
        "company",
    }
)


# 'Schäfer & Partner', 'Dupont & Cie', 'Smith & Sons': a firm by its form.
_AND_PARTNERS = re.compile(r"&\s*(?:partner|partners|co\.?|cie\.?|söhne|sons|associates|associés)\s*$", re.I)
# Letters a line and the domain's name must start with alike to agree ('inter' of INTERWORLD ~ interwf).
_MIN_COMMON_START = 5
# Organisation words and size alone (a tagline in big type) are not quite enough.
_MIN_SCORE = 1.2


def legal_suffix(text: str) -> bool:
    """'Acme GmbH', 'Newbees co., ltd.', 'PwC Consulting LLC', 'CEASTEC S/C LTDA.', '阿斯利康香港有限公司',
    '株式会社ニュービーズ' -> True."""
    if _cjk_legal_form(text.strip()):
        return True
    # 'Itd' is 'ltd' with the l read as I.
    tokens = [re.sub(r"^itd", "ltd", t.strip(",;()")) for t in text.lower().split()]
    tokens = [t for t in tokens if t]
    suffixes = words("legal_suffixes.txt")
    for index, token in enumerate(tokens):
        bare = token.rstrip(".")
        is_suffix = token in suffixes or bare in suffixes
        if is_suffix and (index == len(tokens) - 1 or bare not in _AMBIGUOUS_SUFFIXES):
            return index > 0
    return bool(_AND_PARTNERS.search(text))


def registered_form(text: str) -> bool:
    """A legal form that registers a firm: 'Acme Ltd', 'NEPRA ... Pvt. Ltd.', not 'Cloud Solutions Group'
    ('Group', 'Holding' end the names of firms and of their units alike)."""
    words_ = text.lower().split()
    bare = words_[-1].strip(".,;()") if words_ else ""
    return legal_suffix(text) and bare not in _GROUP_FORMS


_GROUP_FORMS = frozenset({"group", "holding", "holdings", "company"})


def _cjk_legal_form(text: str) -> bool:
    """Chinese, Japanese and Korean legal forms are printed against the name, before or after it."""
    return any(len(text) > len(f) and (text.endswith(f) or text.startswith(f)) for f in _cjk_forms())


@cache
def _cjk_forms() -> tuple[str, ...]:
    """The legal forms written in CJK characters (asked for every line of every card: found once)."""
    return tuple(f for f in words("legal_suffixes.txt") if any(is_cjk(c) for c in f))


def domain_agreement(text: str, domain: str | None) -> float:
    """1.0 when the line spells the domain's name ('The Counter' ~ thecounterburger.com, 'BSI ... AG' ~
    bsiag.com by initials); 0 when unrelated."""
    if not domain:
        return 0.0
    label = fold(domain.split(".")[0])
    line = fold(text)
    if len(label) < 2 or len(line) < 2:
        return 0.0
    if line == label or (len(line) >= 4 and label.startswith(line)) or (len(label) >= 4 and label in line):
        return 1.0
    if len(line) >= 4 and line == label.strip("0123456789-"):
        return 1.0  # 'SPRINGBOARD' beside 91springboard.com: the digits are the logo's
    if len(line) >= 4 and line in label:  # 'Restaurante' in dimariorestaurante: a part, maybe generic
        return 0.5
    initials = "".join(fold(w)[:1] for w in text.split() if fold(w))
    if len(initials) >= 2 and (label.startswith(initials) or initials.startswith(label)):
        return 0.8
    first = fold(text.split()[0]) if text.split() else ""
    if len(first) >= 3 and label.startswith(first):
        return 0.7
    # 'Cabinet Moreau' ~ moreau-avocats.fr: a distinctive word of the line names the domain.
    distinctive = [fold(w) for w in text.split() if w.lower() not in words("org_words.txt")]
    if any(len(w) >= 4 and w in label for w in distinctive):
        return 0.7
    # 'SPIPAD INDUSTRIES' ~ sripad_ind2000@: a word one letter from a word of the domain's name.
    if any(
        Levenshtein.distance(w, part) == 1
        for w in distinctive
        for part in domain_words(domain)
        if len(w) >= 5
    ):
        return 0.7
    # 'INTERWORLD' ~ interwf (INTERWorld Freight): the domain's name is most of the line's first letters.
    common = next(
        (i for i, (a, b) in enumerate(zip(line, label, strict=False)) if a != b), min(len(line), len(label))
    )
    if common >= _MIN_COMMON_START and common >= len(label) - 2:
        return 0.7
    if spelled_by_domain(text.split(), domain) is not None:
        return 0.8  # 'LTDER FRTS' ~ liderfriorefrigeracao: a logo's letters misread, its words aligned
    return 0.8 if fuzz.ratio(line, label) >= 80 else 0.0


def domain_words(domain: str) -> list[str]:
    """The words of a domain's name where it marks them: 'sripad_ind2000' -> ['sripad'] (5 letters or
    more: shorter parts are initials and abbreviations)."""
    return [w for w in re.split(r"[^a-z]+", domain.split(".")[0].lower()) if len(w) >= 5]


def company_score(text: str, height_ratio: float, domain: str | None, top_share: float) -> float:
    """How much a line looks like the company name. top_share: 0 at the top of the card, 1 at the bottom."""
    tokens = word_list(text)
    if not tokens or "@" in text:
        return 0.0
    score = 0.0
    legal = legal_suffix(text)
    if legal:
        score += 2.0
    score += 2.0 * domain_agreement(text, domain)
    if any(t in words("institution_words.txt") for t in tokens):
        score += 1.2
    org_words = sum(t in words("org_words.txt") for t in tokens)
    if org_words:
        score += 0.6 + 0.3 * (org_words - 1)
    score += max(-0.3, min(1.0, height_ratio - 1.0)) * 0.8
    score += 0.3 * (1.0 - top_share)
    if has_digit(text):
        score -= 0.8
    if len(tokens) > 6:
        # 'Com. de pecas para Lavadoras e Refrig. Em Geral': a service list, whatever word of it the domain
        # shares; a firm's long name carries its legal form.
        score -= 1.0 if legal else 2.0
    return score


def best_company(
    candidates: Sequence[tuple[int, str, float, float]], domain: str | None
) -> tuple[int, float] | None:
    """(key, score) of the best (key, text, height_ratio, top_share) candidate, if any is good enough;
    on a tie the first candidate wins."""
    scored = [(company_score(text, ratio, domain, top), -key) for key, text, ratio, top in candidates]
    if not scored:
        return None
    score, key = max(scored)
    return (-key, score) if score >= _MIN_SCORE else None


def logo_initials(words: Sequence[Word]) -> bool:
    """Whether the first word is a logo's initials read on the company line: 'VS | VERTEX S.P.A.'.

    It must spell the initials of the words after it and stand apart from them (another size, or a
    gap wider than a letter), so a name that starts with its own acronym ('BSI Business Systems
    Integration AG') keeps it.
    """
    if len(words) < 2:
        return False
    first, rest = words[0], words[1:]
    if not (first.text.isalpha() and first.text.isupper() and len(first.text) <= 4):
        return False
    initials = "".join(w.text[0] for w in rest if w.text[:1].isalpha()).upper()
    if not initials.startswith(first.text):
        return False
    height = statistics.median(w.box.height for w in rest)
    apart = rest[0].box.left - first.box.right > 0.8 * height
    return apart or abs(first.box.height - height) > 0.25 * height


def logo_debris(text: str) -> bool:
    """Whether the first word is what OCR made of a logo mark in front of the name: 'GS) GRANITE SAS',
    'ri Riverbend Costruzioni', 'N OAKRIDGE PLC' (a short token unlike the capitalised words after it)."""
    tokens = text.split()
    if (
        len(tokens) < 2
        or len(tokens[0]) > 3
        or tokens[0].lower() in {"&", "the", "de", "la", "le", "el", "di"}
    ):
        return False
    first, rest = tokens[0], tokens[1:]
    if not all(t[:1].isupper() for t in rest if t[:1].isalpha()):
        return False
    odd_characters = any(not (c.isalnum() or c in "&'.") for c in first)
    # 'ri Riverbend', 'aN Northwind': lower-case or oddly mixed letters before capitalised words.
    lower_before_capitals = first.isalpha() and (first.islower() or (len(first) == 2 and first[0].islower()))
    letter_before_caps = len(first) == 1 and first.isupper() and all(t.isupper() for t in rest if t.isalpha())
    return odd_characters or lower_before_capitals or letter_before_caps
