"""A pictogram from the illustration set (``kiosk.pictures``), drawn in the theme's ink.

The SVG is rendered once per picture, size and colour and kept, so a theme
or text-size change costs a dictionary look-up, not an SVG parse. The
picture carries an accessible description (the caption or the question it
illustrates), which Read aloud and screen readers use.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.pictures import Picture, svg_bytes

PICTURE_PX = 72


@functools.lru_cache(maxsize=64)  # bounded: about 2 MB of pixmaps at most
def rendered(picture: str, colour: str, size: int, height: int = 0) -> QPixmap:
    """``picture`` in ``colour`` as a ``size`` x ``height`` pixmap (square when
    ``height`` is 0), cached. A wide picture in a square keeps its shape."""
    renderer = QSvgRenderer(QByteArray(svg_bytes(picture, colour)))
    box = QSize(size, height or size)
    pixmap = QPixmap(box)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    shape = renderer.defaultSize().scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    left, top = (box.width() - shape.width()) / 2, (box.height() - shape.height()) / 2
    renderer.render(painter, QRectF(left, top, shape.width(), shape.height()))
    painter.end()
    return pixmap


@functools.lru_cache(maxsize=64)
def aspect(picture: str) -> float:
    """Width over height of ``picture`` as drawn (1.0 for the square icons)."""
    size = QSvgRenderer(QByteArray(svg_bytes(picture, "#000000"))).defaultSize()
    return size.width() / size.height() if size.height() > 0 else 1.0


def has_picture(picture_id: str) -> bool:
    """True if the illustration set has ``picture_id``."""
    return picture_id in {p.value for p in Picture}


class PictureLabel(QLabel):
    """Shows one pictogram; ``set_ink`` recolours it for the theme."""

    def __init__(
        self,
        picture_id: str,
        size: int = PICTURE_PX,
        parent: QWidget | None = None,
        object_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.picture_id = picture_id
        self.base_px = size
        self.size_px = size
        self.setFixedSize(size, size)
        if object_name:
            self.setObjectName(object_name)
        self.setProperty("role", "picture")
        self._ink = ""
        self._wide = False
        self.set_ink("#1B2631")

    @classmethod
    def figure(cls, picture_id: str, height: int, object_name: str = "") -> PictureLabel:
        """A picture ``height`` high and as wide as its drawing (a page's figure)."""
        picture = cls(picture_id, size=height, object_name=object_name)
        picture._wide = True
        picture.set_picture(picture_id)
        return picture

    def set_scale(self, scale: float) -> None:
        """Grow with the screen's type scale (kiosk.ui.theme.screen_scale)."""
        size = round(self.base_px * scale)
        if size == self.size_px:
            return
        self.size_px = size
        if self._wide and has_picture(self.picture_id):
            self.setFixedSize(round(size * aspect(self.picture_id)), size)
        else:
            self.setFixedSize(size, size)
        self._draw()

    def set_picture(self, picture_id: str) -> None:
        """Show another picture (same height; a figure takes its drawing's width)."""
        self.picture_id = picture_id
        if self._wide and has_picture(picture_id):
            self.setFixedSize(round(self.size_px * aspect(picture_id)), self.size_px)
        self._draw()

    def set_ink(self, colour: str) -> None:
        """Draw the picture in ``colour`` (the theme's text colour)."""
        if colour == self._ink:
            return
        self._ink = colour
        self._draw()

    def _draw(self) -> None:
        if has_picture(self.picture_id):
            self.setPixmap(rendered(self.picture_id, self._ink, self.width(), self.height()))

    def set_description(self, text: str) -> None:
        """What the picture shows, for screen readers and Read aloud."""
        self.setAccessibleName(text)
        self.setAccessibleDescription(text)
