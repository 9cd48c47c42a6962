"""Watch a window's input where it arrives: on its QWindow, not the application.

An application-wide event filter written in Python is called for every
event of every widget: some 850 paint, layout and style events for one
text-size tap, 3-5 ms of Python calls that bought nothing. A filter on the
main window's QWindow sees only what the window system delivers (presses,
touches, keys, window events), which is all the tap guard and the staff
corner watch for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


def watch_input(window: QWidget, watcher: QObject) -> None:
    """Install ``watcher`` on ``window``'s QWindow, now or when it first shows."""
    handle = window.windowHandle()
    if handle is not None:
        handle.installEventFilter(watcher)
        return
    _OnFirstShow(window, watcher)


def stop_watching(window: QWidget, watcher: QObject) -> None:
    """Take ``watcher`` off ``window``'s QWindow (if it got there)."""
    handle = window.windowHandle()
    if handle is not None:
        handle.removeEventFilter(watcher)


class _OnFirstShow(QObject):
    """Moves the watcher onto the QWindow once the window has one (first Show)."""

    def __init__(self, window: QWidget, watcher: QObject) -> None:
        super().__init__(watcher)
        self.window = window
        self.watcher = watcher
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            handle = self.window.windowHandle()
            if handle is not None:
                handle.installEventFilter(self.watcher)
                self.window.removeEventFilter(self)
        return False
