"""Lay a card's content out in one of the layouts and draw it: content + style -> draw operations -> pixels.

Every piece of text becomes a TextOp that remembers which truth field it carries, so tests can check
that the ground truth is exactly what was drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.content import CardContent, PrintedLine
from benchmarks.design import RGB, Style
from benchmarks.fonts import load

PT = 4.0  # base units per typographic point when the card's long side is 1000 units (~88 mm)
LEADING = 1.28


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float  # top of the line box (PIL anchor "la")
    text: str
    font: str
    size: int
    fill: RGB
    field: str  # truth field: name, title, company, department, phones, emails, ..., or "other"
    tracking: float = 0.0  # extra pixels after each character


@dataclass(frozen=True)
class ShapeOp:
    kind: str  # rect, ellipse, polygon, line
    points: tuple[float, ...]
    fill: RGB
    width: int = 0


@dataclass
class Seg:
    text: str
    font: str
    size: int
    fill: RGB
    field: str
    tracking: float = 0.0
    icon: RGB | None = None  # draw a round icon (this colour) instead of text

    def width(self) -> float:
        if self.icon is not None:
            return self.size * 1.4
        f = load(self.font, self.size)
        return f.getlength(self.text) + self.tracking * len(self.text)


@dataclass
class TLine:
    segs: list[Seg]
    gap_before: float = 0.0

    def width(self) -> float:
        return sum(s.width() for s in self.segs)

    def height(self) -> float:
        asc, desc = load(self.segs[0].font, max(s.size for s in self.segs)).getmetrics()
        return (asc + desc) * LEADING * 0.82


@dataclass
class Block:
    lines: list[TLine] = field(default_factory=list)

    def width(self) -> float:
        return max((ln.width() for ln in self.lines), default=0.0)

    def height(self) -> float:
        return sum(ln.height() + ln.gap_before for ln in self.lines)


class Layouter:
    """Builds blocks for one card at one pixel size and shrink factor."""

    def __init__(self, content: CardContent, style: Style, width: int, height: int, shrink: float) -> None:
        self.c, self.s, self.w, self.h = content, style, width, height
        self.u = max(width, height) / 1000.0  # pixels per base unit
        self.k = shrink
        self.ops: list[TextOp | ShapeOp] = []

    def px(self, pt: float) -> int:
        return max(6, round(pt * PT * self.u * self.k))

    def _name_font(self) -> str:
        return self.s.display.italic if self.s.name_italic else self.s.display.bold

    def company_line(self, ink: RGB, scale: float = 1.0) -> TLine | None:
        if not self.c.company:
            return None
        text = self.c.company.upper() if self.s.company_caps else self.c.company
        size = self.px(self.s.company_pt * scale)
        return TLine([Seg(text, self.s.display.bold, size, ink, "company", self.s.company_tracking * size)])

    def identity(self, ink: RGB, accent: RGB) -> Block:
        b = Block()
        name_ink = accent if not self.s.dark and self.s.layout in ("logo", "band") else ink
        name = TLine(
            [
                Seg(
                    self.c.name_printed or self.c.name,
                    self._name_font(),
                    self.px(self.s.name_pt),
                    name_ink,
                    "name",
                )
            ]
        )
        titles = []
        for text in self.c.title_lines or ((self.c.title,) if self.c.title else ()):
            text = text.upper() if self.s.title_caps else text
            titles.append(TLine([Seg(text, self.s.body.regular, self.px(self.s.title_pt), ink, "title")]))
        b.lines += [*titles, name] if self.c.title_first else [name]
        if self.c.name_alt:
            size = self.px(self.s.name_pt * 0.8)
            b.lines.append(TLine([Seg(self.c.name_alt, self._name_font(), size, name_ink, "other")]))
        if not self.c.title_first:
            b.lines += titles
        if self.c.department:
            size = self.px(self.s.title_pt * 0.92)
            b.lines.append(TLine([Seg(self.c.department, self.s.body.regular, size, ink, "department")]))
        return b

    def contact(self, ink: RGB, label_ink: RGB, icon_ink: RGB) -> Block:
        b = Block()
        size = self.px(self.s.body_pt)
        for pl in self.c.contact_lines:
            b.lines.append(self._contact_line(pl, size, ink, label_ink, icon_ink))
        for i, text in enumerate(self.c.address_lines):
            b.lines.append(
                TLine(
                    [Seg(text, self.s.body.regular, size, ink, "address")],
                    gap_before=size * 0.5 if i == 0 else 0,
                )
            )
        return b

    def _contact_line(self, pl: PrintedLine, size: int, ink: RGB, label_ink: RGB, icon_ink: RGB) -> TLine:
        segs: list[Seg] = []
        if self.c.icons:
            segs.append(Seg("", self.s.body.regular, size, ink, "other", icon=icon_ink))
        for seg in pl.segments:
            if seg.role == "label":
                segs.append(Seg(seg.text, self.s.body.bold, size, label_ink, "label"))
            else:
                segs.append(Seg(seg.text, self.s.body.regular, size, ink, pl.field))
        return TLine(segs)

    def tagline(self, ink: RGB) -> TLine | None:
        if not self.c.tagline:
            return None
        return TLine([Seg(self.c.tagline, self.s.body.italic, self.px(self.s.body_pt * 0.95), ink, "other")])

    # ---------------------------------------------------------------- placement
    def place_block(self, block: Block, x0: float, x1: float, y: float, align: str) -> float:
        """Draw a block's lines starting at y; returns the y below it."""
        for ln in block.lines:
            y += ln.gap_before
            w = ln.width()
            x = x0 if align == "l" else (x1 - w if align == "r" else (x0 + x1 - w) / 2)
            for seg in ln.segs:
                if seg.icon is not None:
                    d = seg.size * 0.95
                    cy = y + seg.size * 0.12
                    self.ops.append(ShapeOp("ellipse", (x, cy, x + d, cy + d), seg.icon))
                elif seg.text:
                    self.ops.append(
                        TextOp(x, y, seg.text, seg.font, seg.size, seg.fill, seg.field, seg.tracking)
                    )
                x += seg.width()
            y += ln.height()
        return y

    def stack(self, blocks: list[Block], box: tuple[float, float, float, float], align: str) -> bool:
        """First block at the top, last at the bottom, the others spread between. False if it won't fit."""
        x0, y0, x1, y1 = box
        blocks = [b for b in blocks if b.lines]
        if not blocks:
            return True
        if any(b.width() > x1 - x0 for b in blocks):
            return False
        heights = [b.height() for b in blocks]
        free = (y1 - y0) - sum(heights)
        min_gap = 0.04 * self.h
        if free < min_gap * (len(blocks) - 1):
            return False
        if len(blocks) == 1:
            self.place_block(blocks[0], x0, x1, y0 + free / 2, align)
            return True
        gap = free / (len(blocks) - 1)
        y = y0
        for b, hgt in zip(blocks, heights, strict=True):
            self.place_block(b, x0, x1, y, align)
            y += hgt + gap
        return True


