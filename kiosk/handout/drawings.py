"""The illustration set as reportlab flowables (SVG read once by svglib, then cached).

reportlab cannot draw SVG itself; svglib turns each picture into a vector
Drawing once per process. Drawing that Drawing again on every sheet costs
about 2 ms a picture, so each picture at each size is drawn once onto a
scratch canvas and its page operators (paths and colours only) are kept;
a warm build pastes them in.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
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
    drawing: Drawing | None = svg2rlg(io.BytesIO(svg_bytes(picture, INK_HEX)))
    return drawing


def _scaled(base: Drawing, scale: float) -> Drawing:
    drawing = Drawing(base.width * scale, base.height * scale)
    drawing.add(base, "picture")
    drawing.contents[0].transform = (scale, 0, 0, scale, 0, 0)
    return drawing


@functools.cache
def _operators(picture: Picture, scale: float) -> tuple[str, ...] | None:
    """The picture's page operators at ``scale``; None if it needs page resources.

    Only paths and colours can be pasted into another document: a font
    (``Tf``) or a transparency state (``gs``) is named in the scratch
    document's resources, so such a picture is drawn afresh each time.
    """
    base = _drawing(picture)
    if base is None:
        return None
    canvas = Canvas(io.BytesIO())
    code: list[str] = canvas._code
    start = len(code)
    renderPDF.draw(_scaled(base, scale), canvas, 0, 0, showBoundary=False)
    ops = [op for op in code[start:] if not op.startswith("BT ")]  # the unused default font
    if any(" gs" in op or " Tf" in op or " Do" in op for op in ops):
        return None
    return tuple(ops)


class PictureFlowable(Flowable):
    """One picture of the illustration set, ``width`` x ``height`` points."""

    def __init__(self, picture: Picture, scale: float) -> None:
        super().__init__()
        base = _drawing(picture)
        assert base is not None
        self.picture = picture
        self.scale = scale
        self.width = base.width * scale
        self.height = base.height * scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Its own size, whatever the room."""
        return self.width, self.height

    def draw(self) -> None:
        """Paste the cached operators (or draw the Drawing when they cannot be cached)."""
        canvas: Any = self.canv
        ops = _operators(self.picture, self.scale)
        if ops is None:
            base = _drawing(self.picture)
            assert base is not None
            renderPDF.draw(_scaled(base, self.scale), canvas, 0, 0, showBoundary=False)
            return
        canvas.saveState()
        canvas._code.extend(ops)
        canvas.restoreState()


def picture_flowable(
    picture_id: str, height: float, width: float | None = None
) -> PictureFlowable | None:
    """``picture_id`` scaled to fit ``height`` (and ``width``, default the same) points.

    None for an unknown or broken picture.
    """
    try:
        picture = Picture(picture_id)
        base = _drawing(picture)
    except (ValueError, OSError):
        return None
    if base is None or not base.height or not base.width:
        return None
    scale = min(height / base.height, (width or height) / base.width)
    return PictureFlowable(picture, round(scale, 4))
