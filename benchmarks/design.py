"""A card's look: layout, fonts, sizes and colours, drawn from the seed."""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.fonts import Family, families

RGB = tuple[int, int, int]

LAYOUTS = ("left", "centered", "two_column", "band", "dark", "logo", "portrait")
LAYOUT_WEIGHTS = (18, 14, 18, 14, 10, 16, 10)

PAPERS: tuple[RGB, ...] = (
    (250, 250, 248),
    (246, 241, 228),
    (236, 236, 234),
    (232, 240, 248),
    (214, 190, 150),
)
PAPER_WEIGHTS = (10, 4, 3, 2, 1)
DARK_PAPERS: tuple[RGB, ...] = ((20, 24, 32), (15, 15, 15), (18, 50, 40), (30, 30, 70), (60, 20, 25))
INKS: tuple[RGB, ...] = ((25, 25, 25), (60, 60, 65), (20, 40, 80), (60, 40, 30))
LIGHT_INKS: tuple[RGB, ...] = ((240, 240, 240), (212, 175, 90), (205, 205, 205))
ACCENTS: tuple[RGB, ...] = (
    (24, 54, 110),
    (0, 110, 120),
    (170, 30, 45),
    (30, 100, 50),
    (220, 110, 20),
    (90, 40, 120),
    (180, 140, 40),
    (110, 110, 110),
)


@dataclass(frozen=True)
class Style:
    layout: str
    body: Family
    display: Family  # name and company
    paper: RGB
    ink: RGB
    accent: RGB
    label_ink: RGB
    on_accent: RGB  # text colour inside a coloured band
    dark: bool
    name_pt: float
    title_pt: float
    body_pt: float
    company_pt: float
    company_caps: bool
    company_tracking: float  # extra space between letters, in em
    name_italic: bool
    title_caps: bool
    rounded: bool
    logo_shape: str  # circle, square, triangle, bars


def make_style(rng: random.Random, layout: str | None = None) -> Style:
    fams = families()
    layout = layout or rng.choices(LAYOUTS, weights=LAYOUT_WEIGHTS)[0]
    body = rng.choice(fams)
    display = body if rng.random() < 0.6 else rng.choice(fams)
    accent = rng.choice(ACCENTS)
    dark = layout == "dark"
    if dark:
        paper = rng.choice(DARK_PAPERS)
        ink = rng.choice(LIGHT_INKS)
        label_ink = ink if rng.random() < 0.5 else rng.choice(LIGHT_INKS)
    else:
        paper = rng.choices(PAPERS, weights=PAPER_WEIGHTS)[0]
        ink = rng.choice(INKS)
        label_ink = accent if rng.random() < 0.5 else ink
    tracking = rng.choice([0.0, 0.0, 0.0, 0.15, 0.3])
    return Style(
        layout=layout,
        body=body,
        display=display,
        paper=paper,
        ink=ink,
        accent=accent,
        label_ink=label_ink,
        on_accent=(250, 250, 250),
        dark=dark,
        name_pt=rng.uniform(11.5, 17.0),
        title_pt=rng.uniform(7.0, 9.0),
        body_pt=rng.uniform(6.5, 8.5),
        company_pt=rng.uniform(9.0, 13.0),
        company_caps=tracking > 0 or rng.random() < 0.25,
        company_tracking=tracking,
        name_italic=rng.random() < 0.08,
        title_caps=rng.random() < 0.15,
        rounded=rng.random() < 0.3,
        logo_shape=rng.choice(["circle", "square", "triangle", "bars"]),
    )