def _header(lay: Layouter, ink: RGB) -> Block:
    b = Block()
    if lay.c.logo_word:
        size = lay.px(lay.s.company_pt * 1.4)
        b.lines.append(TLine([Seg(lay.c.logo_word, lay.s.display.bold, size, ink, "other")]))
    line = lay.company_line(ink)
    if line:
        b.lines.append(line)
    tag = lay.tagline(ink)
    if tag:
        b.lines.append(tag)
    if lay.c.services:
        size = lay.px(lay.s.body_pt * 0.9)
        b.lines.append(TLine([Seg(lay.c.services, lay.s.body.regular, size, ink, "tagline")]))
    return b


def _logo_mark(lay: Layouter, x: float, y: float, size: float, colour: RGB, on: RGB) -> None:
    shape = lay.s.logo_shape
    if shape == "circle":
        lay.ops.append(ShapeOp("ellipse", (x, y, x + size, y + size), colour))
    elif shape == "square":
        lay.ops.append(ShapeOp("rect", (x, y, x + size, y + size), colour))
    elif shape == "triangle":
        lay.ops.append(ShapeOp("polygon", (x, y + size, x + size / 2, y, x + size, y + size), colour))
        return
    else:
        for i in range(3):
            top = y + size * (1 - (i + 1) / 3)
            lay.ops.append(
                ShapeOp("rect", (x + i * size / 3, top, x + (i + 0.75) * size / 3, y + size), colour)
            )
        return
    # initials inside circles and squares: printed text that is no contact field
    fsize = int(size * 0.42)
    f = load(lay.s.display.bold, fsize)
    tw = f.getlength(lay.c.logo_initials)
    asc, desc = f.getmetrics()
    lay.ops.append(
        TextOp(
            x + (size - tw) / 2,
            y + (size - asc - desc) / 2,
            lay.c.logo_initials,
            lay.s.display.bold,
            fsize,
            on,
            "other",
        )
    )


def _left(lay: Layouter, align: str = "l") -> bool:
    s, m = lay.s, 0.07 * lay.w
    return lay.stack(
        [
            _header(lay, s.accent if not s.dark else s.ink),
            lay.identity(s.ink, s.accent),
            lay.contact(s.ink, s.label_ink, s.accent),
        ],
        (m, 0.09 * lay.h, lay.w - m, lay.h - 0.09 * lay.h),
        align,
    )


def _two_column(lay: Layouter) -> bool:
    s, m = lay.s, 0.07 * lay.w
    ident = lay.identity(s.ink, s.accent)
    head = _header(lay, s.accent)
    # the divider sits just right of the name column, leaving the rest to the longer contact lines
    mid = min(0.6 * lay.w, max(0.36 * lay.w, m + max(ident.width(), head.width()) + 0.03 * lay.w))
    if not lay.stack([ident, head], (m, 0.1 * lay.h, mid - 0.02 * lay.w, lay.h - 0.1 * lay.h), "l"):
        return False
    lay.ops.append(
        ShapeOp("line", (mid, 0.15 * lay.h, mid, 0.85 * lay.h), s.accent, max(1, round(2 * lay.u)))
    )
    return lay.stack(
        [lay.contact(s.ink, s.label_ink, s.accent)], (mid + 0.03 * lay.w, m, lay.w - m, lay.h - m), "r"
    )


