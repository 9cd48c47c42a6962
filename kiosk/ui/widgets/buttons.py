"""Big touch buttons: at least 64 px high, named for screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

MIN_TOUCH_PX = 64


def big_button(
    text: str = "", role: str = "", parent: QWidget | None = None, object_name: str = ""
) -> QPushButton:
    """A push button sized for shaky fingers; ``role`` picks its QSS style."""
    button = QPushButton(text, parent)
    button.setMinimumHeight(MIN_TOUCH_PX)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if role:
        button.setProperty("role", role)
    if object_name:
        button.setObjectName(object_name)
    return button


def set_button_text(button: QPushButton, text: str, accessible: str = "") -> None:
    """Set the label and the accessible name together, so they never drift."""
    button.setText(text)
    button.setAccessibleName(accessible or text)


def label(role: str, parent: QWidget | None = None, object_name: str = "") -> QLabel:
    """A word-wrapping label styled by ``role``; not selectable (kiosk)."""
    widget = QLabel(parent)
    widget.setProperty("role", role)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    if object_name:
        widget.setObjectName(object_name)
    return widget
