"""Free text: what is left of each segment once emails, phones and websites took their words.

The name, title, company and department are chosen among these rests (see choose.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import dropwhile

from rapidfuzz.distance import Levenshtein

from ocr.extract.companies import legal_suffix
from ocr.extract.department import GROUP_SCORE, UNIT_SCORE, department_score
from ocr.extract.labels import strip_label
from ocr.extract.layout import Hit, Segment, card_text_height, spaced_text
from ocr.extract.lexicon import words
from ocr.extract.names import email_agreement, given_names, name_tokens
from ocr.extract.repair import join_spaced_letters
from ocr.extract.text import clean_value, fold
from ocr.extract.titles import title_score, title_words
from ocr.extract.vocabulary import label_words, phone_label_kinds


@dataclass(frozen=True)
class Rest:
    """What is left of a segment once emails, phones and websites took their words."""

    segment: Segment
    text: str
    height_ratio: float
    top_share: float  # 0 = top of the card, 1 = bottom

    @property
    def order(self) -> int:
        return self.segment.order


def remaining(segments: Sequence[Segment], used: set[tuple[int, int]]) -> list[Rest]:
    """Each segment's words that no exact field used, labels stripped, as free text."""
    if not segments:
        return []
    typical = card_text_height(segments)
    top = min(s.box.top for s in segments)
    span = max(1, max(s.box.bottom for s in segments) - top)
    labels = phone_label_kinds()
    rests: list[Rest] = []
    for segment in segments:
        words = [w for i, w in enumerate(segment.words) if (segment.order, i) not in used]
        if not words:
            continue
        text = clean_value(strip_label(join_spaced_letters(spaced_text(words))))
        if len(text) < 2 or text.lower().rstrip(".:") in labels or text.lower().rstrip(".:") in _LABEL_ONLY:
            continue
        kept = Segment(tuple(words), text, segment.line_index, segment.order)
        rests.append(Rest(kept, text, kept.height / typical, (kept.box.top - top) / span))
    return rests


# What is left of a line once its value was taken: a label alone is no name, title or company.
_LABEL_ONLY = label_words("email", "web", "address", "social")


def is_free_text(text: str) -> bool:
    """Never offer an email, URL or number-heavy line as name, title or company."""
    lowered = text.lower()
    digits = sum(c.isdigit() for c in text)
    return "@" not in text and "www." not in lowered and "://" not in lowered and digits <= len(text) // 3


def hits_of(rests: Sequence[Rest], orders: Sequence[int]) -> list[Hit]:
    chosen = [r for r in rests if r.order in set(orders)]
    return [
        Hit(r.text, r.segment, tuple(range(len(r.segment.words))), round(r.segment.confidence, 3))
        for r in chosen
    ]


def part(rest: Rest, start: int, end: int) -> Rest | None:
    """Words start..end of a rest as a rest of its own (None when its text and words do not line up)."""
    tokens = rest.text.split()
    if len(tokens) != len(rest.segment.words) or not 0 <= start < end <= len(tokens):
        return None
    text = " ".join(tokens[start:end]).strip(" ,;")
    segment = Segment(rest.segment.words[start:end], text, rest.segment.line_index, rest.order)
    return replace(rest, segment=segment, text=text)


def split_name_and_title(free: list[Rest]) -> list[Rest]:
    """'Tim Butler Director of Operations' or 'Jane Doe, CEO' on one line: a name, then a title."""
    result: list[Rest] = []
    for rest in free:
        tokens = rest.text.split()
        cut = next((i for i in range(2, min(4, len(tokens))) if title_score(" ".join(tokens[i:])) > 0), None)
        if cut is not None and title_score(" ".join(tokens[:cut])) == 0:
            name, title = part(rest, 0, cut), part(rest, cut, len(tokens))
            names = name_tokens(name.text) if name else None
            if name and title and names and names[0].lower() in given_names():
                result += [name, title]
                continue
        result.append(rest)
    return result


def split_company_and_name(
    free: list[Rest], email_locals: Sequence[str], domain: str | None = None
) -> list[Rest]:
    """'Lumen Foods Corp. Tyler Whitfield' on one line (the firm's block and the name side by side, OCR
    reading across both): a company ending in its legal form, or spelling the start of the card's domain
    ('Lumen Biotech Beatriz Figueiredo' beside lumen-biotech.com.br), then the name an email address
    spells."""
    result: list[Rest] = []
    for rest in free:
        tokens = rest.text.split()
        cut = next(
            (
                i
                for i in range(2, len(tokens) - 1)
                if 2 <= len(tokens) - i <= 3
                and (
                    (
                        tokens[i - 1].strip(",").lower() in words("legal_suffixes.txt")
                        and legal_suffix(" ".join(tokens[:i]))
                    )
                    or _spells_domain(tokens[:i], domain)
                )
                and all(t[:1].isupper() and t.isalpha() for t in tokens[i:])
                and _spelled_by_address(tokens[i:], email_locals)
            ),
            None,
        )
        company, name = (part(rest, 0, cut), part(rest, cut, len(tokens))) if cut else (None, None)
        if not (company and name):
            company, name = _name_glued_on(rest, email_locals)
        result += [company, name] if company and name else [rest]
    return result


