"""Words OCR misread, cut in two or ran together, read back before the card's lines become segments: a
letter read as a digit ('R0B0TICS', 'Wi11iam'), an m read as 'rn' or a capital I read as l in a word
that tells a line's role ('Cornpliance', 'lnformation'), a role word cut in two ('Man ager') or two run
together ('SupplyChain'), and on a short line, where a name stands, a given and a family name read as
one word ('MeganBrennan'). Each repair is a named rule (ocr/extract/rules/text.py); measured by class
with benchmarks/robustness.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ocr.extract.lexicon import gazetteer_name
from ocr.extract.rules import rule
from ocr.extract.vocabulary import label_words
from ocr.types import Box, Line, Word

# A word of letters, perhaps with the punctuation that ends it: never part of an address, handle or number.
_PLAIN_WORD = re.compile(r"[^\W\d_]+[.,:;]?")


def read_back(lines: Sequence[Line]) -> list[Line]:
    """The lines with their words read back as printed, where a named rule is sure of it."""
    m_back = rule("text.m-read-as-rn").rewrite
    name_m_back = rule("name.m-read-as-rn").rewrite
    i_back = rule("text.role-word-capital-i-read-as-l").rewrite
    o_back = rule("text.zero-read-for-o").rewrite
    l_back = rule("text.one-read-for-l").rewrite
    run_apart = rule("text.role-words-run-together").rewrite
    form_apart = rule("text.form-or-street-run-together").rewrite
    split_name = rule("name.words-run-together").rewrite
    out = []
    for line in lines:
        words = [replace(w, text=l_back(o_back(w.text))) for w in line.words]
        words = [
            replace(w, text=i_back(name_m_back(m_back(w.text)))) if _PLAIN_WORD.fullmatch(w.text) else w
            for w in words
        ]
        words = _rejoined(words)
        words = [part for w in words for part in _parts(w, run_apart(w.text) if w.text.isalpha() else w.text)]
        words = [part for w in words for part in _parts(w, form_apart(w.text))]
        if len(words) <= 2:
            words = [part for w in words for part in _parts(w, split_name(w.text))]
        out.append(Line(tuple(words)))
    return out


def _rejoined(words: list[Word]) -> list[Word]:
    """Neighbouring words that text.role-word-split, text.name-split, text.place-split or text.word-split
    joins, as one word over both boxes."""
    joins = [rule(f"text.{kind}-split").rewrite for kind in ("role-word", "name", "place", "word")]
    out: list[Word] = []
    for word in words:
        pair = f"{out[-1].text} {word.text}" if out else ""
        if out and (any(" " not in join(pair) for join in joins) or _address_cut(out[-1], word)):
            previous = out[-1]
            out[-1] = replace(previous, text=previous.text + word.text, box=Line((previous, word)).box)
        else:
            out.append(word)
    return out


# A gap under this share of the words' height is a letter gap, not a word space: 2.6% of the word gaps on
# the cached real, own and held-out cards' Tesseract lines are narrower (punctuation and cut words among
# them), the median is 0.39.
LETTER_GAP = 0.15
_ADDRESS_START = re.compile(r"^@?[\w.+'%/-]+$")  # no ':' (a label's)
_HANDLE_START = re.compile(r"^@\w+$")
_HANDLE_REST = re.compile(r"^\w+$")
_PATH_START = re.compile(r"\w\.[a-z]{2,}(?:\.[a-z]{2})?/(?:in/|company/)?[\w-]+$", re.IGNORECASE)


def _address_cut(left: Word, right: Word) -> bool:
    """'jane.d' 'oe@acme.com', 'www.acme.c' 'om': an email or web address OCR cut at a letter gap. The
    two read as one validate, the left one alone does not, and the gap is a letter's, not a space's."""
    from ocr.extract.validators import valid_email, valid_website

    gap = right.box.left - left.box.right
    if gap > LETTER_GAP * max(left.box.height, right.box.height) or not _ADDRESS_START.match(left.text):
        return False
    if left.text.lower().rstrip(".") in label_words("email", "web", "social"):
        return False  # 'Email' 'n.colombo@...': a label set close
    joined = left.text + right.text
    if _HANDLE_START.match(left.text):  # '@jane' 'doe': a handle's letters, up to X's 15
        return bool(_HANDLE_REST.match(right.text)) and len(joined) <= 16
    if "@" in joined:
        # 'annika' 'bruckner@': a name before a name is a separator lost (a dot leaves a narrow gap too),
        # which crosscheck.repair_local_part puts back; 'j' 'aydn@' an initial's.
        lost_separator = left.text.isalpha() and (len(left.text) < 3 or gazetteer_name(left.text.lower()))
        return not lost_separator and valid_email(joined) and not valid_email(left.text)
    if _PATH_START.search(left.text) and _HANDLE_REST.match(right.text.replace("-", "_")):
        return not right.text[:1].isupper()  # 'linkedin.com/in/jane-d' 'oe': a profile path goes on
    web = joined.lower().startswith(("www.", "http"))
    return web and valid_website(joined) and not valid_website(left.text)


def _parts(word: Word, spaced: str) -> list[Word]:
    """The word, or the words of `spaced` (its text with spaces put in), each with its share of the box."""
    if spaced == word.text or spaced.replace(" ", "") != word.text:
        return [word]
    box, left, done = word.box, word.box.left, 0
    out = []
    for part in spaced.split(" "):
        done += len(part)
        right = box.left + round(box.width * done / len(word.text))
        out.append(replace(word, text=part, box=Box(left, box.top, right - left, box.height)))
        left = right
    return out
