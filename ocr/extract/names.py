"""The person's name: the most name-like line by size, lexicon and agreement with the email address."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from nameparser import HumanName

from ocr.extract.lexicon import HashedWords, gazetteer, words
from ocr.extract.text import fold, has_digit

_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-])*$", re.UNICODE)
_DEGREES = frozenset(
    {
        "phd",
        "ph.d.",
        "md",
        "m.d.",
        "dmd",
        "d.m.d.",
        "mba",
        "jr",
        "jr.",
        "sr",
        "sr.",
        "ii",
        "iii",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dipl.-ing.",
        "esq",
    }
)

# Degrees and professional credentials printed after a name ('Jane Doe, CPA'), lower-case without dots.
CREDENTIALS = frozenset(
    {
        "phd",
        "ph.d",
        "mba",
        "cpa",
        "cfa",
        "cfp",
        "pe",
        "p.e",
        "md",
        "m.d",
        "dds",
        "dmd",
        "d.m.d",
        "esq",
        "fca",
        "aca",
        "acca",
        "llm",
        "ll.m",
        "msc",
        "m.sc",
        "bsc",
        "b.sc",
        "ma",
        "bs",
        "b.s",
        "ms",
        "rn",
        "pmp",
        "cissp",
        "b.s.b.a",
        "frcs",
        "mrcs",
        "jd",
        "j.d",
        "dipl.-ing",
        "ing",
    }
)


_CREDENTIAL_KEYS = frozenset(c.replace(".", "") for c in CREDENTIALS)


def name_tokens(text: str) -> list[str] | None:
    """The words of a line that could be a personal name, or None when it cannot be one."""
    if has_digit(text) or "@" in text or "/" in text:
        return None
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    if not 1 <= len(tokens) <= 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    # 'Jane Doe, PhD': a credential printed after the name is part of it as printed, whatever its shape.
    if not all(_name_shaped(t) or _credential_after_name(text, t) for t in tokens):
        return None
    # 'São Paulo, SP': a state or country code is no part of a name (initials carry a dot).
    if (
        len(tokens) > 1
        and any(len(t) == 2 and t.isalpha() and t.isupper() for t in tokens)
        and not text.isupper()
    ):
        return None
    return tokens


def _credential_after_name(text: str, token: str) -> bool:
    """'PhD' in 'Jane Doe, PhD': a credential of CREDENTIALS after the line's first comma."""
    _, comma, after = text.partition(",")
    return bool(comma) and token in after.split() and token.replace(".", "").lower() in _CREDENTIAL_KEYS


def _name_shaped(token: str) -> bool:
    """'Jane', 'JANE', 'jane', 'McDonald', "O'Brien", 'Müller-Lüdenscheidt', 'D.M.D.'; not OCR debris
    such as 'DpDOndo'."""
    for part in re.split(r"[-'’.]", token.strip(",")):
        if not part or part.isupper() or part.islower() or (part[0].isupper() and part[1:].islower()):
            continue
        # 'WeiB', 'StrauBe': an ß that English-trained OCR read as B (accents.py spells it back).
        if not re.fullmatch(r"(?:Mc|Mac)[^\W\d_][^\W\d_A-Z]+|[A-Z][^\W\d_A-Z]+B[^\W\d_A-Z]*", part):
            return False
    return True


# German addresses spell umlauts out: Jürgen Weiß is juergen.weiss@.
SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def email_agreement(tokens: Sequence[str], email_locals: Sequence[str]) -> float:
    """1.0 when an email's local part is built from these name words ('jane.doe', 'jdoe', 'janed'),
    umlauts dropped or spelled out ('jurgen' or 'juergen' for Jürgen)."""
    spelled_out = [t.translate(SPELLED_OUT) for t in tokens]
    agreement = _agreement(tokens, email_locals)
    if spelled_out != list(tokens) and agreement < 1.0:
        agreement = max(agreement, _agreement(spelled_out, email_locals))
    if agreement < 1.0 and family_first(tokens):
        # 'KOBAYASHI Daiki' signs dkobayashi@ or daiki.kobayashi@: the address names him given name first.
        agreement = max(agreement, email_agreement([*tokens[1:], tokens[0]], email_locals))
    return agreement


def address_name_forms(tokens: Sequence[str]) -> set[str]:
    """The ways an email or a handle spells a person's name, letters only: 'janedoe', 'jdoe', 'doej',
    'janed', 'doejane', 'jane', 'doe', the family name with its particles ('devries', 'obriain'), umlauts
    spelled out ('juergen'), and given name first for a family name printed first ('KOBAYASHI Daiki')."""
    orders = [list(tokens)]
    if family_first(tokens):
        orders.append([*tokens[1:], tokens[0]])
    forms: set[str] = set()
    for order in orders:
        for spelled in (order, [t.translate(SPELLED_OUT) for t in order]):
            parts = [fold(t) for t in spelled if fold(t) and t.lower() not in _DEGREES]
            if not parts:
                continue
            first, rest = parts[0], parts[1:]
            forms.add(first)
            for last in {rest[-1], "".join(rest)} if rest else ():
                forms |= {last, first + last, first[0] + last, last + first[0], first + last[0], last + first}
    return forms


def end_lost(read: str, spelled: str, other_words: Sequence[str]) -> bool:
    """Whether `read` is `spelled` with its last one or two letters lost ('raghunatha', 'raghunathan'), both
    folded. Not where those letters start another word of the name: 'malte' in 'maltevo' for Malte Voß is
    the given name followed by the family name's start."""
    rest = spelled[len(read) :]
    return (
        spelled.startswith(read)
        and 1 <= len(rest) <= 2
        and rest.isalpha()
        and not any(other.startswith(rest) for other in other_words)
    )


