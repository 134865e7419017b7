"""The line labeller's training data and fit (for benchmarks/train_labeller.py and benchmarks/honest.py).

Generated cards' lines carry each word's truth field (benchmarks/synthetic_lines.py); real cards' free lines
are labelled by matching them to the card's transcription. The fit is a multinomial logistic regression
(scikit-learn, fixed solver and seed: the same data gives the same model).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from rapidfuzz import fuzz

from benchmarks.score import norm_addr, norm_name, norm_text
from benchmarks.synthetic_lines import synthetic_card, word_label
from ocr.extract import extract_fields
from ocr.extract.freetext import Rest
from ocr.extract.labeller import LABELS, MODEL_VERSION, CardContext, LineLabeller

Example = tuple[dict[str, float], str]
# The share of training layouts given benchmarks/variety.py's extras (train_labeller and honest use it).
SYNTHETIC_VARIETY = 0.0
_SYNTHETIC_MAP = {"name": "name", "title": "title", "company": "company", "department": "department"}


def _collector(label_of: Callable[[Rest], str], out: list[Example]) -> Callable[..., None]:
    def observe(rests: Sequence[Rest], features: list[dict[str, float]], context: CardContext) -> None:
        out.extend((f, label_of(r)) for r, f in zip(rests, features, strict=True))

    return observe


def synthetic_examples(seed: int, count: int, variety: float = 0.0) -> list[Example]:
    out: list[Example] = []
    for index in range(count):
        card = synthetic_card(seed, index, variety)

        def label_of(rest: Rest, card: Any = card) -> str:
            votes = Counter(word_label(card, w) for w in rest.segment.words)
            top = votes.most_common(1)[0][0]
            return top if top in LABELS else "other"

        extract_fields(card.lines, labeller=None, observe=_collector(label_of, out))
    return out


def real_label(text: str, truth: dict[str, Any]) -> str:
    """A real card's free line labelled by its transcription (name, title, company, department, address,
    else other)."""
    if truth.get("name") and (
        norm_name(text) == norm_name(truth["name"])
        or fuzz.ratio(norm_name(text) or "", norm_name(truth["name"])) >= 85
    ):
        return "name"
    for field in ("title", "company", "department"):
        value = norm_text(truth.get(field))
        got = norm_text(text) or ""
        if value and (got == value or fuzz.ratio(got, value) >= 85):
            return field
    address = norm_addr(truth.get("address"))
    got = norm_addr(text) or ""
    if address and len(got) >= 5 and fuzz.partial_ratio(got, address) >= 90:
        return "address"
    return "other"


def real_examples(rows: Iterable[dict[str, Any]], truths: dict[str, dict[str, Any]]) -> list[Example]:
    from benchmarks.replay import replay

    out: list[Example] = []
    for row in rows:
        truth = truths[row["stem"]]

        def label_of(rest: Rest, truth: dict[str, Any] = truth) -> str:
            return real_label(rest.text, truth)

        replay(row, partial(extract_fields, labeller=None, observe=_collector(label_of, out)))
    return out


def fit(examples: Sequence[Example], use: dict[str, str] | None = None) -> LineLabeller:
    from sklearn.linear_model import LogisticRegression

    names = sorted({k for f, _ in examples for k in f})
    x = [[f.get(n, 0.0) for n in names] for f, _ in examples]
    y = [label for _, label in examples]
    model = LogisticRegression(C=1.0, max_iter=3000, random_state=0)
    model.fit(x, y)
    classes = list(model.classes_)
    weights = {c: [float(w) for w in model.coef_[i]] for i, c in enumerate(classes)}
    bias = {c: float(model.intercept_[i]) for i, c in enumerate(classes)}
    # No probability floor: a line's most probable label decides (ocr/extract/labeller.py labelled_choice).
    return LineLabeller(MODEL_VERSION, tuple(names), weights, bias, dict(use or {}), min_probability=0.0)
