"""A pictogram from the illustration set (``kiosk.pictures``), drawn in the theme's ink.

The SVG is rendered once per picture, size and colour and kept, so a theme
or text-size change costs a dictionary look-up, not an SVG parse. The
picture carries an accessible description (the caption or the question it
illustrates), which Read aloud and screen readers use.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.pictures import Picture, svg_bytes

PICTURE_PX = 72


@functools.lru_cache(maxsize=256)
def rendered(picture: str, colour: str, size: int) -> QPixmap:
    """``picture`` in ``colour`` as a ``size`` x ``size`` pixmap (cached)."""
    renderer = QSvgRenderer(QByteArray(svg_bytes(picture, colour)))
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


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
        self.size_px = size
        self.setFixedSize(size, size)
        if object_name:
            self.setObjectName(object_name)
        self.setProperty("role", "picture")
        self._ink = ""
        self.set_ink("#1B2631")

    def set_ink(self, colour: str) -> None:
        """Draw the picture in ``colour`` (the theme's text colour)."""
        if colour == self._ink or not has_picture(self.picture_id):
            return
        self._ink = colour
        self.setPixmap(rendered(self.picture_id, colour, self.size_px))

    def set_description(self, text: str) -> None:
        """What the picture shows, for screen readers and Read aloud."""
        self.setAccessibleName(text)
        self.setAccessibleDescription(text)