def _band(lay: Layouter) -> bool:
    s, m = lay.s, 0.07 * lay.w
    band_h = 0.27 * lay.h
    lay.ops.append(ShapeOp("rect", (0, 0, lay.w, band_h), s.accent))
    head = _header(lay, s.on_accent)
    if head.lines and not lay.stack([head], (m, 0.03 * lay.h, lay.w - m, band_h - 0.03 * lay.h), "l"):
        return False
    body = [lay.identity(s.ink, s.accent), lay.contact(s.ink, s.label_ink, s.accent)]
    return lay.stack(body, (m, band_h + 0.07 * lay.h, lay.w - m, lay.h - 0.07 * lay.h), "l")


def _logo(lay: Layouter) -> bool:
    s, m = lay.s, 0.07 * lay.w
    size = 0.2 * lay.h
    _logo_mark(lay, m, m * 0.8, size, s.accent, s.paper)
    line = lay.company_line(s.ink)
    if line:
        head = Block([line])
        x0 = m + size + 0.03 * lay.w
        y = m * 0.8 + (size - head.height()) / 2
        if head.width() > lay.w - m - x0:
            return False
        lay.place_block(head, x0, lay.w - m, y, "l")
    body = [lay.identity(s.ink, s.accent), lay.contact(s.ink, s.label_ink, s.accent)]
    return lay.stack(body, (m, m * 0.8 + size + 0.06 * lay.h, lay.w - m, lay.h - 0.07 * lay.h), "l")


def _portrait(lay: Layouter) -> bool:
    s, m = lay.s, 0.08 * lay.w
    size = 0.12 * lay.h
    _logo_mark(lay, (lay.w - size) / 2, 0.06 * lay.h, size, s.accent, s.paper)
    head = _header(lay, s.accent)
    blocks = [head, lay.identity(s.ink, s.accent), lay.contact(s.ink, s.label_ink, s.accent)]
    return lay.stack(blocks, (m, 0.06 * lay.h + size + 0.03 * lay.h, lay.w - m, lay.h - 0.06 * lay.h), "c")


def _dark(lay: Layouter) -> bool:
    return _left(lay, "c" if len(lay.c.contact_lines) % 2 else "l")


LAYOUT_FUNCS: dict[str, Callable[[Layouter], bool]] = {
    "left": _left,
    "centered": lambda lay: _left(lay, "c"),
    "two_column": _two_column,
    "band": _band,
    "logo": _logo,
    "portrait": _portrait,
    "dark": _dark,
}


def card_size(content: CardContent, style: Style, long_px: int) -> tuple[int, int]:
    long_mm, short_mm = content.locale.card_mm
    short_px = round(long_px * short_mm / long_mm)
    return (short_px, long_px) if style.layout == "portrait" else (long_px, short_px)


MIN_BODY_PT = 5.5  # below this a designer picks another layout rather than smaller text


def layout_card(
    content: CardContent, style: Style, long_px: int
) -> tuple[tuple[int, int], list[TextOp | ShapeOp], str]:
    """Draw operations for the card at `long_px` pixels on its long side, shrinking text until it fits;
    a layout that only fits with tiny text falls back to the plain left-aligned one. Returns the card
    size, the operations and the layout used."""
    w, h = card_size(content, style, long_px)
    layout = style.layout
    shrink = 1.0
    for _ in range(16):
        if style.body_pt * shrink < MIN_BODY_PT and layout not in ("left", "dark", "portrait"):
            layout, shrink = "left", 1.0
        lay = Layouter(content, style, w, h, shrink)
        if LAYOUT_FUNCS[layout](lay):
            return (w, h), lay.ops, layout
        shrink *= 0.92
    raise ValueError(f"content does not fit the {style.layout} layout")  # 16 shrinks leave ~25% size


def rasterize(size: tuple[int, int], ops: list[TextOp | ShapeOp], paper: RGB) -> np.ndarray:
    """RGB uint8 card image."""
    img = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(img)
    for op in ops:
        if isinstance(op, ShapeOp):
            if op.kind == "rect":
                draw.rectangle(op.points, fill=op.fill)
            elif op.kind == "ellipse":
                draw.ellipse(op.points, fill=op.fill)
            elif op.kind == "polygon":
                draw.polygon(list(zip(op.points[::2], op.points[1::2], strict=True)), fill=op.fill)
            else:
                draw.line(op.points, fill=op.fill, width=op.width)
            continue
        font = load(op.font, op.size)
        if not op.tracking:
            draw.text((op.x, op.y), op.text, font=font, fill=op.fill, anchor="la")
            continue
        x = op.x
        for ch in op.text:
            draw.text((x, op.y), ch, font=font, fill=op.fill, anchor="la")
            x += font.getlength(ch) + op.tracking
    return np.asarray(img)
