"""A learned line labeller for the free-text fields: which of a card's free lines is the name, the title,
the company, the department (or an address line, a tagline, something else).

Each free line (what is left of a segment once emails, phones and websites took their words) gets features:
where it is (top share, left, width, relative height and its rank), how it is written (casing, digits,
tokens, accents), what the lexicons and gazetteers say (first names, title and department words, legal
forms, the card's email/web domain), its neighbours' sizes and lexicon hits, whether an email or phone was
found on or next to its line, and what the hand-written scorers and picks make of it. A multinomial
logistic model over those features (`python -m benchmarks.train_labeller`, shipped as
ocr/models/line_labeller.json) gives each line a probability per label. The model's file also says, per
field, whether the labeller's choice or the hand ordering is used: whichever measured better on cards the
labeller was not fitted on.

Pure Python at run time: the model is a table of weights.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Protocol

from ocr.extract.companies import company_score, domain_agreement, legal_suffix
from ocr.extract.department import department_score
from ocr.extract.freetext import Rest
from ocr.extract.lexicon import gazetteer, words
from ocr.extract.names import CREDENTIALS, email_agreement, given_names, name_score, name_tokens
from ocr.extract.text import CJK, fold, word_list
from ocr.extract.titles import title_score

LABELS = ("name", "title", "company", "department", "address", "tagline", "other")
CHOSEN = ("name", "title", "company", "department")  # the fields the labeller may choose a line for
MODEL_FILE = "line_labeller.json"
MODEL_VERSION = 1
RIVAL_PROBABILITY = 0.3  # another line this likely to carry a field competes with the chosen one
_POSTCODE = re.compile(r"\b(\d{4,6}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{3}-\d{4})\b")


@dataclass(frozen=True)
class CardContext:
    """What the rest of the card says, for the free lines' features."""

    email_locals: tuple[str, ...]
    domain: str | None
    exact_lines: frozenset[int]  # OCR line indices an email, website or phone was found on
    hand: dict[str, int] = field(default_factory=dict)  # field -> segment order of the hand pick
    address_orders: frozenset[int] = frozenset()


def _shape(text: str) -> dict[str, float]:
    letters = [c for c in text if c.isalpha()]
    tokens = text.split()
    upper = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    return {
        "tokens": min(len(tokens), 8) / 8,
        "one_token": float(len(tokens) == 1),
        "two_three_tokens": float(2 <= len(tokens) <= 3),
        "many_tokens": float(len(tokens) >= 6),
        "chars": min(len(text), 60) / 60,
        "digit_share": sum(c.isdigit() for c in text) / max(1, len(text)),
        "upper_share": upper,
        "all_caps": float(upper > 0.9 and len(letters) >= 3),
        "title_case": float(bool(tokens) and all(t[:1].isupper() for t in tokens if t[:1].isalpha())),
        "comma": float("," in text),
        "ampersand": float("&" in text),
        "non_ascii": float(any(ord(c) > 127 for c in text)),
        "non_latin": float(any(ord(c) > 0x24F for c in text)),
        "postcode": float(bool(_POSTCODE.search(text))),
    }


def _lexicon(text: str, context: CardContext, height_ratio: float, top_share: float) -> dict[str, float]:
    tokens = word_list(text)
    names = name_tokens(text)
    first = tokens[0] if tokens else ""
    return {
        "title_score": min(title_score(text), 3.0) / 3,
        "title_hit": float(title_score(text) > 0),
        "department_score": department_score(text) / 2,
        "first_name": float(first in words("first_names.txt")),
        "name_shaped": float(names is not None),
        "name_score": max(
            -2.0, min(3.0, name_score(names, height_ratio, context.email_locals) if names else -2.0)
        )
        / 3,
        "email_agrees": email_agreement(names, context.email_locals) if names else 0.0,
        "company_score": max(-2.0, min(5.0, company_score(text, height_ratio, context.domain, top_share)))
        / 5,
        "legal_suffix": float(legal_suffix(text)),
        "domain_agrees": domain_agreement(text, context.domain),
        "org_words": min(sum(t in words("org_words.txt") for t in tokens), 3) / 3,
        "institution": float(any(t in words("institution_words.txt") for t in tokens)),
        "street_words": float(any(t in words("street_words.txt") for t in tokens)),
        "country": float(any(t in words("countries.txt") for t in tokens)),
        "tagline_words": float(any(t in words("tagline_words.txt") for t in tokens)),
        **_gazetteer(text, tokens, context),
    }


