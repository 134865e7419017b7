"""A held-out card set: photos from a generator the reader was never tuned on.

    python -m benchmarks.heldout_cards --seed 7 --count 70 --out benchmarks/out/heldout7

writes NNNN.jpg + NNNN.json (the contract fields, "region" and "meta", as benchmarks/datasets.py's
load_generated reads them). Its layouts and vocabularies (benchmarks/heldout_content.py) are written apart
from benchmarks/layout.py, design.py, content.py and locales.py, which the reader co-evolved with; only the
camera (benchmarks/photo.py) is shared. Card i of seed s is the same whatever --count is.

Layouts: logo top-left with the name on the right, centred, two columns, name at the bottom, a vertical
stripe, bilingual labels, a dense contact block with glyph boxes for labels, a line of social handles,
the department on its own line, right-aligned, a coloured header band, the address on top. A block whose
text would run into another block's or off the card is set smaller until it fits (fit_blocks), as a
printer's layout would: no card prints text over text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from benchmarks.heldout_content import COUNTRIES, HeldoutContent, make_content
from benchmarks.photo import flat_scan, phone_photo

FONTS = Path("/usr/share/fonts/truetype")
# (regular, bold, italic) per family, Debian's font packages
FAMILIES = (
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSans-Oblique.ttf"),
    ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerif-Italic.ttf"),
    (
        "liberation/LiberationSans-Regular.ttf",
        "liberation/LiberationSans-Bold.ttf",
        "liberation/LiberationSans-Italic.ttf",
    ),
    (
        "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Bold.ttf",
        "liberation/LiberationSerif-Italic.ttf",
    ),
    (
        "liberation/LiberationSansNarrow-Regular.ttf",
        "liberation/LiberationSansNarrow-Bold.ttf",
        "liberation/LiberationSansNarrow-Italic.ttf",
    ),
    ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf", "freefont/FreeSansOblique.ttf"),
    ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf", "freefont/FreeSerifItalic.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf", "noto/NotoSans-Italic.ttf"),
    ("noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf", "noto/NotoSerif-Italic.ttf"),
)
COUNTRY_CODES = tuple(COUNTRIES)
SCAN_SHARE = 0.15
SCAN_LONG_PX = 1050
UNITS_W, UNITS_H = 1000.0, 600.0  # the card in layout units (~88 x 53 mm)
RGB = tuple[int, int, int]
# role -> (size in units, weight)
ROLES = {
    "name": (46, "bold"),
    "company": (36, "bold"),
    "title": (27, "regular"),
    "department": (24, "regular"),
    "contact": (23, "regular"),
    "address": (23, "regular"),
    "tagline": (22, "italic"),
}


@dataclass(frozen=True)
class Line:
    text: str
    role: str
    field: str  # the truth field it prints, or "other"
    glyph: str | None = None  # a small glyph box drawn before the text instead of a label word


@dataclass(frozen=True)
class Block:
    lines: tuple[Line, ...]
    x: float
    y: float
    align: str = "l"  # l, c, r: x is the left edge, centre or right edge
    valign: str = "t"  # t: y is the top; b: y is the bottom
    scale: float = 1.0
    ink: RGB | None = None


@dataclass(frozen=True)
class Shape:
    kind: str  # rect, ellipse, line
    box: tuple[float, float, float, float]
    fill: RGB


@dataclass
class Design:
    family: tuple[str, str, str]
    ink: RGB
    accent: RGB
    paper: RGB
    label_style: str  # short, word, glyph, bilingual
    rounded: bool
    blocks: list[Block] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)


@dataclass(frozen=True)
class TextOp:
    """One drawn line in layout units (what tests compare the truth with)."""

    x: float
    y: float
    text: str
    role: str
    field: str
    size: float


# ------------------------------------------------------------------------------------------ content lines

_EN_LABELS = {"work": "Phone", "mobile": "Mobile", "fax": "Fax"}
_SHORT = {"work": "T", "mobile": "M", "fax": "F"}
_GLYPH = {"work": "phone", "mobile": "mobile", "fax": "fax", "emails": "mail", "websites": "globe"}


def contact_lines(c: HeldoutContent, style: str, rng: random.Random) -> list[Line]:
    out: list[Line] = []
    for p in c.phones:
        if style == "glyph":
            out.append(Line(p.printed, "contact", "phones", _GLYPH[p.kind]))
        elif style == "bilingual" and c.country.code not in ("US", "GB", "IN"):
            out.append(Line(f"{p.label} / {_EN_LABELS[p.kind]} {p.printed}", "contact", "phones"))
        elif style == "short":
            out.append(Line(f"{_SHORT[p.kind]}  {p.printed}", "contact", "phones"))
        else:
            sep = rng.choice([": ", " ", " | "])
            out.append(Line(f"{p.label}{sep}{p.printed}", "contact", "phones"))
    for e in c.emails:
        if style == "glyph":
            out.append(Line(e, "contact", "emails", "mail"))
        else:
            label = {"short": "E  ", "word": rng.choice(["Email: ", "E-mail: ", ""])}.get(style, "")
            out.append(Line(label + e, "contact", "emails"))
    for w in c.websites:
        if style == "glyph":
            out.append(Line(w, "contact", "websites", "globe"))
        else:
            out.append(Line(("W  " if style == "short" else "") + w, "contact", "websites"))
    return out


def social_lines(c: HeldoutContent, one_line: bool) -> list[Line]:
    values = list(c.social.values())
    if not values:
        return []
    if one_line and len(values) > 1:
        return [Line("   ".join(values), "contact", "social")]
    return [Line(v, "contact", "social") for v in values]


def address_lines(c: HeldoutContent, one_line: bool) -> list[Line]:
    if not c.address_lines:
        return []
    if one_line:
        return [Line(", ".join(c.address_lines), "address", "address")]
    return [Line(a, "address", "address") for a in c.address_lines]


def person_lines(c: HeldoutContent, department_own_line: bool = True) -> list[Line]:
    lines = [Line(c.name, "name", "name")]
    if c.title:
        lines.append(Line(c.title, "title", "title"))
    if c.department and department_own_line:
        lines.append(Line(c.department, "department", "department"))
    return lines


def company_lines(c: HeldoutContent, with_tagline: bool = True) -> list[Line]:
    lines = [Line(c.company, "company", "company")]
    if c.tagline and with_tagline:
        lines.append(Line(c.tagline, "tagline", "other"))
    return lines


# ------------------------------------------------------------------------------------------ layouts


def _logo(d: Design, x: float, y: float, size: float, rng: random.Random) -> None:
    kind = rng.choice(["rect", "ellipse"])
    d.shapes.append(Shape(kind, (x, y, x + size, y + size), d.accent))
    inner = size * 0.3
    d.shapes.append(Shape("rect", (x + inner, y + inner, x + size - inner, y + size - inner), d.paper))


def logo_left(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    _logo(d, 50, 45, 90, rng)
    d.blocks.append(Block(tuple(company_lines(c)), 160, 60))
    d.blocks.append(Block(tuple(person_lines(c)), 950, 60, "r"))
    lines = contact_lines(c, d.label_style, rng) + social_lines(c, True)
    d.blocks.append(Block(tuple(lines), 50, 560, "l", "b", 0.95))
    if c.address_lines:
        d.blocks.append(Block(tuple(address_lines(c, False)), 950, 560, "r", "b", 0.9))


def centred(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    lines = company_lines(c) + person_lines(c)
    d.blocks.append(Block(tuple(lines), 500, 45, "c"))
    rest = contact_lines(c, d.label_style, rng) + social_lines(c, True) + address_lines(c, True)
    d.blocks.append(Block(tuple(rest), 500, 565, "c", "b", 0.85))


def two_columns(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    d.shapes.append(Shape("rect", (478, 60, 482, 540), d.accent))
    d.blocks.append(Block(tuple(person_lines(c) + company_lines(c)), 45, 70, scale=0.9))
    lines = contact_lines(c, d.label_style, rng) + social_lines(c, False) + address_lines(c, False)
    # the right column is centred vertically: half its height above the middle
    d.blocks.append(Block(tuple(lines), 510, 300 - 0.8 * 15 * len(lines), "l", "t", 0.8))


def name_bottom(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    _logo(d, 50, 40, 70, rng)
    d.blocks.append(Block(tuple(company_lines(c)), 140, 50))
    if c.address_lines:
        d.blocks.append(Block(tuple(address_lines(c, False)), 50, 150, scale=0.85))
    d.blocks.append(Block(tuple(person_lines(c)), 50, 565, "l", "b"))
    lines = contact_lines(c, d.label_style, rng) + social_lines(c, False)
    d.blocks.append(Block(tuple(lines), 950, 565, "r", "b", 0.85))


def vertical_stripe(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    d.shapes.append(Shape("rect", (0, 0, 110, UNITS_H), d.accent))
    d.blocks.append(Block(tuple(person_lines(c)), 150, 50))
    d.blocks.append(Block(tuple(company_lines(c)), 150, 250, scale=0.9))
    lines = contact_lines(c, d.label_style, rng) + address_lines(c, True) + social_lines(c, True)
    d.blocks.append(Block(tuple(lines), 150, 570, "l", "b", 0.8))


def bilingual(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    d.label_style = "bilingual"
    logo_left(c, d, rng)


def glyph_block(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    d.label_style = "glyph"
    d.blocks.append(Block(tuple(company_lines(c)), 55, 45))
    d.blocks.append(Block(tuple(person_lines(c)), 55, 150))
    lines = contact_lines(c, "glyph", rng) + address_lines(c, False) + social_lines(c, False)
    d.blocks.append(Block(tuple(lines), 560, 565, "l", "b", 0.75))


def social_line(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    d.blocks.append(Block(tuple(person_lines(c) + company_lines(c, False)), 60, 50))
    d.blocks.append(
        Block(tuple(contact_lines(c, d.label_style, rng) + address_lines(c, True)), 60, 290, scale=0.85)
    )
    handles = social_lines(c, True)
    if handles:
        d.shapes.append(Shape("rect", (0, 520, UNITS_W, UNITS_H), d.accent))
        d.blocks.append(Block(tuple(handles), 500, 585, "c", "b", 0.85, d.paper))


def department_line(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    lines = [Line(c.name, "name", "name")]
    if c.title:
        lines.append(Line(c.title, "title", "title"))
    d.blocks.append(Block(tuple(lines), 60, 50))
    company = company_lines(c, False)
    if c.department:
        company.insert(0, Line(c.department, "department", "department"))
    d.blocks.append(Block(tuple(company), 60, 200, scale=0.9))
    rest = contact_lines(c, d.label_style, rng) + social_lines(c, True) + address_lines(c, True)
    d.blocks.append(Block(tuple(rest), 60, 570, "l", "b", 0.8))


def right_aligned(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    _logo(d, 870, 40, 80, rng)
    d.blocks.append(Block(tuple(company_lines(c)), 850, 50, "r"))
    d.blocks.append(Block(tuple(person_lines(c)), 950, 170, "r"))
    rest = contact_lines(c, d.label_style, rng) + address_lines(c, False) + social_lines(c, True)
    d.blocks.append(Block(tuple(rest), 950, 570, "r", "b", 0.75))


def header_band(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    d.shapes.append(Shape("rect", (0, 0, UNITS_W, 120), d.accent))
    d.blocks.append(Block(tuple(company_lines(c, False)), 50, 35, ink=d.paper))
    d.blocks.append(Block(tuple(person_lines(c)), 50, 150))
    rest = contact_lines(c, d.label_style, rng) + social_lines(c, False)
    d.blocks.append(Block(tuple(rest), 950, 570, "r", "b", 0.8))
    if c.address_lines:
        d.blocks.append(Block(tuple(address_lines(c, False)), 50, 570, "l", "b", 0.8))


def address_top(c: HeldoutContent, d: Design, rng: random.Random) -> None:
    d.blocks.append(Block(tuple(company_lines(c)), 50, 40, scale=0.9))
    if c.address_lines:
        d.blocks.append(Block(tuple(address_lines(c, False)), 950, 40, "r", scale=0.75))
    d.blocks.append(Block(tuple(person_lines(c)), 50, 250))
    rest = contact_lines(c, d.label_style, rng) + social_lines(c, True)
    d.blocks.append(Block(tuple(rest), 950, 570, "r", "b", 0.75))


LAYOUTS: dict[str, Callable[[HeldoutContent, Design, random.Random], None]] = {
    "logo_left": logo_left,
    "centred": centred,
    "two_columns": two_columns,
    "name_bottom": name_bottom,
    "vertical_stripe": vertical_stripe,
    "bilingual": bilingual,
    "glyph_block": glyph_block,
    "social_line": social_line,
    "department_line": department_line,
    "right_aligned": right_aligned,
    "header_band": header_band,
    "address_top": address_top,
}


# ------------------------------------------------------------------------------------------ drawing


@lru_cache(maxsize=256)
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / path), size)


def _font_path(d: Design, role: str) -> str:
    weight = ROLES[role][1]
    return d.family[{"regular": 0, "bold": 1, "italic": 2}[weight]]


def _glyph(draw: ImageDraw.ImageDraw, kind: str, x: float, y: float, s: float, ink: RGB, paper: RGB) -> None:
    """A small filled box with a simple mark in it, as icon fonts draw: no letters to read."""
    draw.rounded_rectangle((x, y, x + s, y + s), radius=s * 0.2, fill=ink)
    m = s * 0.25
    if kind == "mail":
        draw.rectangle(
            (x + m, y + m * 1.3, x + s - m, y + s - m * 1.3), outline=paper, width=max(1, int(s / 12))
        )
        draw.line(
            (x + m, y + m * 1.3, x + s / 2, y + s / 2, x + s - m, y + m * 1.3),
            fill=paper,
            width=max(1, int(s / 12)),
        )
    elif kind == "globe":
        draw.ellipse((x + m, y + m, x + s - m, y + s - m), outline=paper, width=max(1, int(s / 12)))
    elif kind == "fax":
        draw.rectangle((x + m, y + m * 1.6, x + s - m, y + s - m), fill=paper)
    else:  # phone / mobile
        w = s * (0.3 if kind == "mobile" else 0.5)
        draw.rectangle((x + (s - w) / 2, y + m * 0.8, x + (s + w) / 2, y + s - m * 0.8), fill=paper)


@dataclass(frozen=True)
class Placed:
    """Where one line of a block lands, in layout units: its glyph box (if any) and text together."""

    block: int  # index into Design.blocks
    line: Line
    x: float
    y: float  # the top of the line
    width: float
    pitch: float  # the line's height in its block
    px: int  # the font size drawn at the rendering's scale
    glyph: float  # the glyph box's side, 0 without one


def placements(d: Design, k: float) -> list[Placed]:
    """Every line of every block placed on a card `k` px per layout unit wide."""
    out: list[Placed] = []
    for index, b in enumerate(d.blocks):
        heights = [ROLES[line.role][0] * b.scale * 1.32 for line in b.lines]
        y = b.y - (sum(heights) if b.valign == "b" else 0.0)
        for line, h in zip(b.lines, heights, strict=True):
            px = max(8, round(ROLES[line.role][0] * b.scale * k))
            f = font(_font_path(d, line.role), px)
            glyph = px / k * 1.1 if line.glyph else 0.0
            total = f.getlength(line.text) / k + glyph * 1.4
            x = {"l": b.x, "c": b.x - total / 2, "r": b.x - total}[b.align]
            out.append(Placed(index, line, x, y, total, h, px, glyph))
            y += h
    return out


# A printer's layout never runs one block's text into another's or off the card: a block that would is set
# smaller, FIT_STEP at a time (a long company name beside the name, a line of several handles).
FIT_STEP = 0.92
MAX_FIT_STEPS = 12
MIN_GAP = 6.0  # layout units between two blocks' text
_INK_HEIGHT = 1.15  # of the font size: ascenders to descenders


def _ink_box(p: Placed) -> tuple[float, float, float, float]:
    return p.x, p.y, p.x + p.width, p.y + p.px * _INK_HEIGHT


def misfit_block(d: Design) -> int | None:
    """A block whose text leaves the card or runs into another block's (the wider line's of the two)."""
    placed = placements(d, 1.0)
    for p in placed:
        left, top, right, bottom = _ink_box(p)
        if left < 0 or top < 0 or right > UNITS_W or bottom > UNITS_H:
            return p.block
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            if a.block == b.block:
                continue
            (al, at, ar, ab), (bl, bt, br, bb) = _ink_box(a), _ink_box(b)
            if al < br + MIN_GAP and bl < ar + MIN_GAP and at < bb and bt < ab:
                return a.block if a.width >= b.width else b.block
    return None


def fit_blocks(d: Design) -> None:
    """Each misfitting block set smaller until no text collides or leaves the card."""
    for _ in range(MAX_FIT_STEPS):
        index = misfit_block(d)
        if index is None:
            return
        d.blocks[index] = replace(d.blocks[index], scale=d.blocks[index].scale * FIT_STEP)


def render(d: Design, long_px: int) -> tuple[np.ndarray, list[TextOp]]:
    """The card at `long_px` wide (RGB uint8) and the lines drawn, in layout units."""
    k = long_px / UNITS_W
    size = (long_px, round(UNITS_H * k))
    img = Image.new("RGB", size, d.paper)
    draw = ImageDraw.Draw(img)
    for s in d.shapes:
        box = tuple(v * k for v in s.box)
        (draw.ellipse if s.kind == "ellipse" else draw.rectangle)(box, fill=s.fill)
    ops: list[TextOp] = []
    for p in placements(d, k):
        b, line = d.blocks[p.block], p.line
        ink = b.ink or (d.accent if line.role in ("company", "tagline") and b.ink is None else d.ink)
        if line.glyph:
            _glyph(
                draw,
                line.glyph,
                p.x * k,
                (p.y + p.pitch * 0.05) * k,
                p.glyph * k,
                ink,
                d.paper if b.ink is None else d.accent,
            )
        text_x = p.x + p.glyph * 1.4
        f = font(_font_path(d, line.role), p.px)
        draw.text((text_x * k, p.y * k), line.text, font=f, fill=ink, anchor="la")
        ops.append(TextOp(round(text_x, 1), round(p.y, 1), line.text, line.role, line.field, p.px / k))
    return np.asarray(img), ops


def make_design(rng: random.Random) -> Design:
    dark = rng.random() < 0.12
    paper: RGB = (28, 32, 40) if dark else rng.choice([(255, 255, 255), (250, 247, 240), (244, 246, 248)])
    ink: RGB = (235, 235, 230) if dark else rng.choice([(20, 20, 20), (40, 44, 60), (55, 40, 35)])
    accent: RGB = rng.choice([(180, 40, 40), (20, 90, 160), (30, 120, 80), (120, 60, 150), (200, 120, 20)])
    return Design(
        family=rng.choice(FAMILIES),
        ink=ink,
        accent=accent,
        paper=paper,
        label_style=rng.choice(["short", "word", "word"]),
        rounded=rng.random() < 0.3,
    )


# ------------------------------------------------------------------------------------------ cards


@dataclass(frozen=True)
class HeldoutCard:
    index: int
    image: bytes  # JPEG
    truth: dict[str, Any]
    meta: dict[str, Any]
    ops: tuple[TextOp, ...]


def plan(seed: int, index: int) -> tuple[HeldoutContent, Design, str, str]:
    rng = random.Random(f"meishi-heldout/{seed}/{index}")
    code = COUNTRY_CODES[index % len(COUNTRY_CODES)] if rng.random() < 0.5 else rng.choice(COUNTRY_CODES)
    content = make_content(rng, code)
    design = make_design(rng)
    layout = rng.choice(sorted(LAYOUTS))
    LAYOUTS[layout](content, design, rng)
    fit_blocks(design)
    mode = "scan" if rng.random() < SCAN_SHARE else "photo"
    return content, design, layout, mode


def build_card(seed: int, index: int) -> HeldoutCard:
    content, design, layout, mode = plan(seed, index)
    nrng = np.random.default_rng([seed, index, 1701])
    drawn: list[list[TextOp]] = []

    def draw(long_px: int) -> np.ndarray:
        pixels, ops = render(design, long_px)
        drawn.append(ops)
        return pixels

    if mode == "scan":
        image, params = flat_scan(nrng, draw(SCAN_LONG_PX))
    else:
        image, params = phone_photo(nrng, draw, False, design.rounded)
    meta = {
        "generator": "heldout",
        "locale": content.country.code,
        "layout": layout,
        "labels": design.label_style,
        "font": Path(design.family[0]).stem,
        "seed": seed,
        "index": index,
        **params,
    }
    return HeldoutCard(index, image, content.truth(), meta, tuple(drawn[-1]))


def write_set(seed: int, count: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        card = build_card(seed, i)
        (out / f"{i:04d}.jpg").write_bytes(card.image)
        label = {**card.truth, "meta": card.meta}
        (out / f"{i:04d}.json").write_text(json.dumps(label, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"\r  held-out cards: {i + 1}/{count}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", type=int, default=70)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    write_set(a.seed, a.count, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
