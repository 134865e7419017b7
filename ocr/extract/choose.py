"""Choosing the name, title, department and company among the free-text rests of a card."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from ocr.extract.companies import (
    best_company,
    domain_agreement,
    legal_suffix,
    logo_debris,
    logo_initials,
    registered_form,
)
from ocr.extract.company_spelling import spelled_by_domain
from ocr.extract.department import GROUP_SCORE, LINKING_WORDS, department_score
from ocr.extract.freetext import Rest, part
from ocr.extract.lexicon import words
from ocr.extract.names import NAME_PARTICLES, email_agreement, name_score, name_tokens
from ocr.extract.rules import rule
from ocr.extract.text import fold, word_list
from ocr.extract.titles import title_score

_MIN_NAME_SCORE = 0.8


def among(rest: Rest, rests: Sequence[Rest]) -> bool:
    return any(rest is other for other in rests)


def pick_title(free: Sequence[Rest], near: Rest | None = None) -> Rest | None:
    # A line the department lexicon knows ('Sales & Marketing', 'Departamento Comercial') is no title, nor
    # is a firm's name with its legal form ('NEPRA Resource Management Pvt. Ltd.').
    scored = [
        (title_score(r.text), r)
        for r in free
        if r is not near and department_score(r.text) < 1.5 and not registered_form(r.text)
    ]
    scored = [(s, r) for s, r in scored if s > 0]
    if not scored:
        return None
    if near is not None:
        return min(scored, key=lambda sr: (abs(sr[1].order - near.order), -sr[0]))[1]
    return max(scored, key=lambda sr: sr[0])[1]


def pick_name(
    free: list[Rest], email_locals: Sequence[str], title: Rest | None, domain: str | None
) -> tuple[Rest | None, list[Rest]]:
    """The name's rest, and the free rests left for the other fields (a logo word read on the name's
    line, 'raft Franck Ginon', is cut off and goes back to them)."""
    best: tuple[float, Rest] | None = None
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
                named = part(rest, start, end)
                if named and email_agreement(tokens[start:end], email_locals) == 1.0:
                    leftover = part(rest, 0, 1) if start else part(rest, end, len(tokens))
                    others = [r for r in free if r is not rest] + ([leftover] if leftover else [])
                    return named, others
        if len(tokens) == 1 and domain and fold(rest.text) == fold(domain.split(".")[0]):
            continue  # 'SAIMEDHA' beside saimedha.com: one word that is the domain's whole name is the firm
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


def continued_name(name: Rest, free: Sequence[Rest]) -> tuple[Rest, Rest | None]:
    """A one-word name whose family name, led by a particle, is printed on the next line ('koen' over
    'de jong'): the whole name, and the rest it took (None when there is no such line)."""
    if len(name.text.split()) != 1:
        return name, None
    below = next((r for r in free if r.order == name.order + 1), None)
    if below is None:
        return name, None
    tokens = below.text.split()
    similar_size = 0.75 <= below.height_ratio / max(name.height_ratio, 1e-6) <= 1.33
    if (
        not 2 <= len(tokens) <= 3
        or tokens[0].lower() not in NAME_PARTICLES
        or not all(t.isalpha() for t in tokens)
        or not similar_size
        or title_score(below.text) > 0
    ):
        return name, None
    return replace(name, text=f"{name.text} {below.text}"), below


def pick_department(free: Sequence[Rest], taken: Sequence[Rest], domain: str | None = None) -> Rest | None:
    """The free rest that most looks like a department, other than those already taken; a line that
    spells the email/web domain ('EVERGREEN ENGINEERING' beside evergreen-eng.com) is the company."""
    scored = [
        r
        for r in free
        if not among(r, taken) and department_score(r.text) > 0 and domain_agreement(r.text, domain) < 0.7
    ]
    # A unit named only by its last word ('Cloud Solutions Group') is a department when another line is
    # surely the firm (its legal form, or its domain's name); alone it may be the firm ('Tata Group').
    firms = [
        r
        for r in free
        if not among(r, taken) and (registered_form(r.text) or domain_agreement(r.text, domain) >= 0.8)
    ]
    scored = [
        r for r in scored if department_score(r.text) > GROUP_SCORE or any(firm is not r for firm in firms)
    ]
    best = max(scored, key=lambda r: department_score(r.text), default=None)
    if best is None:
        return None
    # 'Electrical ENGINEERING' beside 'ENGINEERING' read on a line of its own: the fuller name of the unit.
    fuller = [r for r in scored if fold(best.text) in fold(r.text) and len(r.text) > len(best.text)]
    return max(fuller, key=lambda r: department_score(r.text), default=best)


def with_unit_lines(department: Rest, free: Sequence[Rest], taken: Sequence[Rest]) -> tuple[Rest, list[Rest]]:
    """'Edge Visualization BU' over 'Industrial Display & Systems Business Center': a unit within a unit,
    printed on the next lines, belongs to the department ('A, B' as cards write them on one line).

    Returns the department (lines joined) and the rests it took."""
    joined, used = department, []
    for _ in range(2):
        below = next((r for r in free if r.order == joined.order + len(used) + 1), None)
        similar_size = (
            below is not None and 0.75 <= below.height_ratio / max(department.height_ratio, 1e-6) <= 1.33
        )
        if below is None or among(below, taken) or not similar_size or department_score(below.text) == 0:
            break
        used.append(below)
        # 'Setor' over 'de Compras': one name OCR read as two lines, joined as printed.
        separator = " " if below.text.split()[0] in LINKING_WORDS else ", "
        joined = replace(joined, text=f"{joined.text.rstrip(' ,')}{separator}{below.text}")
    return joined, used


def pick_company(free: Sequence[Rest], domain: str | None) -> Rest | None:
    """The best company line, without a logo's initials or debris read in front of it."""
    # A logo's initials on a line of their own ('ME' above 'MERIDIAN ELEKTROTECHNIK') are not the name.
    initials = {"".join(w[0] for w in r.text.split() if w[:1].isalpha()).upper() for r in free}
    free = [r for r in free if not (r.text.isupper() and r.text.isalpha() and r.text in initials - {r.text})]
    # A line that only says what kind of place it is ('RESTAURANTE', 'INTERNATIONAL LOGISTICS') names none.
    candidates = [
        (index, r.text, r.height_ratio, r.top_share)
        for index, r in enumerate(free)
        if not (_only_institution_words(r.text) or _only_kind_words(r.text))
    ]
    found = best_company(candidates, domain)
    if found is None:
        return None
    rest = free[found[0]]
    if logo_initials(rest.segment.words) or logo_debris(rest.text):
        rest = part(rest, 1, len(rest.segment.words)) or rest
    stacked = stacked_company(rest, free, domain)
    if stacked is rest:
        stacked = stacked_company(spelled_like_domain(rest, domain), free, domain)
    return with_unit_below(stacked, free, domain)


