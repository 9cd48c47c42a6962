"""A self-care step with an empty box to tick, drawn as a square.

The bundled font has no ballot-box glyph, so the box is drawn; the text beside
it is an ordinary paragraph in the embedded font.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph

from kiosk.handout.styles import INK


class TickItem(Flowable):
    """An empty square followed by a paragraph indented past it."""

    def __init__(self, paragraph: Paragraph) -> None:
        super().__init__()
        self.paragraph = paragraph
        style = paragraph.style
        self.side = style.fontSize * 0.8
        self.leading = style.leading
        self.spaceAfter = style.spaceAfter

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Size of the paragraph (which carries the indent for the box)."""
        self.width, self.height = self.paragraph.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        """Draw the box level with the first line, then the text."""
        canvas: Any = self.canv
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(max(1.0, self.side / 10))
        font_size = self.paragraph.style.fontSize
        baseline = self.height - font_size  # first line's baseline, roughly
        canvas.rect(1, baseline - font_size * 0.05, self.side, self.side, stroke=1, fill=0)
        canvas.restoreState()
        self.paragraph.drawOn(canvas, 0, 0)
