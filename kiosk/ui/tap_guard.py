"""Swallows the second tap of a double tap once the screen has changed under it.

A shaky or hurried finger often taps twice. When the first tap changes what
is on screen (the next question, a dismissed overlay, a new page), the
second would land on a control the visitor never saw: an unseen question
answered "No", a second Start over. ``TapGuard`` drops a press that comes
within ``GUARD_MS`` of the previous one when the screen changed in between
(``arm``). Taps on a screen that did not change are never dropped, so the
staff corner's five quick taps still count.

It watches presses where the window system delivers them (the QWindow), by
their own timestamps, so the interval is the finger's, not the event loop's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QInputEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.input_watch import stop_watching, watch_input

GUARD_MS = 300
PRESSES = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
    }
)


class TapGuard(QObject):
    """Watches the window's presses; ``arm`` after anything that changes the screen."""

    def __init__(self, parent: QObject | None = None, guard_ms: int = GUARD_MS) -> None:
        super().__init__(parent)
        self.guard_ms = guard_ms
        self._last_press: int | None = None
        self._armed = False
        self.swallowed = 0  # how many presses were dropped (tests read it)
        self._window = parent if isinstance(parent, QWidget) else None
        if self._window is not None:
            watch_input(self._window, self)  # its QWindow's input only (kiosk.ui.input_watch)
        else:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)

    def arm(self) -> None:
        """The screen just changed: a press right after the last one is a double tap."""
        self._armed = True

    def stop(self) -> None:
        """Stop watching."""
        if self._window is not None:
            stop_watching(self._window, self)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in PRESSES or not isinstance(watched, QWindow):
            return False
        if not isinstance(event, QInputEvent):
            return False
        stamp = int(event.timestamp())
        last = self._last_press
        if self._armed and last is not None and 0 <= stamp - last < self.guard_ms:
            self.swallowed += 1
            return True
        if event.type() is not QEvent.Type.MouseButtonDblClick:
            self._last_press = stamp
            self._armed = False
        return False
