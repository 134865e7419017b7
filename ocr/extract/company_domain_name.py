"""The company's name completed from its domain, when the card prints part of the name only in a logo.

'NAIL SPA' beside www.LaJolieNailSpa.com is 'La Jolie NAIL SPA': the website printed in CamelCase says
where the domain's words begin. 'Patnagar' beside patnagarflowers@gmail.com is 'Patnagar Flowers' when
the card prints 'Flower' somewhere: the domain's remaining letters are a word the card uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ocr.extract.lexicon import words
from ocr.extract.text import fold, word_core
from ocr.word_list import english_word_costs

# A word of the domain's rest must be this long to count ('spa' and 'co' say too little).
_MIN_ADDED_LETTERS = 4
# A printed word may lack this many of the domain's letters ('Flower' for 'flowers').
_MAX_MISSING_LETTERS = 1
# A word cut at its end: at most this many letters lost, of a word read with at least _MIN_CUT_WORD.
_MAX_FINISHED_LETTERS = 3
_MIN_CUT_WORD = 4


def completed_from_domain(text: str, domain: str | None, printed: Sequence[str]) -> str:
    """The company line with the words of its domain's name that the line lacks, as the card spells them
    elsewhere (a website in CamelCase, or a printed word); the line unchanged when nothing says so."""
    if not domain or not text.strip():
        return text
    label = fold(domain.split(".")[0])
    line = fold(text)
    if len(line) < 3 or line == label or line not in label:
        return text
    return (
        _from_camel_case(text, label, printed)
        or _with_printed_word(text, label, printed)
        or _last_word_finished(text, label)
        or text
    )


def _last_word_finished(text: str, label: str) -> str | None:
    """'Verdant Logisti' beside verdant-logistics.de -> 'Verdant Logistics': the line's last word lost its
    last letters (cut by the card's edge or the next word's ink) and the domain ends in it whole."""
    tokens = text.split()
    rest = label[len(fold(text)) :]
    if (
        not label.startswith(fold(text))
        or not tokens
        or not 1 <= len(rest) <= _MAX_FINISHED_LETTERS
        or not rest.isalpha()
    ):
        return None
    cut = fold(tokens[-1])
    finished = cut + rest
    if len(cut) < _MIN_CUT_WORD or not tokens[-1][-1:].isalpha():
        return None
    # The domain's last word, whole, and a word ('verdant-ai.de' does not make 'Verdant' 'Verdantai').
    costs = english_word_costs()
    if not label.endswith(finished) or costs is None or costs.rank(finished) is None:
        return None
    return " ".join([*tokens[:-1], tokens[-1] + (rest.upper() if tokens[-1].isupper() else rest)])


def _from_camel_case(text: str, label: str, printed: Sequence[str]) -> str | None:
    """'NAIL SPA' + 'www.LaJolieNailSpa.com' -> 'La Jolie NAIL SPA'."""
    for word in printed:
        found = re.search(re.escape(label), word, flags=re.IGNORECASE)
        if not found:
            continue
        parts = re.findall(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])|\d+", word[found.start() : found.end()])
        if len(parts) < 2 or any(p.islower() for p in parts[1:]):
            continue  # no CamelCase: the letters do not say where words begin
        folded = [fold(p) for p in parts]
        tokens = [fold(t) for t in text.split()]
        for start in range(len(folded) - len(tokens) + 1):
            if folded[start : start + len(tokens)] == tokens:
                before, after = parts[:start], parts[start + len(tokens) :]
                return " ".join([*before, text, *after])
    return None


def _with_printed_word(text: str, label: str, printed: Sequence[str]) -> str | None:
    """'Patnagar' + patnagarflowers@ + 'Flower' printed on the card -> 'Patnagar Flowers'."""
    line = fold(text)
    if not label.startswith(line):
        return None
    rest = label[len(line) :]
    if len(rest) < _MIN_ADDED_LETTERS or not rest.isalpha():
        return None
    for word in printed:
        letters = fold(word)
        close = len(letters) >= _MIN_ADDED_LETTERS and len(rest) - len(letters) <= _MAX_MISSING_LETTERS
        # 'Di Mario' beside dimariorestaurante@ and 'RESTAURANTE': the kind of place, not its name.
        if close and rest.startswith(letters) and letters not in words("institution_words.txt"):
            return f"{text} {rest.upper() if text.isupper() else rest.capitalize()}"
    return None


def last_word_completed(text: str, printed: Sequence[str]) -> str:
    """'HDFC securi' where the card prints 'securities' too: the line's last word lost its end (cut by a
    logo's edge, a shadow, the second engine's box) and is no word, and exactly one longer word the card
    prints elsewhere begins with it and is one. An abbreviation is a word or ends in a dot ('Tech',
    'Intl.'), so it stays as printed."""
    tokens = text.split()
    costs = english_word_costs()
    if not tokens or costs is None:
        return text
    cut = tokens[-1]
    letters = fold(cut)
    if len(cut) < _MIN_CUT_WORD or not cut.isalpha() or costs.rank(letters) is not None:
        return text
    longer = {
        fold(word): word
        for word in (word_core(w) for w in printed)
        if word.isalpha() and len(word) > len(cut) and fold(word).startswith(letters)
    }
    if len(longer) != 1:
        return text
    folded, word = next(iter(longer.items()))
    if costs.rank(folded) is None:
        return text
    finish = word[len(cut) :]
    return " ".join([*tokens[:-1], cut + (finish.upper() if cut.isupper() else finish.lower())])
