"""Put back the spaces RapidOCR drops between words ('JUNIORSUPPLY', 'St.Suite', 'Cell603-555-0178').

RapidOCR's recogniser emits a space only when the gap is wide, so words printed close together come out
joined. Measured on the shared real cards, the horizontal gap between character centres alone does not
separate the two cases (joined words and wide letters such as 'm', 'w', '@' overlap), so a break is
inserted where one of these says so, strongest first:
  - punctuation that is followed by a space in running text (',', ':', '|', a '.' before a capitalised
    word) -- never inside an email address or web address;
  - a change of kind: 'Cell603', 'PA15213' (letters then three or more digits), '123West';
  - a lower-to-upper case change with a wider than usual gap ('ComstockCircle', not 'LinkedIn');
  - a gap much wider than the line's usual character pitch;
  - a long run of letters that an English word-frequency list splits into common words
    ('JUNIORSUPPLY' -> 'JUNIOR SUPPLY'), when `wordninja` (part of the rapidocr extra) is installed.
The other engine's spelling, when there is one, is applied later and wins (ocr/combine.py).
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Sequence

from ocr.word_list import WordCosts, english_word_costs

# A gap this many times the line's median character pitch is a space even without any other sign: on the
# real cards 99% of in-word gaps were below 2.0 and the few above were missing spaces ('Fax603').
WIDE_GAP_RATIO = 2.3
# A case change needs a wider gap too: in-word ones ('MasterCard') measured 0.9-1.1, joined words 1.3-2.1.
CASE_CHANGE_GAP_RATIO = 1.2
# Word-list splitting only for long runs into few, common words: names and brands are rarely in the list.
MIN_SPLIT_RUN = 10
MIN_SPLIT_PART = 4
MAX_SPLIT_PARTS = 3
MAX_WORD_RANK = 30_000

_TLDS = frozenset(
    {"com", "net", "org", "info", "biz", "edu", "gov", "io", "ai", "co", "de", "uk", "fr", "br"}
)
_LABEL = re.compile(r"[^\W\d_][\w-]{0,11}:(?!//)")  # 'Tel:', 'E-mail:', 'w:' (not 'https://')
# An address or a host: '@', a scheme, 'www.', or a dot before a lower-case top-level part ('raft.ai').
_WEB_TOKEN = re.compile(r"@|://|^(?i:www)\d?\.|\.[a-z]{2,}(?:[/.]|$)")


def split_words(text: str, centers: Sequence[float] | None = None) -> list[tuple[int, int]]:
    """Spans [start, end) of the words in `text`, one per word, with the dropped spaces re-inserted.

    `centers` are the horizontal centres of the characters of `text` (same length), when the engine gives
    them; without them the gap rules are skipped.
    """
    if centers is not None and len(centers) != len(text):
        centers = None
    pitch = _median_pitch(text, centers)
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"\S+", text):
        start, end = match.span()
        breaks = _breaks(text, start, end, centers, pitch)
        bounds = [start, *sorted(breaks), end]
        spans.extend((a, b) for a, b in itertools.pairwise(bounds) if a < b)
    return spans


def respace(text: str, centers: Sequence[float] | None = None) -> str:
    """`text` with the dropped spaces put back (see split_words)."""
    return " ".join(text[a:b] for a, b in split_words(text, centers))


def _breaks(
    text: str, start: int, end: int, centers: Sequence[float] | None, pitch: float | None
) -> set[int]:
    label = _LABEL.match(text, start, end)
    if label and label.end() < end:  # 'E-mail:jane@x.com' -> 'E-mail:' + 'jane@x.com', each on its own
        return {label.end()} | _breaks(text, label.end(), end, centers, pitch)
    token = text[start:end]
    if _WEB_TOKEN.search(token):
        return set()  # emails and web addresses are one word whatever their gaps
    breaks = {start + i for i in _rule_breaks(token)}
    if centers is not None and pitch:
        for i in range(start + 1, end):
            gap = (centers[i] - centers[i - 1]) / pitch
            if gap >= WIDE_GAP_RATIO or (gap >= CASE_CHANGE_GAP_RATIO and _case_change(text, i)):
                breaks.add(i)
    bounds = [start, *sorted(breaks), end]
    for a, b in itertools.pairwise(bounds):
        breaks.update(a + i for i in _word_list_breaks(text[a:b]))
    return {b for b in breaks if start < b < end and not _inside_number(text, b)}


_RULES = (
    re.compile(r"(?<=[,;|])(?=[^\s,;|])"),  # 'Pittsburgh,PA'
    re.compile(r"(?<=[^\s|])(?=\|)"),  # 'Centro|Sao'
    re.compile(r"(?<=:)(?=[^/\s\d])|(?<=[^\d\s]:)(?=\d)"),  # 'Ph:412', 'Mobil:+49', not '9:30', 'http://'
    re.compile(r"(?<=[^\W\d_]\.)(?=[A-Z][a-z])"),  # 'St.Suite', 'J.Scheirer'
    re.compile(r"(?<=[^\W\d_]{2})(?=\d{3})|(?<=[^\W\d_]{2})(?=\+\d)"),  # 'Cell603', 'PA15213', 'Tel+49'
    re.compile(r"(?<=\d{2})(?=[A-Z][a-z]{2})"),  # '123West', '8172Miramar'
    re.compile(r"(?<=\d)(?=[^\W\d_]{1,6}:)"),  # '4568F:555', '0160Fax:'
)
_CAPS_AFTER_DOT = re.compile(r"(?<=[^\W\d_]\.)(?=([A-Z]{4,})(?![A-Za-z]))")  # 'D.MALVIN', not 'WWW.RAFT.AI'


def _rule_breaks(token: str) -> set[int]:
    found = {m.start() for rule in _RULES for m in rule.finditer(token)}
    found.update(m.start() for m in _CAPS_AFTER_DOT.finditer(token) if m.group(1).lower() not in _TLDS)
    return found


# Letters whose capital is the small letter made bigger: the recogniser often gets their case wrong inside
# a word ('FranÇois', 'LéveSque'), so a capital among them is no sign of a new word.
_CASE_LOOKALIKES = frozenset("COSVWXZÇ")


def _case_change(text: str, i: int) -> bool:
    """'nD' in 'SanDiego': two lower-case letters, then a capitalised word ('McDonald' has one)."""
    return (
        i >= 2
        and text[i - 2 : i].isalpha()
        and text[i - 2 : i].islower()
        and text[i].isupper()
        and text[i] not in _CASE_LOOKALIKES
        and i + 1 < len(text)
        and text[i + 1].islower()
    )


def _inside_number(text: str, i: int) -> bool:
    """Never split '1,000', '555.123' or a run of digits, whatever the gaps say."""
    if text[i - 1].isdigit() and text[i].isdigit():
        return True
    return i >= 2 and text[i - 1] in ",." and text[i - 2].isdigit() and text[i].isdigit()


def _median_pitch(text: str, centers: Sequence[float] | None) -> float | None:
    """The usual distance between neighbouring characters' centres inside words of this line."""
    if centers is None:
        return None
    pitches = [
        centers[i] - centers[i - 1]
        for i in range(1, len(text))
        if not text[i].isspace() and not text[i - 1].isspace() and centers[i] > centers[i - 1]
    ]
    return statistics.median(pitches) if len(pitches) >= 3 else None


def _word_list_breaks(run: str) -> list[int]:
    """Offsets that split a long single-case run of letters into a few common English words."""
    if len(run) < MIN_SPLIT_RUN or not run.isalpha() or not (run.isupper() or run[1:].islower()):
        return []
    words = english_word_costs()
    if words is None:
        return []
    parts = words.split(run)
    if not 2 <= len(parts) <= MAX_SPLIT_PARTS or "".join(parts) != run:
        return []
    if any(len(p) < MIN_SPLIT_PART or _rank(words, p.lower()) > MAX_WORD_RANK for p in parts):
        return []
    offsets, position = [], 0
    for part in parts[:-1]:
        position += len(part)
        offsets.append(position)
    return offsets


def _rank(words: WordCosts, word: str) -> float:
    """Frequency rank of `word` in the list, counted from 1 (infinite when it is not listed)."""
    rank = words.rank(word)
    return math.inf if rank is None else rank + 1
