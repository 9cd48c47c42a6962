"""A button that acts only after being held down for a while.

Staff clear the emergency screen with it: a patient's tap (or a brush of the
screen) does nothing, a deliberate 3-second press does. The button fills
from the left as it is held, so staff can see it working.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.widgets.buttons import MIN_TOUCH_PX

HOLD_MS = 3000
TICK_MS = 50


class HoldButton(QPushButton):
    """Emits ``held`` once it has been pressed for ``hold_ms`` without letting go."""

    held = Signal()

    def __init__(self, parent: QWidget | None = None, hold_ms: int = HOLD_MS) -> None:
        super().__init__(parent)
        self.hold_ms = hold_ms
        self.setMinimumHeight(MIN_TOUCH_PX)
        self._started: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.pressed.connect(self._start)
        self.released.connect(self.cancel)

    @property
    def progress(self) -> float:
        """How far the hold has got, 0.0 to 1.0 (0 when not held)."""
        if self._started is None:
            return 0.0
        return min(1.0, (time.monotonic() - self._started) * 1000 / self.hold_ms)

    def cancel(self) -> None:
        """Let go early: nothing happens, the fill empties."""
        self._timer.stop()
        self._started = None
        self.update()

    def _start(self) -> None:
        self._started = time.monotonic()
        self._timer.start()
        self.update()

    def _tick(self) -> None:
        if self.progress >= 1.0:
            self.cancel()
            self.held.emit()
            return
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._started is None:
            return
        painter = QPainter(self)
        colour = QColor(self.palette().buttonText().color())
        colour.setAlpha(70)
        width = self.width() * self.progress
        painter.fillRect(QRectF(0, 0, width, self.height()), colour)
        painter.end()