# Lines of a unit under the organisation's name: at most this many, each starting within this share of the
# name's height of its left edge and this share of a line's height below the line above.
_MAX_UNIT_LINES = 2
_SAME_COLUMN = 0.5
_LINE_GAP = 1.0


def with_unit_below(company: Rest, free: Sequence[Rest], domain: str | None) -> Rest:
    """'STANFORD' over 'COMPUTER FORUM' (tmurakam@stanford.edu): the lines under a one-word name in the
    same column, close under it, offered to the rule company.unit-below-domain-name, which decides from
    their words and the domain whether they name the unit the card is from."""
    if not domain or " " in company.text:
        return company
    box = company.segment.box
    lines: list[Rest] = []
    for rest in sorted((r for r in free if r.order > company.order), key=lambda r: r.order):
        above = lines[-1].segment.box if lines else box
        below = rest.segment.box
        if abs(below.left - box.left) > _SAME_COLUMN * box.height:
            continue  # another column's line read between ('Electrical Engineering' on the right)
        # Boxes of neighbouring lines may touch or overlap a little.
        if not -0.25 * below.height <= below.top - above.bottom <= _LINE_GAP * below.height:
            break
        lines.append(rest)
        if len(lines) == _MAX_UNIT_LINES:
            break
    if not lines:
        return company
    text = "\n".join([company.text, *(r.text for r in lines), domain])
    joined = rule("company.unit-below-domain-name").rewrite(text)
    return company if joined == text else replace(company, text=joined)