def family_first(tokens: Sequence[str]) -> bool:
    """'KOBAYASHI Daiki', 'SAKAMOTO Sota': the family name first, set apart in capitals (East Asian cards
    printed in Latin letters)."""
    return (
        len(tokens) == 2
        and len(tokens[0]) > 1
        and tokens[0].isupper()
        and tokens[1][:1].isupper()
        and not tokens[1].isupper()
    )


def _agreement(tokens: Sequence[str], email_locals: Sequence[str]) -> float:
    parts = [fold(t) for t in tokens if fold(t) and t.lower() not in _DEGREES]
    if len(parts) < 1:
        return 0.0
    best = 0.0
    for local in email_locals:
        local = fold(local)
        if len(local) < 2:
            continue
        first, last = parts[0], parts[-1]
        if len(parts) >= 2 and (
            first + last == local
            or first[0] + last == local
            or last + first[0] == local
            or first + last[0] == local
            or local == f"{first}{''.join(parts[1:])}"
            or local == f"{first[0]}{''.join(parts[1:])}"  # 'ldeluca' for Luca De Luca
        ):
            return 1.0
        if (len(last) >= 3 and last in local) or (len(first) >= 3 and local == first):
            best = max(best, 0.8)
        elif len(first) >= 4 and first in local:
            best = max(best, 0.5)
    return best


@cache
def given_names() -> HashedWords:
    """Given names: names-dataset's (scripts/build_name_gazetteer.py) and the older hand list."""
    return gazetteer("given_names.txt").with_words(words("first_names.txt"))


def name_score(tokens: Sequence[str], height_ratio: float, email_locals: Sequence[str]) -> float:
    """How much a line looks like the person's name (0 = not at all)."""
    lowered = [t.lower().strip(",") for t in tokens]
    core = [t.rstrip(".") for t in lowered if t not in _DEGREES and t.rstrip(".") not in _DEGREES]
    if not core:
        return 0.0
    score = 0.0
    first_names = given_names()
    # 'M. Suresh Kumar Reddy': the given name is the first word that is no initial.
    given = next((t for t in core if len(t.rstrip(".")) > 1), core[0])
    known_first = given in first_names
    if known_first:
        score += 1.2
    elif any(t in first_names for t in core[1:]):
        score += 0.4
    if len(core) >= 2 and core[-1] in gazetteer("family_names.txt"):
        score += 0.4
    agreement = email_agreement(tokens, email_locals)
    score += 1.5 * agreement
    if not known_first and agreement == 0 and height_ratio < 1.3:
        # No given name we know, no email built from it, not printed big: a tagline or a place.
        score -= 1.0
    score += {1: -0.8, 2: 0.6, 3: 0.5, 4: 0.1}.get(len(core), -0.5)
    score += max(-0.3, min(1.0, height_ratio - 1.0))
    if all(t[:1].isupper() for t in tokens):
        score += 0.3
    organisation = words("org_words.txt") | words("institution_words.txt") | words("legal_suffixes.txt")
    if any(t in organisation or t.rstrip(".") in organisation for t in lowered):  # 'B.V.', 'Inc.'
        score -= 1.5
    return score


def _capitalised(token: str) -> str:
    """'MALVIN,' -> 'Malvin,', 'O'BRIEN' -> 'O'Brien', 'MÜLLER-LÜDENSCHEIDT' -> 'Müller-Lüdenscheidt';
    degrees stay as printed ('D.M.D.')."""
    if token.lower().rstrip(",") in _DEGREES and len(token.rstrip(",")) > 2:
        return token
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0].upper() + m.group()[1:].lower(), token)


# Lower-case words that start a family name ('koen de jong', 'Ludwig van Beethoven'), so they may follow a
# single letter or begin a name's second line.
NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "der",
        "den",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ter",
        "ten",
    }
)
# 'Kiichi M urata': OCR broke a word after its capital. A lone capital without a dot, then a lower-case
# word that is no particle.
_BROKEN_AFTER_CAPITAL = re.compile(r"(?<!\S)([^\W\d_])\s+([^\W\d_]*[a-z][^\W\d_]*)(?=\s|$)")


# "Michael O' Connor": OCR put a space after an elided particle's apostrophe (O', D', Dell'), which names
# never print before their capital ("O'Connor", "D'Angelo", "Dell'Acqua").
_SPACE_AFTER_ELISION = re.compile(r"(?<!\S)([^\W\d_]{1,4}['’])\s+(?=[^\W\d_])")


def _rejoined(text: str) -> str:
    def join(match: re.Match[str]) -> str:
        capital, rest = match.group(1), match.group(2)
        if not capital.isupper() or not rest[:1].islower() or rest in NAME_PARTICLES:
            return match.group()
        return capital + rest

    return _SPACE_AFTER_ELISION.sub(r"\1", _BROKEN_AFTER_CAPITAL.sub(join, text))


def format_name(text: str) -> tuple[str, str | None, str | None]:
    """The name as printed (ALL-CAPS made title case, accents kept), with given and family names."""
    text = _rejoined(re.sub(r"\s+", " ", text).strip(" ,;|"))
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        text = " ".join(_capitalised(token) for token in text.split(" "))
    human = HumanName(text)
    return text, human.first or None, human.last or None
