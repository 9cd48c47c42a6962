"""Themes (normal, high contrast) and text sizes, applied as one stylesheet.

The QSS lives in ``assets/styles/base.qss``; this module only fills in the
colours of the chosen theme and the pixel sizes of the chosen text size.
"""

from __future__ import annotations

import functools
import logging
from typing import NamedTuple

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.resources import FONTS_DIR, STYLES_DIR
from kiosk.session import TextSize

log = logging.getLogger(__name__)

FALLBACK_FAMILY = "DejaVu Sans"

# Colour pairs are chosen for contrast: >= 4.5:1 normal, >= 7:1 high contrast
# (tests/test_theme.py computes every text/background pair).
NORMAL = {
    "bg": "#F6F8F9",
    "bar": "#E8EEF1",
    "surface": "#FFFFFF",
    "text": "#1B2631",
    "heading": "#0E3A5B",
    "muted": "#44525E",
    "rule": "#C5D0D8",
    "primary": "#0B5394",
    "primary_dark": "#083D6D",
    "on_primary": "#FFFFFF",
    "pressed": "#D6E4F0",
    "focus": "#C25400",
    "danger": "#A4141C",
    "on_danger": "#FFFFFF",
    "danger_text": "#A4141C",
    "success": "#1E6B32",
    # Result tier bands (with a symbol and words, never colour alone).
    "tier_today": "#C2410C",
    "tier_soon": "#B7791F",
    "tier_routine": "#1D4ED8",
    "tier_self_care": "#1E6B32",
}
HIGH_CONTRAST = {
    "bg": "#000000",
    "bar": "#000000",
    "surface": "#000000",
    "text": "#FFFFFF",
    "heading": "#FFFF00",
    "muted": "#FFFFFF",
    "rule": "#FFFFFF",
    "primary": "#FFFF00",
    "primary_dark": "#CCCC00",
    "on_primary": "#000000",
    "pressed": "#333300",
    "focus": "#00FFFF",
    # The emergency takeover stays red in high contrast too (white on this
    # red is 7.4:1): it must stay the loudest thing on screen, not turn white.
    "danger": "#B00000",
    "on_danger": "#FFFFFF",
    "danger_text": "#FF8080",
    "success": "#80FF80",
    "tier_today": "#FF9933",
    "tier_soon": "#FFFF00",
    "tier_routine": "#66CCFF",
    "tier_self_care": "#80FF80",
}

# Pairs of (text, background) keys actually drawn; the contrast test checks them.
TEXT_PAIRS = [
    ("text", "bg"),
    ("heading", "bg"),
    ("muted", "bg"),
    ("text", "bar"),
    ("muted", "bar"),
    ("primary", "surface"),
    ("primary", "pressed"),
    ("on_primary", "primary"),
    ("on_primary", "primary_dark"),
    ("on_danger", "danger"),
    ("danger", "on_danger"),
    ("text", "surface"),
    ("heading", "surface"),
    ("danger_text", "surface"),
    ("success", "surface"),
]


class Sizes(NamedTuple):
    """Pixel sizes for one text size setting.

    A named tuple, not a dataclass: it is made before the first paint, where
    a dataclass's generated methods cost about half a millisecond to compile.
    """

    body: int
    small: int
    subtitle: int
    title: int
    hero: int
    button: int
    button_h: int


SIZES = {
    TextSize.NORMAL: Sizes(
        body=22, small=18, subtitle=24, title=32, hero=44, button=22, button_h=64
    ),
    TextSize.LARGE: Sizes(
        body=28, small=22, subtitle=28, title=38, hero=52, button=26, button_h=72
    ),
    TextSize.EXTRA_LARGE: Sizes(
        body=34, small=26, subtitle=32, title=44, hero=58, button=30, button_h=80
    ),
}


def ink(high_contrast: bool) -> str:
    """The colour pictures are drawn in: the theme's text colour."""
    return (HIGH_CONTRAST if high_contrast else NORMAL)["text"]


@functools.cache
def font_family() -> str:
    """Load the bundled fonts once; the family name the stylesheet uses."""
    family = ""
    for path in sorted(FONTS_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and not family:
            family = families[0]
    if not family:
        log.warning("no bundled font found in %s; using %s", FONTS_DIR, FALLBACK_FAMILY)
    return family or FALLBACK_FAMILY


@functools.cache
def _template() -> str:
    return (STYLES_DIR / "base.qss").read_text(encoding="utf-8")


# The type scale follows the screen: the sizes above are for a 1280x800
# screen; a larger one scales them up in steps (a wall-mounted 4K screen is
# read from further away), never down (a 1366x768 laptop keeps them).
SCALE_STEPS = (1.0, 1.25, 1.5, 2.0, 2.5)
DESIGN_SIZE = (1280, 800)


def screen_scale(width: int, height: int) -> float:
    """The largest step at most the screen's size over the design size."""
    ratio = min(width / DESIGN_SIZE[0], height / DESIGN_SIZE[1])
    return max([step for step in SCALE_STEPS if step <= ratio + 0.01], default=1.0)


def stylesheet(text_size: TextSize, high_contrast: bool, scale: float = 1.0) -> str:
    """The full stylesheet for a text size, theme and screen scale."""
    values: dict[str, str] = dict(HIGH_CONTRAST if high_contrast else NORMAL)
    sizes = SIZES[text_size]
    values.update({name: str(round(getattr(sizes, name) * scale)) for name in Sizes._fields})
    values["font"] = font_family()
    qss = _template()
    for key, value in values.items():
        qss = qss.replace(f"@{key}@", value)
    return qss


def apply_theme(app: QApplication, text_size: TextSize, high_contrast: bool) -> None:
    """Apply the theme to the whole application (only when it changes)."""
    qss = stylesheet(text_size, high_contrast)
    if app.styleSheet() != qss:
        app.setStyleSheet(qss)
