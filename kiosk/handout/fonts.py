"""The bundled fonts, registered once with reportlab so they are embedded.

Atkinson Hyperlegible (regular and bold), made for readers with low vision;
licence and origin in ``assets/fonts/``. One family only: no base-14 (Type 1)
font is used anywhere in the handout.
"""

from __future__ import annotations

import functools

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.resources import FONTS_DIR

REGULAR = "AtkinsonHyperlegible"
BOLD = "AtkinsonHyperlegible-Bold"
FILES = {REGULAR: "AtkinsonHyperlegible-Regular.ttf", BOLD: "AtkinsonHyperlegible-Bold.ttf"}


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register the handout fonts (once per process); returns (regular, bold)."""
    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
    # <b> inside a paragraph maps to the bold face of the same family.
    for italic in (0, 1):
        addMapping(REGULAR, 0, italic, REGULAR)
        addMapping(REGULAR, 1, italic, BOLD)
    return REGULAR, BOLD
