"""Every text/background colour pair meets WCAG contrast in both themes."""

from __future__ import annotations

import re

import pytest

from kiosk.resources import STYLES_DIR
from kiosk.session import TextSize
from kiosk.ui import theme


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of #RRGGBB."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(
    ("palette", "minimum"), [(theme.NORMAL, 4.5), (theme.HIGH_CONTRAST, 7.0)], ids=["normal", "hc"]
)
def test_every_text_pair_meets_its_ratio(palette: dict[str, str], minimum: float) -> None:
    for fg, bg in theme.TEXT_PAIRS:
        ratio = contrast(palette[fg], palette[bg])
        assert ratio >= minimum, f"{fg} on {bg}: {ratio:.2f} < {minimum}"


def text_pairs_in_stylesheet() -> set[tuple[str, str]]:
    """(text, background) placeholder pairs drawn by the QSS rules."""
    qss = (STYLES_DIR / "base.qss").read_text(encoding="utf-8")
    pairs: set[tuple[str, str]] = set()
    for body in re.findall(r"\{([^}]*)\}", qss):
        fg = re.search(r"(?<![-\w])color:\s*@(\w+)@", body)
        bg = re.search(r"background(?:-color)?:\s*@(\w+)@", body)
        if fg and bg:
            pairs.add((fg.group(1), bg.group(1)))
    return pairs


def test_stylesheet_pairs_are_all_checked() -> None:
    """A rule that sets both colours must be one of the checked pairs."""
    unchecked = text_pairs_in_stylesheet() - set(theme.TEXT_PAIRS)
    assert not unchecked, f"add these pairs to theme.TEXT_PAIRS: {sorted(unchecked)}"


def test_stylesheet_fills_every_placeholder(qapp: object) -> None:
    for size in TextSize:
        for high in (False, True):
            assert "@" not in theme.stylesheet(size, high).replace("@font@", "")
