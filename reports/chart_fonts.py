"""The fonts a chart is drawn with: a CJK font of the machine when it has one (the Simplified
Chinese cuts first), else the subset of Noto Sans CJK SC shipped in reports/fonts (SIL OFL, see
SOURCE.md there), so a fresh install draws Chinese too; DejaVu Sans (inside matplotlib) for Latin
and symbols; and what they can draw, so a text they cannot is swapped for a readable fallback
instead of boxes."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from matplotlib import font_manager

# Preferred families, best first: the Simplified Chinese cuts before the rest, since the groups
# are Chinese; any other family whose name says CJK is tried after these.
_CJK_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
)
# Characters any usable font must have; a font named "CJK" but cut for another script fails.
_CJK_PROBE: Final = "街道环卫所按期结案率"
# Shipped with the package: always there, and last in line (a full font of the machine covers
# rarer characters than this subset does).
SHIPPED_FONT: Final = Path(__file__).with_name("fonts") / "StreetDeskSansSC-Regular.otf"
SHIPPED_FAMILY: Final = "StreetDesk Sans SC"
# DejaVu Sans ships inside matplotlib, so it is always there: the Latin and symbol fallback.
_LATIN_FAMILY: Final = "DejaVu Sans"


@dataclass(frozen=True, slots=True)
class Fonts:
    families: tuple[str, ...]  # in fallback order, as matplotlib takes a family list
    drawable: frozenset[int]  # code points that at least one of them has a glyph for
    cjk: bool
    # Several CJK fonts (WenQuanYi) have no bold face; asking for one anyway gets a regular face
    # and a "Failed to find font weight" log line on every chart.
    title_weight: str = "bold"

    def readable(self, text: str) -> str | None:
        """`text` as it can be drawn, or None if that would lose any of its words.

        Characters that are not letters (an emoji, a symbol) are decoration: they are dropped when
        missing. A missing letter (a Chinese character in a Latin font) makes the text unreadable.
        """
        kept: list[str] = []
        for char in text:
            if char == "\n" or ord(char) in self.drawable:
                kept.append(char)
            elif char.isalnum():
                return None
        # Where a dropped emoji stood between two words, one space is left, not two.
        result = re.sub(r" {2,}", " ", "".join(kept)).strip()
        return result or None


def _charmap(family: str) -> frozenset[int] | None:
    try:
        path = font_manager.findfont(
            font_manager.FontProperties(family=[family]), fallback_to_default=False
        )
        return frozenset(font_manager.get_font(path).get_charmap())
    except (ValueError, OSError, RuntimeError):  # not installed, or a file FreeType rejects
        return None


def _has_bold(family: str) -> bool:
    for entry in font_manager.fontManager.ttflist:
        weight = entry.weight
        if isinstance(weight, str):
            weight = font_manager.weight_dict.get(weight, 400)
        if entry.name == family and weight >= 600:
            return True
    return False


@functools.cache
def chart_fonts() -> Fonts:
    # Looked up once per process: scanning the fonts takes tens of milliseconds, and a font
    # installed while the bot runs would not be in matplotlib's font list before a restart anyway.
    system = {entry.name for entry in font_manager.fontManager.ttflist}
    return fonts_among(system - {SHIPPED_FAMILY})


@functools.cache
def _shipped_font_registered() -> bool:
    # matplotlib only knows the fonts of the system and its own; this one is added by path.
    if not SHIPPED_FONT.is_file():
        return False
    font_manager.fontManager.addfont(str(SHIPPED_FONT))
    return True


def fonts_among(system: Collection[str]) -> Fonts:
    """The fonts a chart uses when the machine has the font families `system`; the shipped
    font comes after any of them."""
    latin = _charmap(_LATIN_FAMILY) or frozenset(range(0x20, 0x7F))
    candidates = [family for family in _CJK_FAMILIES if family in system]
    candidates += sorted(
        name for name in system if "cjk" in name.lower() and name not in candidates
    )
    if _shipped_font_registered():
        candidates.append(SHIPPED_FAMILY)
    for family in candidates:
        glyphs = _charmap(family)
        if glyphs is not None and all(ord(char) in glyphs for char in _CJK_PROBE):
            weight = "bold" if _has_bold(family) else "normal"
            return Fonts((family, _LATIN_FAMILY), glyphs | latin, cjk=True, title_weight=weight)
    return Fonts((_LATIN_FAMILY,), latin, cjk=False)


def cjk_font_available() -> bool:
    """Whether Chinese names and titles will be drawn as they are (else the fallbacks are)."""
    return chart_fonts().cjk
