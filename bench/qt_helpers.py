"""Qt helpers for the in-process measurements: app, window, taps, paint waits."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.content import ContentPack, load_content
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow

PAINT_TIMEOUT_S = 2.0


def application() -> QApplication:
    """The running QApplication, or a new one."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(["kiosk-bench"])


def make_window(content: ContentPack | None = None) -> MainWindow:
    """A shown 1280x800 main window, built as ``kiosk.app`` builds it."""
    application()
    window = MainWindow(ScreenContext(content=content or load_content(), session=Session()))
    window.resize(1280, 800)
    window.show()
    settle()
    return window


def settle() -> None:
    """Deliver every pending event (layouts, paints), as the event loop would.

    ``processEvents`` outside ``exec()`` never runs ``deleteLater``; the event
    loop of the real app does, so the deferred deletes are sent here too
    (without this the soak saw every replaced PDF preview document stay
    alive, +38 MB over 1,000 sessions, a leak the app does not have).
    """
    app = application()
    # Deletes first: in the app's loop they run as they are posted, before
    # what a reset queues after them (kiosk.memory.tidy).
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class PaintProbe(QObject):
    """Notes a Paint event on ``target``.

    It filters the target's own events only. An application-wide Python
    filter (as this once was) sees every event of every widget, a few
    hundred per tap, and added about 1 ms to each figure it measured; the
    kiosk itself has no such filter (kiosk.ui.input_watch). A repaint of
    anything inside the target paints the target too (its background lies
    under what changed), so its own Paint event marks the moment.
    """

    def __init__(self) -> None:
        super().__init__()
        self._target: QWidget | None = None
        self.painted = False

    @property
    def target(self) -> QWidget | None:
        return self._target

    @target.setter
    def target(self, widget: QWidget | None) -> None:
        if widget is self._target:
            return
        if self._target is not None:
            self._target.removeEventFilter(self)
        self._target = widget
        if widget is not None:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted and event.type() == QEvent.Type.Paint and watched is self._target:
            self.painted = True
        return False

    def remove(self) -> None:
        """Stop watching."""
        self.target = None


def tap(button: QPushButton) -> None:
    """A real mouse click in the middle of ``button``."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def tap_until_painted(probe: PaintProbe, button: QPushButton, target: QWidget) -> float:
    """Tap, then process events until ``target`` has painted; milliseconds.

    The Paint event is seen before the widget draws; the processEvents call
    that delivered it returns only after the whole repaint (and flush), so
    the time covers tap, refresh, layout and painting.
    """
    app = application()
    probe.target = target
    probe.painted = False
    start = time.perf_counter()
    tap(button)
    deadline = start + PAINT_TIMEOUT_S
    while not probe.painted:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError(
                f"{target.objectName()} did not paint after tapping {button.objectName()}"
            )
    return (time.perf_counter() - start) * 1000.0
