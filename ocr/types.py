"""The card reader's value types: frozen dataclasses shared by every stage, the service and the benchmarks."""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PhoneKind = Literal["work", "mobile", "fax", "other"]
Engine = Literal["tesseract", "rapidocr", "auto", "both"]


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels of the flattened, upright card image."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def overlap(self, other: Box) -> float:
        """Intersection over the smaller box's area: 1.0 when one box lies inside the other."""
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        if width <= 0 or height <= 0:
            return 0.0
        return width * height / max(1, min(self.width * self.height, other.width * other.height))

    def union(self, other: Box) -> Box:
        """The smallest box holding both."""
        left, top = min(self.left, other.left), min(self.top, other.top)
        return Box(left, top, max(self.right, other.right) - left, max(self.bottom, other.bottom) - top)


@dataclass(frozen=True)
class ValueReading:
    """Where on the card a value was read, and the OCR confidence of its words times the value's
    certainty (field extraction's Hit)."""

    boxes: tuple[Box, ...]
    confidence: float

    @property
    def box(self) -> Box:
        return functools.reduce(Box.union, self.boxes)


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float  # 0..1
    box: Box
    engine: str = "tesseract"


@dataclass(frozen=True)
class Line:
    """Words an engine read as one line, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        left = min(w.box.left for w in self.words)
        top = min(w.box.top for w in self.words)
        right = max(w.box.right for w in self.words)
        bottom = max(w.box.bottom for w in self.words)
        return Box(left, top, right - left, bottom - top)

    @property
    def confidence(self) -> float:
        return sum(w.confidence for w in self.words) / len(self.words) if self.words else 0.0


@dataclass(frozen=True)
class Phone:
    number: str  # E.164 when it parses, else the digits as printed
    kind: PhoneKind = "work"


# The output contract's fields, in the order Contact.to_contract gives them.
CONTRACT_FIELDS = (
    "name",
    "title",
    "company",
    "department",
    "emails",
    "phones",
    "websites",
    "address",
    "social",
)


_SCHEME_AND_WWW = re.compile(r"^([a-z]+://)?(www\d?\.)?")


@dataclass(frozen=True)
class Contact:
    """The output contract: missing scalars are None, missing lists empty."""

    name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    title: str | None = None
    company: str | None = None
    department: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    websites: tuple[str, ...] = ()
    address: str | None = None
    social: dict[str, str] = field(default_factory=dict)  # {"linkedin": url, "twitter": "@handle", ...}

    def email_domains(self) -> list[str]:
        """The emails' domains, lower-case."""
        return [email.rsplit("@", 1)[-1].lower() for email in self.emails]

    def web_hosts(self) -> list[str]:
        """The websites' hosts, lower-case, without the scheme or a leading 'www.'."""
        return [_SCHEME_AND_WWW.sub("", url.lower()).split("/")[0] for url in self.websites]

    def to_contract(self) -> dict[str, Any]:
        """The JSON shape shared by the API, the CLI and the benchmarks."""
        return {
            "name": self.name,
            "title": self.title,
            "company": self.company,
            "department": self.department,
            "emails": list(self.emails),
            "phones": [{"number": p.number, "kind": p.kind} for p in self.phones],
            "websites": list(self.websites),
            "address": self.address,
            "social": {
                "linkedin": self.social.get("linkedin"),
                "twitter": self.social.get("twitter"),
                **{k: v for k, v in self.social.items() if k not in {"linkedin", "twitter"}},
            },
        }


@dataclass(frozen=True)
class Suggestion:
    """A value the reader read for a field but left out of the contact (ocr/withhold.py): right with this
    probability (calibrated, ocr/confidence.py)."""

    value: str
    confidence: float


@dataclass(frozen=True)
class Extraction:
    """What field extraction made of the text: the contact, per-field confidence (0..1), and for each
    field the boxes of the words it came from (for drawing on the card in the review UI)."""

    contact: Contact
    confidence: dict[str, float] = field(default_factory=dict)
    sources: dict[str, tuple[Box, ...]] = field(default_factory=dict)
    # Per free-text field, the line labeller's probability that the chosen line(s) carry that field
    # (evidence for the calibrated confidence, ocr/confidence.py).
    evidence: dict[str, float] = field(default_factory=dict)
    # Per list field (phones by number, emails, websites), each value's reading: where on the card (its
    # words' boxes) and how sure OCR was of them. Two engines' different values read from one place are
    # one printed value misread (ocr/combine.py).
    value_readings: dict[str, dict[str, ValueReading]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadOptions:
    # Tesseract languages ("eng", "eng+deu"); "auto": English plus the accent language of the card's
    # country, inferred from the English reading (ocr/languages.py)
    lang: str = "auto"
    # The user's own phone region: a hint for a card that prints no country (ocr/extract/country.py weighs
    # the card's evidence first). None: no hint; such a card's numbers without '+' keep their printed digits.
    region: str | None = None
    engine: Engine = "auto"
    max_pixels: int = 40_000_000
    timeout_s: float = 30.0
    keep_card_image: bool = True  # return the flattened card as JPEG bytes (for the review UI)


@dataclass(frozen=True)
class CardReading:
    contact: Contact
    confidence: dict[str, float]
    sources: dict[str, tuple[Box, ...]]
    text: str
    words: tuple[Word, ...]
    corners: tuple[tuple[int, int], ...] | None  # card quadrilateral in the decoded photo, None = whole frame
    orientation: int  # degrees the photo was turned to read it upright: 0, 90, 180, 270
    card_size: tuple[int, int]  # width, height of the flattened card image that boxes refer to
    timings: dict[str, float]  # seconds per stage
    warnings: tuple[str, ...] = ()
    engine: str = "tesseract"
    card_image: bytes | None = None  # JPEG of the flattened card, when ReadOptions.keep_card_image
    # Fields whose calibrated confidence is below the review threshold (ocr/confidence.py): "Check this".
    needs_review: tuple[str, ...] = ()
    # Free-text values read but left out of the contact as too unsure (ocr/withhold.py), by field.
    suggestions: dict[str, Suggestion] = field(default_factory=dict)

    def to_dict(self, *, include_words: bool = True) -> dict[str, Any]:
        """JSON-ready: the contract fields under "contact" plus everything else the reader knows."""
        data: dict[str, Any] = {
            "contact": self.contact.to_contract(),
            "given_name": self.contact.given_name,
            "family_name": self.contact.family_name,
            "confidence": self.confidence,
            "sources": {k: [asdict(b) for b in v] for k, v in self.sources.items()},
            "text": self.text,
            "corners": [list(c) for c in self.corners] if self.corners else None,
            "orientation": self.orientation,
            "card_size": list(self.card_size),
            "timings": self.timings,
            "warnings": list(self.warnings),
            "engine": self.engine,
            "needs_review": list(self.needs_review),
            "suggestions": {k: asdict(v) for k, v in self.suggestions.items()},
        }
        if include_words:
            data["words"] = [
                {"text": w.text, "confidence": w.confidence, "box": asdict(w.box), "engine": w.engine}
                for w in self.words
            ]
        return data