def _gazetteer(text: str, tokens: list[str], context: CardContext) -> dict[str, float]:
    """Name evidence beyond the hand scorer's: every word checked against the name gazetteers, words of
    the line inside an email's local part (a given name alone, 'imran@'), CJK script, a credential."""
    given, family = given_names(), gazetteer("family_names.txt")
    core = [t.rstrip(".") for t in tokens if t.rstrip(".") not in CREDENTIALS and len(t.rstrip(".")) > 1]
    locals_ = [fold(local) for local in context.email_locals if len(fold(local)) >= 3]
    in_local = [t for t in core if len(fold(t)) >= 3 and any(fold(t) in local for local in locals_)]
    cjk = len(CJK.findall(text))
    compact = text.replace(" ", "")
    return {
        "given_any": float(any(t in given for t in core)),
        "family_last": float(bool(core) and core[-1] in family),
        "gazetteer_share": sum(t in given or t in family for t in core) / len(core) if core else 0.0,
        "word_in_email": len(in_local) / len(core) if core else 0.0,
        "cjk_share": cjk / max(1, len(compact)),
        "cjk_name_shape": float(2 <= cjk == len(compact) <= 4),  # how CJK cards print a name
        "credential": float(any(t.rstrip(".,") in CREDENTIALS for t in text.lower().split())),
    }


def rest_features(rests: Sequence[Rest], context: CardContext) -> list[dict[str, float]]:
    """One feature dict per free line, in the given (reading) order."""
    if not rests:
        return []
    left = min(r.segment.box.left for r in rests)
    right = max(r.segment.box.right for r in rests)
    width = max(1, right - left)
    heights = sorted({round(r.height_ratio, 2) for r in rests}, reverse=True)
    own = []
    for r in rests:
        box = r.segment.box
        features = {
            "top_share": r.top_share,
            "top_quarter": float(r.top_share < 0.25),
            "bottom_quarter": float(r.top_share > 0.75),
            "left_share": (box.left - left) / width,
            "width_share": box.width / width,
            "centred": float(abs((box.left + box.right) / 2 - (left + right) / 2) < 0.1 * width),
            "height": max(0.0, min(3.0, r.height_ratio)) / 3,
            "biggest": float(round(r.height_ratio, 2) == heights[0]),
            "second_biggest": float(len(heights) > 1 and round(r.height_ratio, 2) == heights[1]),
            "confidence": r.segment.confidence,
            "exact_on_line": float(r.segment.line_index in context.exact_lines),
            "exact_next": float(
                (r.segment.line_index + 1) in context.exact_lines
                or (r.segment.line_index - 1) in context.exact_lines
            ),
            "address_pick": float(r.order in context.address_orders),
            **{f"hand_{f}": float(context.hand.get(f) == r.order) for f in CHOSEN},
            **_shape(r.text),
            **_lexicon(r.text, context, r.height_ratio, r.top_share),
        }
        own.append(features)
    for r, features in zip(rests, own, strict=True):
        # 0 for the card's biggest text, 1 for its smallest: sizes are only comparable within a card.
        features["height_rank"] = heights.index(round(r.height_ratio, 2)) / max(1, len(heights) - 1)
    out = []
    for index, features in enumerate(own):
        row = dict(features)
        row["first_line"] = float(index == 0)
        row["last_line"] = float(index == len(own) - 1)
        row["line_rank"] = index / max(1, len(own) - 1)
        for side, other in (("prev", index - 1), ("next", index + 1)):
            has = 0 <= other < len(own)
            row[f"{side}_exists"] = float(has)
            for key in NEIGHBOUR_KEYS:
                row[f"{side}_{key}"] = own[other][key] if has else 0.0
            if has:
                row[f"{side}_taller"] = float(own[other]["height"] > features["height"] * 1.15)
        out.append(row)
    return out


# What a line's neighbours say about it: the title sits next to the name, the department under the title.
NEIGHBOUR_KEYS = (
    "height",
    "title_hit",
    "first_name",
    "name_shaped",
    "department_score",
    "legal_suffix",
    "hand_name",
    "hand_title",
    "hand_company",
    "name_score",
    "title_score",
    "company_score",
    "exact_on_line",
    "all_caps",
    "given_any",
    "word_in_email",
    "cjk_name_shape",
)


