"""The "Are you still there?" overlay: a countdown and one big button.

A child widget laid over the whole main window (not a dialog), so it works
the same in full screen and in a window, and tests can tap it. It takes
every press and key itself: a tap anywhere on it only dismisses it, on
release, and never reaches the screen beneath (which once answered the
question under the dimmed overlay).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.strings import Strings
from kiosk.ui.widgets.buttons import big_button, label, point_at_buttons, set_button_text


class IdleOverlay(QWidget):
    """Covers its parent; emits ``still_here`` when the visitor taps the button."""

    still_here = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("IdleOverlay")
        # Paint the translucent QSS background of this plain QWidget.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._strings: Strings | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addStretch(1)
        self.panel = QFrame(self)
        self.panel.setObjectName("IdleOverlayPanel")
        self.panel.setMaximumWidth(820)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(48, 40, 48, 40)
        panel_layout.setSpacing(24)
        self.title = label("hero", object_name="idle_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message = label("subtitle", object_name="idle_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.button = big_button(role="primary", object_name="idle_still_here")
        self.button.setMinimumHeight(96)
        self.button.clicked.connect(self._tapped)
        point_at_buttons(self)  # built after the window's own pass
        panel_layout.addWidget(self.title)
        panel_layout.addWidget(self.message)
        panel_layout.addWidget(self.button)
        outer.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._cover()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # ours: the screen beneath never sees it

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self._tapped()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()
        self._tapped()

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def _tapped(self) -> None:
        if self.isHidden():
            return
        self.hide()
        self.still_here.emit()

    def show_countdown(self, strings: Strings, seconds: int) -> None:
        """Show the overlay on top of everything with ``seconds`` to go."""
        self._strings = strings
        self.title.setText(strings("idle.title"))
        set_button_text(self.button, strings("idle.still_here"), strings("idle.still_here"))
        self.set_seconds(seconds)
        self._cover()
        self.show()
        self.raise_()
        self.button.setFocus()

    def set_seconds(self, seconds: int) -> None:
        """Update the countdown text."""
        if self._strings is not None:
            self.message.setText(self._strings("idle.message", seconds=seconds))
