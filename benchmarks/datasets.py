"""Labelled card sets the benchmark reads: a generated folder (NNNN.jpg + NNNN.json) or the shared real
cards (images/NAME.* + labels/NAME.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
REAL_CARDS_DIR = SHARED_DIR / "cards" / "dev"
REFERENCE_SCORER = SHARED_DIR / "tools" / "score_cards.py"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic")


@dataclass(frozen=True)
class LabelledCard:
    stem: str
    image: Path
    truth: dict[str, Any]  # contract fields + "region"
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def region(self) -> str:
        return str(self.truth.get("region") or "US").upper()


def load_generated(folder: Path) -> list[LabelledCard]:
    cards = []
    for label in sorted(folder.glob("*.json")):
        data = json.loads(label.read_text("utf-8"))
        meta = data.pop("meta", {})
        cards.append(LabelledCard(label.stem, label.with_suffix(".jpg"), data, meta))
    return cards


def load_real(folder: Path) -> list[LabelledCard]:
    """The shared real cards; [] when the folder is absent (e.g. on a user's machine)."""
    labels_dir, images_dir = folder / "labels", folder / "images"
    if not labels_dir.is_dir() or not images_dir.is_dir():
        return []
    cards = []
    for label in sorted(labels_dir.glob("*.json")):
        image = next(
            (p for p in (images_dir / (label.stem + s) for s in IMAGE_SUFFIXES) if p.is_file()), None
        )
        if image is None:
            continue
        data = json.loads(label.read_text("utf-8"))
        cards.append(LabelledCard(label.stem, image, data, {"mode": "real"}))
    return cards
