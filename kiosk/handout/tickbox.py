"""An empty box to check, drawn as a square.

The bundled font has no ballot-box glyph, so the box is drawn; it sits in the
first column of a self-care row, beside the step's picture and text.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from kiosk.handout.styles import INK


class TickBox(Flowable):
    """An empty square about the height of a capital letter of ``style``."""

    def __init__(self, style: ParagraphStyle) -> None:
        super().__init__()
        self.side = style.fontSize * 0.9

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The square plus its line."""
        self.width = self.height = self.side + 2
        return self.width, self.height

    def draw(self) -> None:
        """A stroked square (``re S`` in the page stream)."""
        canvas: Any = self.canv
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(max(1.2, self.side / 9))
        canvas.rect(1, 1, self.side, self.side, stroke=1, fill=0)
        canvas.restoreState()