def _name_glued_on(rest: Rest, email_locals: Sequence[str]) -> tuple[Rest | None, Rest | None]:
    """'Brightwater RobotAnnika Hoffmeister', 'Northgate Robotics GmbH & Anilika Brückner': a name printed
    over the end of the company's line, read into it (often into its last word). Split where the rest of
    the line is a name an email address spells (see _name_spelled: the given name, overprinted, is often
    misread), at a capital inside a word or at a word two words or more into the line."""
    tokens = rest.text.split()
    if len(tokens) < 3 or len(tokens) != len(rest.segment.words):
        return None, None
    for index in range(1, len(tokens) - 1):
        word = tokens[index]
        starts = [0] if index >= 2 else []
        starts += [at for at in range(2, len(word) - 1) if word[at].isupper() and word[at + 1].islower()]
        for at in starts:
            name = [word[at:], *tokens[index + 1 :]]
            if (
                2 <= len(name) <= 3
                and all(t[:1].isupper() and t.isalpha() and len(t) >= 2 for t in name)
                and _name_spelled(name, email_locals)
            ):
                return (
                    _split_word(rest, index, at)
                    if at
                    else (part(rest, 0, index), part(rest, index, len(tokens)))
                )
    return None, None


def _name_spelled(name: Sequence[str], email_locals: Sequence[str]) -> bool:
    """An email's local part is the given name ('beatriz@'), the family name ('thornton@'), or the family
    name after the given name or its initial ('a.hoffmeister', 'm.scholz' for 'Vlareike Scholz' as read)."""
    family, given = fold(name[-1]), fold(name[0])
    for local in (fold(x) for x in email_locals):
        if local == given and len(given) >= 3:
            return True
        if len(family) < 4 or family not in local:
            continue
        before = local.partition(family)[0].strip("._-")
        if local == family or (before and (len(before) == 1 or Levenshtein.distance(before, given) <= 2)):
            return True
    return False


def _split_word(rest: Rest, index: int, at: int) -> tuple[Rest | None, Rest | None]:
    """The rest cut inside word `index` at character `at`: the words before and the word's head, then the
    word's tail and the words after (the word's box divided in proportion to its characters)."""
    words = rest.segment.words
    word = words[index]
    share = at / max(1, len(word.text))
    left_width = max(1, round(word.box.width * share))
    head = replace(word, text=word.text[:at], box=replace(word.box, width=left_width))
    tail = replace(
        word,
        text=word.text[at:],
        box=replace(word.box, left=word.box.left + left_width, width=max(1, word.box.width - left_width)),
    )
    pieces = []
    for chosen in ((*words[:index], head), (tail, *words[index + 1 :])):
        text = " ".join(w.text for w in chosen).strip(" ,;")
        segment = Segment(tuple(chosen), text, rest.segment.line_index, rest.order)
        pieces.append(replace(rest, segment=segment, text=text))
    return pieces[0], pieces[1]


def _spells_domain(tokens: Sequence[str], domain: str | None) -> bool:
    """Two words or more whose letters are the domain's name, most of its start (the end hidden or cut:
    'Lumen Biote' of lumen-biotech.com.br), or the domain's name and more ('Lumen Analytics' of
    lumen.co.uk)."""
    # A logo mark read before the firm's name ('oO Lumen Analyti') is no part of it.
    tokens = list(dropwhile(lambda t: len(t) <= 2, tokens))
    if not domain or len(tokens) < 2:
        return False
    name = "".join(c for c in fold(domain.split(".")[0]) if c.isalnum())
    letters = "".join(c for c in fold("".join(tokens)) if c.isalnum())
    if len(name) < 4:
        return False
    return (len(letters) >= 0.75 * len(name) and name.startswith(letters)) or letters.startswith(name)


def _spelled_by_address(tokens: list[str], email_locals: Sequence[str]) -> bool:
    """An address built from these words ('tyler.whitfield'), or the given name we know alone ('tyler')."""
    agreement = email_agreement(tokens, email_locals)
    return agreement == 1.0 or (agreement >= 0.8 and tokens[0].lower() in given_names())


# A unit named as one by its form ('... Division', '... BU', '... Group'), not a field of work the lexicon
# knows ('Business Development' may be the end of the title: 'CAO, Business Development').
_UNIT_BY_FORM = (UNIT_SCORE, GROUP_SCORE)


_LINKING_WORDS = frozenset(
    {
        "of",
        "for",
        "at",
        "in",
        "and",
        "&",
        "-",
        "de",
        "du",
        "des",
        "der",
        "die",
        "di",
        "del",
        "della",
        "van",
        "von",
    }
)


def split_title_and_unit(free: list[Rest]) -> list[Rest]:
    """'Sr. Director Edge Visualization BU' on one line: a title, then the unit the person heads."""
    result: list[Rest] = []
    for rest in free:
        tokens = rest.text.split()
        cuts = [
            i
            for i in range(1, len(tokens) - 1)
            if title_score(" ".join(tokens[:i])) > 0
            and title_words(" ".join(tokens[i:])) == 0
            and department_score(" ".join(tokens[i:])) in _UNIT_BY_FORM
            # 'Head of Cloud Group' is one title
            and not {tokens[i - 1].lower(), tokens[i].lower()} & _LINKING_WORDS
        ]
        title, unit = (part(rest, 0, cuts[0]), part(rest, cuts[0], len(tokens))) if cuts else (None, None)
        result += [title, unit] if title and unit else [rest]
    return result
