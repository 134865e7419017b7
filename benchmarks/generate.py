"""Generate realistic business-card photos (and flat scans) with ground truth in the reader's contract shape.

    python -m benchmarks.generate --seed 1 --count 60 --out /tmp/cards

writes NNNN.jpg + NNNN.json per card. The JSON holds the contract fields (name, title, company, department,
emails, phones[{number, kind}], websites, address, social), "region" (ISO country of the phone numbers) and
"meta" (locale, layout, fonts, mode photo/scan, and the photo parameters). Card i of seed s is the same
whatever --count is, so small sets are prefixes of large ones.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.content import CardContent, make_content
from benchmarks.design import Style, make_style
from benchmarks.layout import ShapeOp, TextOp, layout_card, rasterize
from benchmarks.photo import flat_scan, phone_photo
from benchmarks.variety import vary

SCAN_SHARE = 0.15
SCAN_LONG_PX = 1040  # ~300 dpi for an 85-89 mm card


@dataclass(frozen=True)
class GeneratedCard:
    index: int
    image: bytes  # JPEG
    truth: dict[str, Any]  # contract fields + "region"
    meta: dict[str, Any]
    content: CardContent
    style: Style
    ops: tuple[TextOp | ShapeOp, ...]  # the last rendering's draw operations (what is printed)

    def label(self) -> dict[str, Any]:
        return {**self.truth, "meta": self.meta}


def plan_card(seed: int, index: int, variety: float = 0.0) -> tuple[CardContent, Style, str]:
    """What card `index` of set `seed` says, how it looks, and whether it is a photo or a scan (cheap).

    variety: the share of cards given benchmarks/variety.py's extra layouts (the labeller's training
    layouts; 0 for the rendered sets), drawn from a generator of its own so the other cards stay the same."""
    rng = random.Random(f"meishi-bench/{seed}/{index}")
    content = make_content(rng)
    style = make_style(rng)
    mode = "scan" if rng.random() < SCAN_SHARE else "photo"
    extra = random.Random(f"meishi-variety/{seed}/{index}")
    if variety and extra.random() < variety:
        content = vary(content, extra)
    return content, style, mode


def generate_card(seed: int, index: int, *, mode: str | None = None) -> GeneratedCard:
    """Card `index` of the set `seed`: deterministic, independent of the other cards."""
    content, style, planned_mode = plan_card(seed, index)
    mode = mode or planned_mode
    nrng = np.random.default_rng([seed, index, 7])
    drawn: list[tuple[list[TextOp | ShapeOp], str]] = []

    def draw(long_px: int) -> np.ndarray:
        size, ops, layout = layout_card(content, style, long_px)
        drawn.append((ops, layout))
        return rasterize(size, ops, style.paper)

    if mode == "scan":
        image, params = flat_scan(nrng, draw(SCAN_LONG_PX))
    else:
        image, params = phone_photo(nrng, draw, style.layout == "portrait", style.rounded)
    meta = {
        "locale": content.locale.code,
        "layout": drawn[-1][1],
        "font": style.body.name,
        "display_font": style.display.name,
        "seed": seed,
        "index": index,
        **params,
    }
    return GeneratedCard(index, image, content.truth, meta, content, style, tuple(drawn[-1][0]))


def write_set(seed: int, count: int, out: Path, start: int = 0) -> list[Path]:
    """Write cards start..start+count-1 of `seed` to `out`; returns the image paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        card = generate_card(seed, i)
        img = out / f"{i:04d}.jpg"
        img.write_bytes(card.image)
        (out / f"{i:04d}.json").write_text(
            json.dumps(card.label(), ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
        paths.append(img)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--start", type=int, default=0, help="first card index (default 0)")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    paths = write_set(a.seed, a.count, a.out, a.start)
    scans = sum(
        json.loads(p.with_suffix(".json").read_text("utf-8"))["meta"]["mode"] == "scan" for p in paths
    )
    print(f"wrote {len(paths)} cards ({scans} flat scans) to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