def stacked_company(rest: Rest, free: Sequence[Rest], domain: str | None) -> Rest:
    """'HARBORVIEW' over 'BERATUNG AG' beside harborview-beratung.de: a company name printed on two lines,
    joined when only the two lines together spell the domain's name."""
    label = fold(domain.split(".")[0]) if domain else ""
    core = _without_legal_form(rest.text)
    if len(label) < 6 or not core or core not in label or core == label:
        return _stacked_misread(rest, free, domain)
    for other in free:
        # No size check: a logo mark read on the line ('ay HARBORVIEW') distorts its height, and only the
        # domain spelled across both lines joins them.
        if abs(other.order - rest.order) != 1 or _only_institution_words(other.text):
            continue  # 'Di Mario' over 'RESTAURANTE' (dimariorestaurante@): the line says what kind of place
        above, below = (other, rest) if other.order < rest.order else (rest, other)
        joined = f"{above.text} {below.text}"
        if label in _without_legal_form(joined) or abbreviates(joined.split(), label):
            return replace(rest, text=joined)
    return _stacked_misread(rest, free, domain)


def _stacked_misread(rest: Rest, free: Sequence[Rest], domain: str | None) -> Rest:
    """'PRASAN' over 'RESIDENCY' beside prasangpresidency.com: a logo's two lines with letters misread,
    joined when together they align with the domain's name (company.spelled-by-domain). The line under
    may come after another column's line ('General Manager' read between them): the next free line."""
    after = [r for r in free if r.order > rest.order]
    if not after:
        return rest
    below = min(after, key=lambda r: r.order)
    joined = f"{rest.text} {below.text}"
    if spelled_by_domain(joined.split(), domain) is not None:
        return replace(rest, text=joined)
    # 'INTERWORLD' over 'FREIGHT' beside interwf.com: the domain abbreviates the two lines.
    if domain and rule("company.prefix-and-initials").first(f"{rest.text}\n{below.text}\n{domain}"):
        return replace(rest, text=joined)
    return rest


def abbreviates(tokens: Sequence[str], label: str) -> bool:
    """Whether the domain's name is the words with some cut short: 'SOFTWARE MAESTRO' ~ swmaestro, each
    word giving letters of its own in order from its first ('sw' of software), one word whole."""
    words_ = [fold(t) for t in tokens if fold(t)]
    if not 2 <= len(words_) <= 4 or not label.isalpha():
        return False

    def split(i: int, at: int, whole: bool, short: bool) -> bool:
        if i == len(words_):
            return at == len(label) and whole and short
        word = words_[i]
        for end in range(at + 1, len(label) + 1):
            piece = label[at:end]
            if piece[0] != word[0] or not _subsequence(piece, word):
                break
            if split(i + 1, end, whole or (piece == word and len(word) >= 4), short or piece != word):
                return True
        return False

    return split(0, 0, False, False)


def _subsequence(piece: str, word: str) -> bool:
    letters = iter(word)
    return all(c in letters for c in piece)