@dataclass(frozen=True)
class LineLabeller:
    version: int
    features: tuple[str, ...]
    weights: dict[str, list[float]]  # label -> one weight per feature
    bias: dict[str, float]
    use: dict[str, str]  # field -> "labeller" or "hand"
    min_probability: float = 0.5

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LineLabeller:
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"line labeller version {data.get('version')}, expected {MODEL_VERSION}")
        return cls(
            MODEL_VERSION,
            tuple(data["features"]),
            {k: list(v) for k, v in data["weights"].items()},
            dict(data["bias"]),
            dict(data.get("use") or {}),
            float(data.get("min_probability", 0.5)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "labels": list(LABELS),
            "features": list(self.features),
            "weights": {k: [round(x, 5) for x in v] for k, v in self.weights.items()},
            "bias": {k: round(v, 5) for k, v in self.bias.items()},
            "use": self.use,
            "min_probability": self.min_probability,
        }

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        vector = [features.get(name, 0.0) for name in self.features]
        scores = {
            label: self.bias[label] + sum(w * x for w, x in zip(self.weights[label], vector, strict=True))
            for label in self.weights
        }
        top = max(scores.values())
        exp = {label: math.exp(s - top) for label, s in scores.items()}
        total = sum(exp.values())
        return {label: v / total for label, v in exp.items()}


class Observer(Protocol):
    """Receives each card's free lines and their features (training and measurement use this)."""

    def __call__(
        self, rests: Sequence[Rest], features: list[dict[str, float]], context: CardContext
    ) -> None: ...


@cache
def shipped_labeller() -> LineLabeller | None:
    path = resources.files("ocr").joinpath("models", MODEL_FILE)
    if not path.is_file():
        return None
    return LineLabeller.from_json(json.loads(path.read_text("utf-8")))


def field_evidence(
    rests: Sequence[Rest],
    features: list[dict[str, float]],
    chosen: dict[str, Rest | None],
    address_orders: Sequence[int],
    labeller: LineLabeller,
    hand: dict[str, Rest | None] | None = None,
) -> dict[str, float]:
    """Per chosen field, the labeller's probability that its line carries the field (the address: the
    mean over its lines), and how contested the choice was: "<field>.margin" (that probability less the
    best other line's), "<field>.rivals" (other lines at least RIVAL_PROBABILITY likely) and
    "<field>.hand" (1 when the hand ordering picked the same line, 0 when another, 0.5 when none)."""
    by_order = {r.order: i for i, r in enumerate(rests)}
    table = [labeller.probabilities(f) for f in features]

    def probability(order: int, label: str) -> float | None:
        index = by_order.get(order)
        return None if index is None else table[index].get(label)

    evidence: dict[str, float] = {}
    for name, rest in chosen.items():
        if rest is None or (p := probability(rest.order, name)) is None:
            continue
        others = [row.get(name, 0.0) for r, row in zip(rests, table, strict=True) if r.order != rest.order]
        evidence[name] = round(p, 4)
        evidence[f"{name}.margin"] = round(p - max(others, default=0.0), 4)
        evidence[f"{name}.rivals"] = float(min(3, sum(o >= RIVAL_PROBABILITY for o in others)))
        if hand is not None:
            picked = hand.get(name)
            evidence[f"{name}.hand"] = 0.5 if picked is None else float(picked.order == rest.order)
    found = [p for p in (probability(o, "address") for o in address_orders) if p is not None]
    if found:
        evidence["address"] = round(sum(found) / len(found), 4)
    return evidence


def labelled_choice(
    rests: Sequence[Rest],
    features: list[dict[str, float]],
    hand: dict[str, Rest | None],
    labeller: LineLabeller,
) -> dict[str, Rest | None]:
    """The rest per field: the hand pick, or for the fields the model file hands to the labeller, the line
    it finds most probable for that field among the lines whose most probable label that field is (and at
    least min_probability; not chosen for another field; the hand pick when no line is)."""
    chosen = dict(hand)
    fields = [f for f in CHOSEN if labeller.use.get(f) == "labeller"]
    if not fields or not rests:
        return chosen
    probabilities = [labeller.probabilities(f) for f in features]
    # A line is offered to a field only when that is its most probable label (with seven labels that can be
    # well under one half: 'Visiting Scholar' at .3 title, .25 other), the surest choices first.
    candidates = sorted(
        (
            (p.get(f, 0.0), f, i)
            for f in fields
            for i, p in enumerate(probabilities)
            if p and max(p, key=lambda label, p=p: p[label]) == f
        ),
        key=lambda t: -t[0],
    )
    decided: dict[str, Rest | None] = {}
    # Lines the hand gave to the fields it keeps; a line split in two ('Tim Butler' + 'Director of
    # Operations', or a logo word cut off a name) shares its order, so a line is matched by its text too.
    used = {
        i
        for f, r in hand.items()
        if r is not None and f not in fields
        for i, rest in enumerate(rests)
        if rest.order == r.order and rest.text == r.text
    }
    for probability, f, i in candidates:
        if f in decided or probability < labeller.min_probability or i in used:
            continue
        hand_rest = hand.get(f)
        # A hand pick cut from this line (a name with its logo word cut off) or continued on the next one
        # ('koen' over 'de jong') keeps the hand's cut.
        same_line = (
            hand_rest is not None
            and hand_rest.order == rests[i].order
            and (hand_rest.text in rests[i].text or rests[i].text in hand_rest.text)
        )
        decided[f] = hand_rest if same_line else rests[i]
        used.add(i)
    # Where the labeller is sure of no line, the hand pick stays (unless its line went to another field).
    taken = {(r.order, r.text) for r in decided.values() if r is not None}
    for f in fields:
        hand_rest = hand.get(f)
        if f not in decided and hand_rest is not None and (hand_rest.order, hand_rest.text) not in taken:
            decided[f] = hand_rest
        chosen[f] = decided.get(f)
    return chosen
