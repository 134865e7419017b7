"""Letters OCR misreads inside an email, web or profile address, put back where the spelling is a word or a
name: 'he11o@' -> 'hello@', 'ga11agher@' -> 'gallagher@', 'lurnen.co.uk/tearn' -> 'lumen.co.uk/team'. An
address's small print loses an l to a one and an m to 'rn' as often as any line does, and no name or
domain elsewhere on the card need vouch for it: the English word list (wordninja's) and the name
gazetteers do, where the address as read is neither."""

from __future__ import annotations

import re

from ocr.extract.lexicon import gazetteer_name
from ocr.word_list import english_word_costs

# How much likelier, in the word list's costs, the spelling must be than the run as read: 'ulrike' 13.3
# against 'u1rike' 36.2, 'team' 7.2 against 'tearn' 18.6; 'sterne' 19.4 and 'steme' 18.7 stay as read.
MARGIN = 6.0
MIN_RUN = 4  # letters and digits: 'a1' and 'rn' alone say nothing
MIN_PIECE = 3  # every word of the spelling: 'info1' is no 'info' + 'l'
_RUN = re.compile(r"[A-Za-z0-9]+")


def address_spelled(value: str) -> str:
    return _RUN.sub(lambda m: _spelled(m.group()), value)


def _spelled(run: str) -> str:
    lowered = run.lower()
    digits = {c for c in lowered if c.isdigit()}
    if len(run) < MIN_RUN or not (digits == {"1"} or (not digits and "rn" in lowered)):
        return run
    ones_back = lowered.replace("1", "l")
    candidates = {ones_back, lowered.replace("rn", "m"), ones_back.replace("rn", "m")} - {lowered}
    better = sorted(c for c in candidates if c.isalpha() and _better(c, lowered))
    return better[0] if better else run


def _better(spelling: str, read: str) -> bool:
    if gazetteer_name(spelling) and not gazetteer_name(read):
        return True
    costs = english_word_costs()
    if costs is None or costs.rank(read) is not None:
        return False
    if any(len(p) < MIN_PIECE for p in costs.split(spelling)):
        return False
    return costs.split_cost(spelling) + MARGIN <= costs.split_cost(read)
