"""Vertical scroll areas, made one way everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QWidget


def scroll_area(content: QWidget, object_name: str, drag: bool = False) -> QScrollArea:
    """``content`` in a frameless area that scrolls up and down, never sideways.

    ``drag`` lets a finger drag the text, as on a phone (only where the area
    holds text, not buttons: the gesture holds back presses to tell a drag
    from a tap).
    """
    area = QScrollArea()
    area.setObjectName(object_name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    if drag:
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return area
