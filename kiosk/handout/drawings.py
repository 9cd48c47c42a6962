"""The illustration set as reportlab flowables (SVG read once by svglib, then cached).

reportlab cannot draw SVG itself; svglib turns each picture into a vector
Drawing once per process, so a warm build pays only for placing it.
"""

from __future__ import annotations

import copy
import functools
import io
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from svglib.svglib import svg2rlg

from kiosk.handout.fonts import register_fonts
from kiosk.pictures import Picture, svg_bytes

INK_HEX = "#111111"  # the handout's ink: legible in grayscale

# renderPDF starts each drawing by setting its default font (Helvetica, a
# base-14 font the handout never embeds); the pictures have no text, so the
# handout's own font is named instead.
STATE_DEFAULTS["fontName"] = register_fonts()[0]


@functools.cache
def _drawing(picture: Picture) -> Drawing | None:
    drawing = svg2rlg(io.BytesIO(svg_bytes(picture, INK_HEX)))
    return drawing


def picture_flowable(picture_id: str, height: float, width: float | None = None) -> Drawing | None:
    """``picture_id`` scaled to fit ``height`` (and ``width``, default the same) points.

    None for an unknown or broken picture.
    """
    try:
        base = _drawing(Picture(picture_id))
    except (ValueError, OSError):
        return None
    if base is None or not base.height:
        return None
    scale = min(height / base.height, (width or height) / base.width)
    drawing = copy.copy(base)  # shallow: shares the shapes, own size and transform
    # (a form XObject per picture was tried: it pulls Helvetica into the page resources)
    drawing.__dict__["picture_id"] = picture_id  # Drawing checks attribute names
    drawing.width, drawing.height = base.width * scale, base.height * scale
    drawing.transform = (scale, 0, 0, scale, 0, 0)
    return drawing


class PictureFlowable(Drawing):
    """A Drawing drawn once per PDF as a form XObject and reused on every later use."""

    picture_id: str = ""

    def drawOn(self, canvas: object, x: float, y: float, _sW: float = 0) -> None:
        """Place the picture; the first use in a document defines its form."""
        canv: Any = canvas
        name = f"pic_{self.picture_id}_{round(self.width)}"
        done: set[str] = canv.__dict__.setdefault("_kiosk_forms", set())
        if name not in done:
            canv.beginForm(name, 0, 0, self.width, self.height)
            renderPDF.draw(self, canv, 0, 0, showBoundary=False)
            canv.endForm()
            done.add(name)
        canv.saveState()
        canv.translate(x, y)
        canv.doForm(name)
        canv.restoreState()
