"""Vertical scroll areas, made one way everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QWidget

from kiosk.ui.widgets.properties import set_enum


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
    set_enum(area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # before the first paint
    area.setWidget(content)
    if drag:
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return area
