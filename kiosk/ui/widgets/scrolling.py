"""Vertical scroll areas, made one way everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from kiosk.ui.widgets.properties import set_enum


def scroll_area(
    content: QWidget, object_name: str, drag: bool = False, touch: bool = True
) -> QScrollArea:
    """``content`` in a frameless area that scrolls up and down, never sideways.

    A finger on a touch screen drags it, with kinetic scrolling, everywhere
    (Qt's touch gesture, which lets taps on buttons through at once).
    ``drag`` lets a mouse drag it instead (only where the area holds no buttons:
    that gesture holds back presses to tell a drag from a tap).
    """
    area = QScrollArea()
    area.setObjectName(object_name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    set_enum(area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # before the first paint
    area.setWidget(content)
    if touch or drag:
        grab_touch(area, drag)
    return area


def grab_touch(area: QScrollArea, drag: bool = False) -> None:
    """Kinetic scrolling for ``area`` (``touch=False`` above leaves it for later:
    grabbing a gesture builds Qt's enum namespace, too slow before the first paint)."""
    from PySide6.QtWidgets import QScroller  # its type and enums: not before the first paint

    gesture = QScroller.ScrollerGestureType
    QScroller.grabGesture(
        area.viewport(), gesture.LeftMouseButtonGesture if drag else gesture.TouchGesture
    )
