"""TrueType fonts from Debian's font packages (fonts-dejavu-core, fonts-liberation, fonts-freefont-ttf,
fonts-noto-core; `scripts/install-system-deps.sh --test` installs them). Nothing is downloaded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_ROOT = Path("/usr/share/fonts/truetype")


@dataclass(frozen=True)
class Family:
    name: str
    regular: str
    bold: str
    italic: str
    serif: bool


# (family, regular, bold, italic, serif) relative to FONT_ROOT
_CANDIDATES = (
    (
        "DejaVu Sans",
        "dejavu/DejaVuSans.ttf",
        "dejavu/DejaVuSans-Bold.ttf",
        "dejavu/DejaVuSans-Oblique.ttf",
        False,
    ),
    (
        "DejaVu Sans Condensed",
        "dejavu/DejaVuSansCondensed.ttf",
        "dejavu/DejaVuSansCondensed-Bold.ttf",
        "dejavu/DejaVuSansCondensed-Oblique.ttf",
        False,
    ),
    (
        "DejaVu Serif",
        "dejavu/DejaVuSerif.ttf",
        "dejavu/DejaVuSerif-Bold.ttf",
        "dejavu/DejaVuSerif-Italic.ttf",
        True,
    ),
    (
        "Liberation Sans",
        "liberation/LiberationSans-Regular.ttf",
        "liberation/LiberationSans-Bold.ttf",
        "liberation/LiberationSans-Italic.ttf",
        False,
    ),
    (
        "Liberation Sans Narrow",
        "liberation/LiberationSansNarrow-Regular.ttf",
        "liberation/LiberationSansNarrow-Bold.ttf",
        "liberation/LiberationSansNarrow-Italic.ttf",
        False,
    ),
    (
        "Liberation Serif",
        "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Bold.ttf",
        "liberation/LiberationSerif-Italic.ttf",
        True,
    ),
    ("FreeSans", "freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf", "freefont/FreeSansOblique.ttf", False),
    (
        "FreeSerif",
        "freefont/FreeSerif.ttf",
        "freefont/FreeSerifBold.ttf",
        "freefont/FreeSerifItalic.ttf",
        True,
    ),
    ("Noto Sans", "noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf", "noto/NotoSans-Italic.ttf", False),
    (
        "Noto Sans Display",
        "noto/NotoSansDisplay-Regular.ttf",
        "noto/NotoSansDisplay-Bold.ttf",
        "noto/NotoSansDisplay-Italic.ttf",
        False,
    ),
    (
        "Noto Serif",
        "noto/NotoSerif-Regular.ttf",
        "noto/NotoSerif-Bold.ttf",
        "noto/NotoSerif-Italic.ttf",
        True,
    ),
    (
        "Noto Serif Display",
        "noto/NotoSerifDisplay-Regular.ttf",
        "noto/NotoSerifDisplay-Bold.ttf",
        "noto/NotoSerifDisplay-Italic.ttf",
        True,
    ),
)


class FontsMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    """The installed families, in a fixed order (so a seed gives the same card on every machine that has
    the same packages)."""
    found = []
    for name, regular, bold, italic, serif in _CANDIDATES:
        paths = [FONT_ROOT / p for p in (regular, bold, italic)]
        if all(p.is_file() for p in paths):
            found.append(Family(name, *(str(p) for p in paths), serif))
    if not found:
        raise FontsMissing(
            f"no TrueType fonts under {FONT_ROOT}; run scripts/install-system-deps.sh --test "
            "(fonts-dejavu-core fonts-liberation fonts-freefont-ttf fonts-noto-core)"
        )
    return tuple(found)


@lru_cache(maxsize=512)
def load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(6, int(size)))
