"""Watch a window's input where it arrives: on its QWindow, not the application.

An application-wide event filter written in Python is called for every
event of every widget: some 850 paint, layout and style events for one
text-size tap, 3-5 ms of Python calls that bought nothing. A filter on the
main window's QWindow sees only what the window system delivers (presses,
touches, keys, window events), which is all the tap guard and the staff
corner watch for.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QWindow
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


class WindowsInput(QObject):
    """``watcher`` on ``window``'s QWindow and on every other window that takes
    the focus (a file dialog on a laptop), until ``stop``."""

    def __init__(self, window: QWidget, watcher: QObject) -> None:
        super().__init__(watcher)
        self.window = window
        self.watcher = watcher
        self._others: list[QWindow] = []
        watch_input(window, watcher)
        app = QGuiApplication.instance()
        self._following = isinstance(app, QGuiApplication)
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._focus_moved)

    def _focus_moved(self, focused: QWindow | None) -> None:
        if focused is None or focused in self._others or focused is self.window.windowHandle():
            return
        focused.installEventFilter(self.watcher)
        self._others.append(focused)
        focused.destroyed.connect(self._forget)

    def _forget(self, gone: QObject) -> None:
        self._others = [other for other in self._others if other is not gone]

    def stop(self) -> None:
        """Take the watcher off every window (once is enough; again is harmless)."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and self._following:
            self._following = False
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusWindowChanged.disconnect(self._focus_moved)
        stop_watching(self.window, self.watcher)
        for other in self._others:
            with contextlib.suppress(RuntimeError):
                other.removeEventFilter(self.watcher)
        self._others = []
