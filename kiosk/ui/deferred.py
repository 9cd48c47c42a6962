"""Run work just after a widget is first painted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# If no paint is seen (a platform that paints children only), run anyway.
FALLBACK_MS = 300


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.callback = callback
        self.fired = False
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.fired and event.type() == QEvent.Type.Paint:
            # After this paint has reached the screen, not during it.
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if self.fired:
            return
        self.fired = True
        parent = self.parent()
        if parent is not None:
            parent.removeEventFilter(self)
        self.callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> QObject:
    """Call ``callback`` once, from the event loop, after ``widget``'s first paint
    (or after ``FALLBACK_MS`` if no paint is seen by then)."""
    return _FirstPaint(widget, callback)
