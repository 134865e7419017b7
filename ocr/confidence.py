"""Per-field confidence that means something: the probability that a field the reader filled in is right.

The extraction's own confidence (the lowest OCR word confidence of a field's words, raised when two
engines agree) says how clearly the words were read, not whether they are the right words for the field:
a tagline read crisply as the company scores 0.98. So a small logistic model, trained on cards it is never
scored on (`python -m benchmarks.train_confidence`, shipped as ocr/models/confidence.json), turns that raw
confidence and the evidence around the value (validators passed, the email or web domain agreeing, the
name gazetteer, the title and department lexicons, the value's shape, signs of a value malformed for its
field (ocr/confidence_evidence.py), how many engines read the card) into a probability. A field below
the model's review threshold is flagged `needs_review`: the review page's "Check this".

Pure Python at run time: the model file is a few hundred bytes of weights; nothing is downloaded.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ocr.confidence_evidence import cut_short, near_miss, oddities
from ocr.empty_fields import likely_printed
from ocr.types import CONTRACT_FIELDS, Contact, Extraction

MODEL_FILE = "confidence.json"
MODEL_VERSION = 1

# The evidence every field gets (each 0..1 or a small count), then one indicator per field.
SHARED_FEATURES = (
    "raw",
    "raw_low",  # 1 - raw, squared: the model may penalise very unsure readings more than linearly
    "both_engines",
    "tokens",
    "has_digit",
    "upper_share",
    "non_ascii",
    "valid",  # the field's own validator: email/website/phone syntax, a name's shape, an address's number
    "domain_agrees",  # the value spells the card's email or web domain (company, name, email, website)
    "lexicon",  # title/department lexicon hit; name gazetteer hit
    "values",  # how many values a list field holds
    "label_p",  # the line labeller's probability that the chosen line carries this field (0.5: none)
    "street",  # a street word or a postcode-like number (addresses)
    "one_token",
    "long",  # tokens up to 16 (an address block is long, its first line alone short)
    "parts",  # comma-separated parts (an address cut to its first line has one or two)
    "default_country_unconfirmed",  # phones read in the default country (+1) with nothing on the card for it
    # What the words behind the value say (ocr/extract/evidence.py, recorded by extraction):
    "word_mean",  # mean OCR confidence of the value's words (raw is the lowest hit's)
    "unsure_share",  # share of its words read below 0.6
    "small_print",  # its words smaller than the card's typical text
    "height",  # their height relative to the card's typical text, up to 3, over 3
    "edge",  # it sits in the card's top or bottom tenth
    "confusable",  # characters OCR puts for letters ('|', '0' between letters)
    # How contested the choice was (ocr/extract/labeller.py field_evidence, ocr/combine.py):
    "margin",  # the labeller's probability for the chosen line less the best other line's (0: unknown)
    "rivals",  # other lines the labeller finds at least 0.3 likely for the field, up to 3, over 3
    "hand_differs",  # the hand ordering picked another line than the one shown
    "engines_differ",  # both engines read the field, differently
    "engines_agree",  # both engines read the field the same
    "leftover_next",  # a leftover line right above/below the value's, in type of its size: its other half?
    "leftover",  # free lines no field took (a missed company or title, or a better line passed over)
    "email_web_agree",  # an email's domain is a website's host (emails, websites)
    "name_gazetteer",  # share of the name's tokens in the given- or family-name gazetteer
    "printed_digits",  # a phone kept as printed digits: it did not parse in any country
    "unmatched_site",  # websites beside emails, one of them on no email's domain (an extra, misread one)
    "oddities",  # signs of a value malformed for its field, counted (ocr/confidence_evidence.py)
    "near_miss",  # a letter or two from what another field spells: an address beside the name or company
    "cut_short",  # its end lost: a legal form a letter short, a name word its email spells longer
)
# Per field: its own bias, and its own weight for the raw confidence and the labeller's probability.
FEATURES = (
    SHARED_FEATURES
    + tuple(f"is_{field}" for field in CONTRACT_FIELDS)
    + tuple(f"raw_{field}" for field in CONTRACT_FIELDS)
    + tuple(f"label_p_{field}" for field in ("name", "title", "company", "department", "address"))
)
_POSTCODE = re.compile(r"\b(\d{4,6}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{3}-\d{4})\b")


@dataclass(frozen=True)
class ConfidenceModel:
    version: int
    weights: dict[str, float]
    bias: float
    threshold: float  # needs_review below this probability

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConfidenceModel:
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"confidence model version {data.get('version')}, expected {MODEL_VERSION}")
        return cls(MODEL_VERSION, dict(data["weights"]), float(data["bias"]), float(data["threshold"]))

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "weights": {k: round(v, 6) for k, v in self.weights.items()},
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
        }

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def shipped_model() -> ConfidenceModel | None:
    """The model in the package; None when it is absent (then raw confidences pass through)."""
    path = resources.files("ocr").joinpath("models", MODEL_FILE)
    if not path.is_file():
        return None
    return ConfidenceModel.from_json(json.loads(path.read_text("utf-8")))


def load_models() -> None:
    """Load the shipped models now (the benchmark times this; readers load them on first use)."""
    shipped_model()


def _values(contact: Contact, field: str) -> list[str]:
    value = getattr(contact, field)
    if field == "phones":
        return [p.number for p in value]
    if field == "social":
        return [v for v in value.values() if v]
    if isinstance(value, tuple):
        return list(value)
    return [value] if value else []


def _domain_labels(contact: Contact) -> set[str]:
    hosts = contact.email_domains() + contact.web_hosts()
    return {h.split(".")[0] for h in hosts if "." in h and len(h.split(".")[0]) >= 3}


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


_NORTH_AMERICA = re.compile(r"\b([A-Z]{2}\s+\d{5}(-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d|USA|U\.S\.A|Canada)\b")
_NORTH_AMERICAN_TLDS = (".us", ".ca", ".edu", ".gov")


def _default_country_unconfirmed(contact: Contact) -> bool:
    """Some phone took the default country code (+1) while nothing else on the card (an address with a
    state and ZIP or a Canadian postcode, a .us/.ca/.edu domain) says North America."""
    if not any(p.number.startswith("+1") for p in contact.phones):
        return False
    hosts = [e.rsplit("@", 1)[-1].lower() for e in contact.emails] + [
        w.lower().split("/")[0] for w in contact.websites
    ]
    if any(h.endswith(_NORTH_AMERICAN_TLDS) for h in hosts):
        return False
    return not _NORTH_AMERICA.search(contact.address or "")


def field_features(
    contact: Contact,
    field: str,
    raw: float,
    engines: int = 1,
    label_p: float | None = None,
    evidence: dict[str, float] | None = None,
) -> dict[str, float]:
    """The evidence for one filled-in field of a contact (see SHARED_FEATURES); `evidence` is the
    extraction's (Extraction.evidence), `label_p` the labeller's probability when it is not in it."""
    from ocr.combine import is_valid_phone
    from ocr.extract.companies import legal_suffix
    from ocr.extract.department import department_score
    from ocr.extract.lexicon import gazetteer_name, words
    from ocr.extract.titles import title_score
    from ocr.extract.validators import valid_email, valid_website

    evidence = evidence or {}
    label_p = evidence.get(field, label_p)
    values = _values(contact, field)
    text = " ".join(values)
    letters = [c for c in text if c.isalpha()]
    labels = _domain_labels(contact)
    squashed = _squash(text)
    tokens = text.split()
    valid = 1.0
    lexicon = 0.0
    name_gazetteer = 0.0
    if field == "emails":
        valid = float(all(valid_email(v) for v in values))
    elif field == "websites":
        valid = float(all(valid_website(v) for v in values))
    elif field == "phones":
        valid = float(all(is_valid_phone(p) for p in contact.phones))
    elif field == "name":
        valid = float(
            2 <= len(tokens) <= 4 and all(t.replace(".", "").replace("-", "").isalpha() for t in tokens)
        )
        lexicon = float(bool(tokens) and tokens[0].lower().strip(".") in words("first_names.txt"))
        name_gazetteer = sum(gazetteer_name(t.lower().strip(".,")) for t in tokens) / max(1, len(tokens))
    elif field == "title":
        lexicon = float(title_score(text) > 0)
    elif field == "company":
        lexicon = float(legal_suffix(text))
    elif field == "department":
        lexicon = float(department_score(text) > 0)
    elif field == "address":
        valid = float(any(c.isdigit() for c in text))
    if field in ("emails", "websites"):
        agrees = float(bool(labels))
    elif field == "name":
        locals_ = [_squash(e.split("@")[0]) for e in contact.emails]
        agrees = float(any(len(t) >= 3 and _squash(t) in loc for t in tokens for loc in locals_))
    else:
        agrees = float(any(label in squashed or (squashed and squashed in label) for label in labels))
    height = evidence.get(f"{field}.height", 1.0)
    top = evidence.get(f"{field}.top", 0.5)
    engines_read = evidence.get(f"{field}.engines", 0.5)
    hand = evidence.get(f"{field}.hand", 0.5)
    features = {
        "raw": raw,
        "raw_low": (1.0 - raw) ** 2,
        "both_engines": float(engines > 1),
        "tokens": min(len(tokens), 8) / 8,
        "has_digit": float(any(c.isdigit() for c in text)),
        "upper_share": sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
        "non_ascii": float(any(ord(c) > 127 for c in text)),
        "valid": valid,
        "domain_agrees": agrees,
        "lexicon": lexicon,
        "values": min(len(values), 4) / 4,
        "label_p": 0.5 if label_p is None else label_p,
        "street": float(
            field == "address"
            and (
                bool(_POSTCODE.search(text))
                or any(t.lower().strip(",.") in words("street_words.txt") for t in tokens)
            )
        ),
        "one_token": float(len(tokens) == 1),
        "long": min(len(tokens), 16) / 16,
        "parts": min(text.count(",") + 1, 6) / 6,
        "default_country_unconfirmed": float(field == "phones" and _default_country_unconfirmed(contact)),
        "word_mean": evidence.get(f"{field}.word_mean", raw),
        "unsure_share": evidence.get(f"{field}.unsure_share", 0.0),
        "small_print": float(height < SMALL_PRINT),
        "height": min(height, 3.0) / 3,
        "edge": float(top < EDGE or top > 1 - EDGE),
        "confusable": evidence.get(f"{field}.confusable", 0.0),
        "margin": evidence.get(f"{field}.margin", 0.0),
        "rivals": evidence.get(f"{field}.rivals", 0.0) / 3,
        "hand_differs": float(hand == 0.0),
        "engines_differ": float(engines_read == 0.0),
        "engines_agree": float(engines_read == 1.0),
        "leftover_next": evidence.get(f"{field}.leftover_next", 0.0),
        "leftover": min(evidence.get("card.leftover", 0.0), 4) / 4,
        "email_web_agree": float(field in ("emails", "websites") and _email_web_agree(contact)),
        "name_gazetteer": name_gazetteer,
        "printed_digits": float(
            field == "phones" and any(not p.number.startswith("+") for p in contact.phones)
        ),
        "unmatched_site": float(field == "websites" and _unmatched_site(contact)),
        f"is_{field}": 1.0,
        f"raw_{field}": raw,
        "oddities": oddities(contact, field, text),
        "near_miss": float(near_miss(contact, field)),
        "cut_short": float(cut_short(contact, field, text)),
    }
    if field in ("name", "title", "company", "department", "address"):
        features[f"label_p_{field}"] = features["label_p"]
    return features


SMALL_PRINT = 0.8  # of the card's typical text height
EDGE = 0.1  # share of the card's text height at its top or bottom


def _unmatched_site(contact: Contact) -> bool:
    domains = set(contact.email_domains())
    return bool(domains) and any(h not in domains for h in contact.web_hosts())


def _email_web_agree(contact: Contact) -> bool:
    return bool(set(contact.email_domains()) & set(contact.web_hosts()))


def filled_fields(contact: Contact) -> list[str]:
    return [field for field in CONTRACT_FIELDS if _values(contact, field)]


def calibrate(
    extraction: Extraction, engines: int = 1, model: ConfidenceModel | None = None
) -> tuple[dict[str, float], tuple[str, ...]]:
    """Calibrated confidence for every filled-in field, and the fields that need a look (sorted as the
    contract lists them): filled-in ones below the review threshold, and empty ones the card most likely
    prints (ocr/empty_fields.py). Without a model the raw confidences pass through and nothing is flagged."""
    model = model or shipped_model()
    contact = extraction.contact
    if model is None:
        return dict(extraction.confidence), ()
    calibrated: dict[str, float] = {}
    for field in filled_fields(contact):
        raw = float(extraction.confidence.get(field, 0.5))
        features = field_features(contact, field, raw, engines, evidence=extraction.evidence)
        calibrated[field] = round(model.probability(features), 3)
    empty_but_printed = likely_printed(contact)
    review = tuple(
        f
        for f in CONTRACT_FIELDS
        if (f in calibrated and calibrated[f] < model.threshold) or f in empty_but_printed
    )
    return calibrated, review


def features_matrix(rows: Sequence[dict[str, float]]) -> list[list[float]]:
    """Rows of features as lists in FEATURES order (for training)."""
    return [[row.get(name, 0.0) for name in FEATURES] for row in rows]