def with_kind_lines(
    company: Rest, free: Sequence[Rest], taken: Sequence[Rest], domain: str | None = None
) -> tuple[Rest, list[Rest]]:
    """'BAY TECH' over 'INSURANCE' over 'SERVICES', 'Blaiklock' over 'international logistics': the lines
    right below the company's that only say what kind of organisation it is belong to its name. So do the
    pieces of the company's own line printed apart from it: a kind-of-firm word or the domain's name before
    it ('MAISON' | 'LEFÈVRE', 'KESTREL' | 'INGENIERÍA S.L.' beside kestrel.es), a legal form after it
    ('VERTEX LOGÍSTICA' | 'S.A.').

    Returns the company (lines joined) and the rests it took (a line taken for the department too)."""
    joined, used = company, []
    before = _piece_of_line(company, free, taken, company.order - 1)
    if before is not None and (_only_kind_words(before.text) or _named_by_domain(before.text, domain)):
        joined = replace(joined, text=f"{before.text} {joined.text}")
        used.append(before)
    order = company.order
    for _ in range(3):
        order += 1
        below = next((r for r in free if r.order == order), None)
        if below is None or among(below, taken):
            break
        if not _only_kind_words(below.text):
            piece = _piece_of_line(company, free, taken, order)
            if piece is not None and legal_suffix(f"x {piece.text}") and not legal_suffix(joined.text):
                joined = replace(joined, text=f"{joined.text} {piece.text}")  # the legal form ends it
                used.append(piece)
            break
        used.append(below)
        if fold(below.text) in fold(joined.text):
            continue  # already joined to it for spelling the domain ('BAY TECH' + 'INSURANCE')
        # 'ENGINEERING&' over 'CONSTRUCTION': the ampersand the line ends with joins them.
        text = below.text[:-1].rstrip() + " &" if below.text.endswith("&") else below.text
        joined = replace(joined, text=f"{joined.text} {text}")
    return replace(joined, text=joined.text.rstrip(" &")), used


def _piece_of_line(company: Rest, free: Sequence[Rest], taken: Sequence[Rest], order: int) -> Rest | None:
    """The free rest at `order` when it is another piece of the company's OCR line."""
    piece = next((r for r in free if r.order == order), None)
    if piece is None or piece.segment.line_index != company.segment.line_index or among(piece, taken):
        return None
    return piece


def _named_by_domain(text: str, domain: str | None) -> bool:
    """'KESTREL' beside kestrel.es: a word of three letters or more that the domain's name holds."""
    label = re.sub(r"[^a-z0-9]", "", fold(domain.split(".")[0])) if domain else ""
    compact = re.sub(r"[^a-z0-9]", "", fold(text))
    return len(compact) >= 3 and compact.isalpha() and compact in label


def _only_kind_words(text: str) -> bool:
    """'INTERNATIONAL LOGISTICS', 'ENGINEERING& CONSTRUCTION': organisation words (and '&') only."""
    tokens = [t for t in word_list(text.replace("&", " ")) if t != "and"]
    return 0 < len(tokens) <= 3 and all(t.rstrip(".") in words("org_words.txt") for t in tokens)


def _only_institution_words(text: str) -> bool:
    return all(t in words("institution_words.txt") for t in word_list(text))


def _without_legal_form(text: str) -> str:
    return fold(" ".join(t for t in text.split() if not legal_suffix(f"x {t}")))


def spelled_like_domain(rest: Rest, domain: str | None) -> Rest:
    """'BIGGROWIH' beside biggrowth.com is 'BIGGROWTH': a one-word company name a letter or two from
    the domain's name takes the domain's spelling (in the printed case); 'SPRINGBOARD' beside
    91springboard.com takes the digits a logo printed apart."""
    label = domain.split(".")[0] if domain else ""
    word = rest.text
    if " " in word or not word.isalpha() or len(label) < 5 or word.lower() == label:
        return rest
    digits = label[: len(label) - len(label.lstrip("0123456789"))]
    if digits and word.lower() == label[len(digits) :]:
        return replace(rest, text=f"{digits} {word}")  # '91 SPRINGBOARD': the logo's digits, then the word
    if Levenshtein.distance(word.lower(), label) > (1 if len(label) < 8 else 2):
        return rest
    fixed = label.upper() if word.isupper() else label.capitalize() if word[:1].isupper() else label
    return replace(rest, text=fixed)
